/**
 * What `npm start` and the operator's commands need from dist/: whether it is there and as new as
 * the sources, and building it (through scripts/build.ts) only when it is not.
 *
 * Plain JavaScript with no npm imports, so a production copy (dist/ plus `npm ci --omit=dev`,
 * no esbuild, no tsx) runs it too: there the sources are absent and dist/ is simply used.
 * Paths are relative to the working directory, where npm runs scripts (the package's root).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SERVER_BUNDLE = 'dist/server/main.mjs';
export const SERVER_META = 'dist/server/build-meta.json';
export const PAGES_META = 'dist/build-meta.json';
/** The operator's command-line tools, bundled beside the server: `node scripts/run-built.mjs <name>`. */
export const TOOLS = ['journal', 'backup', 'restore', 'cluster', 'history', 'privacy'];
/** What a production installation needs besides `npm ci --omit=dev` (the Dockerfile copies the same). */
export const RUNTIME_FILES = ['dist', 'config', 'scripts/start.mjs', 'scripts/run-built.mjs', 'scripts/dist.mjs', 'package.json', 'package-lock.json'];

const mtime = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs;

/**
 * Whether a build can be skipped: its meta file (`{inputs: [...]}` from esbuild's metafile, plus
 * whatever else the build wants to compare) matches `expect`, every output exists, and every file
 * the last build read — and `alsoInputs` — is older than the oldest output.
 */
export function isFresh({ meta: metaFile, outputs, alsoInputs = [], expect = {} }) {
  let meta;
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8'));
  } catch {
    return false;
  }
  if (Object.entries(expect).some(([key, value]) => JSON.stringify(meta[key]) !== JSON.stringify(value))) return false;
  const built = Math.min(...outputs.map((file) => mtime(file) ?? -Infinity));
  return [...meta.inputs, ...alsoInputs].every((file) => (mtime(file) ?? Infinity) < built);
}

export const serverOutputs = () => [SERVER_BUNDLE, ...TOOLS.map((tool) => `dist/server/${tool}.mjs`)];
export const SERVER_ALSO_INPUTS = ['scripts/server-bundle.mjs', 'scripts/dist.mjs', 'tsconfig.json', 'package.json'];
export const PAGES_ALSO_INPUTS = ['tsconfig.json', 'scripts/build.ts'];

/** The pages' outputs as the last build recorded them (its entry points), or none. */
function pageOutputs() {
  try {
    return Object.keys(JSON.parse(readFileSync(PAGES_META, 'utf8')).entryPoints).map((name) => `dist/${name}.js`);
  } catch {
    return [];
  }
}

/** Whether dist/ holds everything `npm start` and the tools run, no older than its sources. */
export function distIsFresh() {
  const pages = pageOutputs();
  return (
    pages.length > 0 &&
    isFresh({ meta: SERVER_META, outputs: serverOutputs(), alsoInputs: SERVER_ALSO_INPUTS }) &&
    isFresh({ meta: PAGES_META, outputs: pages, alsoInputs: PAGES_ALSO_INPUTS })
  );
}

/** Whether this is a checkout with sources (else an installed copy of dist/, which cannot build). */
export const hasSources = () => existsSync('server/main.ts') && existsSync('scripts/build.ts');

/**
 * Make sure dist/ can be run: in a checkout, build what is missing or older than its sources
 * (so `npm install && npm start` works on a fresh clone); in an installed copy, use dist/ as it is.
 * A checkout installed without dev dependencies runs the dist/ it has, with a warning.
 */
export async function ensureDist() {
  if (!hasSources()) {
    if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing and there are no sources to build it from: copy dist/ from \`npm run build\``);
    return;
  }
  if (distIsFresh()) return;
  let tsImport;
  try {
    ({ tsImport } = await import('tsx/esm/api'));
  } catch {
    if (!existsSync(SERVER_BUNDLE))
      throw new Error('dist/ is missing and the build tools are not installed: run `npm ci` (with dev dependencies) and `npm run build`');
    console.warn('warning: dist/ is older than the sources, but the build tools (dev dependencies) are not installed; running dist/ as it is');
    return;
  }
  const { buildAll } = await tsImport(pathToFileURL(resolve('scripts/build.ts')).href, import.meta.url);
  await buildAll();
}
