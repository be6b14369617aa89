/**
 * `node scripts/run-built.mjs <tool> [args]` — what `npm run journal|backup|restore|cluster|history|privacy`
 * run: the tool's bundle in dist/server/ with plain node, built first only in a checkout whose
 * dist/ is missing or stale. So the operator's verify, backup and restore work on a production
 * install without dev dependencies.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDist, TOOLS } from './dist.mjs';

const [tool, ...args] = process.argv.slice(2);
if (!TOOLS.includes(tool)) {
  console.error(`usage: node scripts/run-built.mjs ${TOOLS.join('|')} [arguments]`);
  process.exit(1);
}
await ensureDist();
// The tool reads its arguments from process.argv as if it had been started itself.
const bundle = resolve(`dist/server/${tool}.mjs`);
process.argv = [process.argv[0], bundle, ...args];
await import(pathToFileURL(bundle).href);
