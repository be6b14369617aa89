/**
 * `npm start`: rebuild the server bundle if its sources changed (scripts/server-bundle.mjs), then
 * run it in this process. Node flags (the young generation's size) come from package.json's script.
 */
import { pathToFileURL } from 'node:url';
import { ensureServerBundle } from './server-bundle.mjs';

await import(pathToFileURL(await ensureServerBundle()).href);
