/**
 * `npm test`: builds the browser bundles, runs every uvu suite (unit, integration, browser)
 * file by file in its own process, and ends with one line `N passed, M failed` summed over
 * everything that ran, so a run that executed no test can never look green.
 *
 * Pass folders or file names to run a subset: `npm test -- server/store`.
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { ensureServerBundle } from './server-bundle.mjs';

const ROOTS = ['shared', 'server', 'web', 'config', 'tests'];
const root = process.cwd();

async function findTests(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') found.push(...(await findTests(path)));
    else if (entry.isFile() && entry.name.endsWith('.test.ts')) found.push(path);
  }
  return found.sort();
}

/**
 * A file that has not finished in this time is stopped (its whole process group, servers and
 * browsers it started included) and counted as failed, so one hang cannot eat CI's budget. The
 * slowest file takes under two minutes on a busy machine.
 */
const FILE_LIMIT_MS = Number(process.env.TEST_FILE_LIMIT_S ?? 600) * 1000;

function runFile(file: string): Promise<{ passed: number; failed: number; output: string; code: number }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'node_modules/uvu/bin.js', relative(root, dirname(file)), `^${basename(file).replaceAll('.', '\\.')}$`],
      {
        cwd: root,
        env: { ...process.env, FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    let output = '';
    let timedOut = false;
    const limit = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, FILE_LIMIT_MS);
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      clearTimeout(limit);
      if (timedOut) output += `\nstopped: not finished after ${FILE_LIMIT_MS / 1000} s\n`;
      output = output.replace(/\x1b\[[0-9;]*m/g, '');
      const total = Number(/Total:\s+(\d+)/.exec(output)?.[1] ?? 0);
      const passed = Number(/Passed:\s+(\d+)/.exec(output)?.[1] ?? 0);
      // A file that crashed before uvu could count still counts as one failure.
      const failed = code === 0 ? total - passed : Math.max(1, total - passed);
      resolve({ passed, failed, output, code: code ?? 1 });
    });
  });
}

const args = process.argv.slice(2);
const dirs = args.length ? args : ROOTS;
const files = (await Promise.all(dirs.map((d) => (d.endsWith('.test.ts') ? [join(root, d)] : findTests(join(root, d)))))).flat();

// Built once here rather than by test files side by side (each skips it when nothing changed).
const { buildBundles } = await import('./build');
await buildBundles();
await ensureServerBundle();

let passed = 0;
let failed = 0;
for (const file of files) {
  const started = Date.now();
  const result = await runFile(file);
  passed += result.passed;
  failed += result.failed;
  const mark = result.failed ? 'FAIL' : 'ok  ';
  console.log(`${mark} ${relative(root, file)}  (${result.passed} passed, ${result.failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (result.failed || process.env.TEST_VERBOSE) console.log(result.output.replace(/^/gm, '     │ '));
}
console.log(`\n${files.length} test files`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || passed === 0 ? 1 : 0);
