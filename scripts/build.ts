/**
 * Builds the browser bundles (one per page) with esbuild into dist/. Called by `npm start`
 * and `npm test` (each skips it when nothing changed); nobody runs it by hand. To add a page:
 * add its entry point to PAGES.
 */
import { build } from 'esbuild';
import { existsSync, writeFileSync } from 'node:fs';
import { isFresh } from './server-bundle.mjs';

export const PAGES: Record<string, string> = {
  // name → entry point; the server serves it as /assets/<name>.js
  'customer-board': 'displays/customer-board/customer-board.ts',
  'dispatch-board': 'displays/dispatch-board/dispatch-board.ts',
  'bay-board': 'displays/bay-board/bay-board.ts',
  'display-pairing': 'displays/pairing/display-pairing.ts',
  'display-fleet': 'displays/fleet/display-fleet.ts',
  'scan-page': 'displays/scan-page/scan-page.ts',
  // Loaded by the scan page only when the browser has no BarcodeDetector (keeps its bundle small).
  'scan-decoder': 'displays/scan-page/jsqr-decoder.ts',
  'check-in-kiosk': 'kiosk/check-in-kiosk.ts',
  'tracking-page': 'kiosk/tracking/tracking-page.ts',
};

const META = 'dist/build-meta.json';

/**
 * Bundle every page into dist/ — unless the bundles there are newer than every file the last
 * build read (sources, lit, tsconfig) and were built the same way. Skipping saves a start a
 * second of CPU, which matters most when a restarted server has thousands of screens waiting.
 */
export async function buildBundles(options: { minify?: boolean } = {}): Promise<void> {
  const entryPoints = Object.fromEntries(Object.entries(PAGES).filter(([, entry]) => existsSync(entry)));
  if (!Object.keys(entryPoints).length) return;
  const minify = options.minify ?? true;
  const outputs = Object.keys(entryPoints).map((name) => `dist/${name}.js`);
  if (isFresh({ meta: META, outputs, alsoInputs: ['tsconfig.json', 'scripts/build.ts'], expect: { minify, entryPoints } })) return;
  const result = await build({
    entryPoints,
    outdir: 'dist',
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify,
    sourcemap: true,
    legalComments: 'none',
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
    metafile: true,
  });
  writeFileSync(META, JSON.stringify({ minify, entryPoints, inputs: Object.keys(result.metafile.inputs) }));
}

if (import.meta.url === `file://${process.argv[1]}`) await buildBundles();
