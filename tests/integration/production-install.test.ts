/**
 * The Dockerfile's steps on the host (no image registry is reachable here): `npm run build`, a
 * copy of what a production install needs (RUNTIME_FILES, the list the Dockerfile copies), `npm ci
 * --omit=dev` there from the npm cache, then the server and the operator's tools with plain node.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildAll } from '../../scripts/build';
import { RUNTIME_FILES } from '../../scripts/dist.mjs';
import { startFlags } from '../../scripts/start-flags';
import { freePort } from '../helpers/ports';

interface Ctx {
  dir: string;
  dataDir: string;
  url: string;
  server?: ChildProcess;
}
const test = suite<Ctx>('a production install: dist/ with production dependencies only', {} as Ctx);

const inCopy = (ctx: Ctx, command: string, args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: ctx.dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });

test.before(async (ctx) => {
  await buildAll();
  ctx.dir = mkdtempSync(join(tmpdir(), 'tw-prod-'));
  ctx.dataDir = join(ctx.dir, 'data');
  for (const file of RUNTIME_FILES) {
    mkdirSync(dirname(join(ctx.dir, file)), { recursive: true });
    cpSync(file, join(ctx.dir, file), { recursive: true });
  }
  // From the npm cache: the registry need not answer, and only the lock file's versions install.
  // Without install scripts: the one production package that has one is better-sqlite3, whose
  // native addon compiles SQLite from source when no prebuilt binary can be fetched (minutes on
  // these machines, every run). The copy takes the addon this checkout's `npm ci` built instead:
  // the same version (one lock file) for the same Node.
  const install = await inCopy(ctx, 'npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts']);
  assert.is(install.code, 0, `npm ci --omit=dev failed:\n${install.out}`);
  cpSync('node_modules/better-sqlite3/build', join(ctx.dir, 'node_modules/better-sqlite3/build'), { recursive: true });
});

test.after(async (ctx) => {
  if (ctx.server) await stop(ctx.server);
  rmSync(ctx.dir, { recursive: true, force: true });
});

test('installs no build tool: neither esbuild, tsx, typescript nor puppeteer is in node_modules', (ctx) => {
  for (const tool of ['esbuild', 'tsx', 'typescript', 'puppeteer', '@esbuild']) {
    assert.not.ok(existsSync(join(ctx.dir, 'node_modules', tool)), `${tool} is installed`);
  }
  assert.ok(existsSync(join(ctx.dir, 'node_modules', 'express')), 'the production dependencies are');
});

/** Start scripts/start.mjs in `dir` as npm start does, and wait for /healthz 200 (or fail with its output). */
async function startIn(dir: string, dataDir: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...startFlags(), 'scripts/start.mjs'], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: 'production', DEMO: 'false', PORT: String(port), PUBLIC_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = { child, url, output: '' };
  child.stdout!.on('data', (d) => (started.output += d));
  child.stderr!.on('data', (d) => (started.output += d));
  const deadline = Date.now() + 30_000;
  let status = 0;
  while (Date.now() < deadline && child.exitCode === null) {
    status = await fetch(`${url}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.is(status, 200, `no /healthz 200 within 30 s:\n${started.output}`);
  return started;
}

const stop = (child: ChildProcess) =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(undefined);
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });

test("starts the server with plain node (npm start's flags) and answers /healthz", async (ctx) => {
  const started = await startIn(ctx.dir, ctx.dataDir);
  ctx.server = started.child;
  ctx.url = started.url;
  assert.not.match(started.output, /warning: dist\/ is older/, 'an installed copy has no sources to compare with');
  assert.ok(existsSync(join(ctx.dataDir, 'history.sqlite')), `the history read model opened on SQLite (the native addon loads):\n${started.output}`);
});

test("serves a board page and the script it names, and not the server's own bundle", async (ctx) => {
  const page = await fetch(`${ctx.url}/display/customer`);
  assert.is(page.status, 200);
  const html = await page.text();
  const src = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
  assert.ok(src, `the page names no script:\n${html}`);
  const script = await fetch(new URL(src!, ctx.url));
  assert.is(script.status, 200);
  assert.match(script.headers.get('content-type') ?? '', /javascript/);
  assert.ok((await script.text()).length > 10_000, "the board's bundle");
  assert.is((await fetch(`${ctx.url}/assets/server/main.mjs`)).status, 404);
  assert.is((await fetch(`${ctx.url}/assets/build-meta.json`)).status, 404);
});

test("runs the operator's tools from dist/: journal verify and backup, while the server runs", async (ctx) => {
  const verify = await inCopy(ctx, process.execPath, ['scripts/run-built.mjs', 'journal', 'verify', '--data-dir', ctx.dataDir]);
  assert.is(verify.code, 0, verify.out);
  assert.match(verify.out, /is sound/);
  const backup = await inCopy(ctx, process.execPath, ['scripts/run-built.mjs', 'backup', join(ctx.dir, 'b.twb'), '--data-dir', ctx.dataDir]);
  assert.is(backup.code, 0, backup.out);
  assert.match(backup.out, /Backup written to .*\(verified\)/);
});

test('a checkout installed without dev dependencies runs its older dist/ with a warning, not a failed build', async (ctx) => {
  const checkout = mkdtempSync(join(tmpdir(), 'tw-checkout-'));
  // Not the data dir (the running server's lock is in it); the installed packages by a link.
  const skip = ['data', 'node_modules'].map((name) => join(ctx.dir, name));
  cpSync(ctx.dir, checkout, { recursive: true, filter: (source) => !skip.some((dir) => source.startsWith(dir)) });
  symlinkSync(join(ctx.dir, 'node_modules'), join(checkout, 'node_modules'));
  // Sources newer than dist/, as after a `git pull` with no `npm run build`.
  for (const source of ['server/main.ts', 'scripts/build.ts']) {
    mkdirSync(dirname(join(checkout, source)), { recursive: true });
    writeFileSync(join(checkout, source), '// newer than dist/\n');
  }
  try {
    const started = await startIn(checkout, join(checkout, 'data'));
    await stop(started.child);
    assert.match(started.output, /warning: dist\/ is older than the sources, but the build tools \(dev dependencies\) are not installed/);
  } finally {
    rmSync(checkout, { recursive: true, force: true });
  }
});

test("the Dockerfile copies exactly these files into its image and starts it with npm start's flags", () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8').replace(/\\\n/g, ' ');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const copied = [...runtime.matchAll(/^COPY\s+(.+)$/gm)].flatMap(([, args]) => {
    const words = args!.split(/\s+/).filter((w) => !w.startsWith('--'));
    return words.slice(0, -1).map((source) => source.replace(/^\/app\//, ''));
  });
  assert.equal(copied.sort(), [...RUNTIME_FILES].sort());
  const cmd = JSON.parse(/^CMD\s+(\[.+\])$/m.exec(runtime)![1]!) as string[];
  assert.equal(cmd, ['node', ...startFlags(), 'scripts/start.mjs']);
});

test('refuses to start a copy without dist/, saying what to do', async (ctx) => {
  const bare = mkdtempSync(join(tmpdir(), 'tw-nodist-'));
  mkdirSync(join(bare, 'scripts'));
  for (const file of ['scripts/start.mjs', 'scripts/dist.mjs']) cpSync(join(ctx.dir, file), join(bare, file));
  const inBare = await inCopy({ ...ctx, dir: bare }, process.execPath, ['scripts/start.mjs']);
  rmSync(bare, { recursive: true, force: true });
  assert.is.not(inBare.code, 0);
  assert.match(inBare.out, /dist\/server\/main\.mjs is missing.*npm run build/);
});

test.run();
