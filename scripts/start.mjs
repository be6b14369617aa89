/**
 * `npm start`: build dist/ when it is missing or older than the sources (scripts/dist.mjs; never
 * in a production copy, which has no sources), then run the server bundle in this process.
 * Node flags (the young generation's size) come from package.json's script.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDist, SERVER_BUNDLE } from './dist.mjs';

await ensureDist();
await import(pathToFileURL(resolve(SERVER_BUNDLE)).href);
