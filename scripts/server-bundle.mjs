/**
 * The server as one ES module, dist/server/main.mjs, bundled by esbuild from server/main.ts
 * (npm packages stay in node_modules), and beside it the operator's tools (journal, backup,
 * restore, cluster) from scripts/<tool>.ts. `npm start` and the tools run them with plain node:
 * loading ~200 TypeScript files through tsx's loader made every start ~0.6 s slower on an idle
 * machine and seconds slower on a busy one, and a restarted server's screens wait for it; and a
 * production install has neither tsx nor esbuild (both are dev dependencies).
 * Plain JavaScript, so starting needs no TypeScript loader at all; types in server-bundle.d.mts.
 * The bundles are not minified and mark where each source file begins, so a stack trace is
 * readable as it is; the source maps beside them are for debuggers (`--enable-source-maps` would
 * parse one on every start, which cost a loaded machine half a second).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { isFresh, SERVER_ALSO_INPUTS, SERVER_BUNDLE, SERVER_META, serverOutputs, TOOLS } from './dist.mjs';

export { isFresh, SERVER_BUNDLE };

/**
 * Build the server bundle and the tools unless they are fresh (or `force`); returns the server
 * bundle's path (relative to the repository).
 */
export async function ensureServerBundle({ force = false } = {}) {
  if (!force && isFresh({ meta: SERVER_META, outputs: serverOutputs(), alsoInputs: SERVER_ALSO_INPUTS })) return SERVER_BUNDLE;
  // Imported here, not at the top: dist.mjs and start.mjs must load without the build tools.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: { main: 'server/main.ts', ...Object.fromEntries(TOOLS.map((tool) => [tool, `scripts/${tool}.ts`])) },
    outdir: 'dist/server',
    outExtension: { '.js': '.mjs' },
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
