/**
 * `npm run lint` (from the root): ESLint over the tree, then Prettier over the tree (.prettierignore).
 * `npm run lint -- --fix` fixes what both can. Installs this folder's own packages first when
 * they are missing or older than its lock file (see package.json here for why they are apart).
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const HERE = 'tools/lint';

const mtime = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;

if (mtime(`${HERE}/node_modules/.package-lock.json`) < mtime(`${HERE}/package-lock.json`)) {
  const installed = run('npm', ['ci', '--prefix', HERE, '--no-audit', '--no-fund', '--loglevel=error']);
  if (installed) process.exit(installed);
}
const fix = process.argv.includes('--fix');
const eslint = run(`${HERE}/node_modules/.bin/eslint`, ['-c', `${HERE}/eslint.config.js`, ...(fix ? ['--fix'] : []), '.']);
const prettier = run(`${HERE}/node_modules/.bin/prettier`, ['--config', `${HERE}/prettier.config.js`, fix ? '--write' : '--check', '.']);
process.exit(eslint || prettier);
