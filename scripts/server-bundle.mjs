/**
 * The server as one ES module, dist/server/main.mjs, bundled by esbuild from server/main.ts
 * (npm packages stay in node_modules). `npm start` and `npm run cluster` run it with plain node:
 * loading ~200 TypeScript files through tsx's loader made every start ~0.6 s slower on an idle
 * machine and seconds slower on a busy one, and a restarted server's screens wait for it.
 * Plain JavaScript, so starting needs no TypeScript loader at all; types in server-bundle.d.mts.
 * The bundle is not minified and marks where each source file begins, so a stack trace is
 * readable as it is; the source map beside it is for debuggers (`--enable-source-maps` would
 * parse it on every start, which cost a loaded machine half a second).
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

export const SERVER_BUNDLE = 'dist/server/main.mjs';
const SERVER_META = 'dist/server/build-meta.json';

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

/** Build the server bundle unless it is fresh; returns its path (relative to the repository). */
export async function ensureServerBundle() {
  const alsoInputs = ['scripts/server-bundle.mjs', 'tsconfig.json', 'package.json'];
  if (isFresh({ meta: SERVER_META, outputs: [SERVER_BUNDLE], alsoInputs })) return SERVER_BUNDLE;
  const result = await build({
    entryPoints: ['server/main.ts'],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
    metafile: true,
    write: false,
  });
  // Written beside and renamed into place: test processes start servers side by side, and none
  // may import a half-written file.
  mkdirSync('dist/server', { recursive: true });
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  writeFileSync(SERVER_META, JSON.stringify({ inputs: Object.keys(result.metafile.inputs) }));
  return SERVER_BUNDLE;
}
