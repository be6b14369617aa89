/**
 * `npm run build`: everything `npm start` and the operator's tools run, into dist/ — the browser
 * bundles (one per page, built here with esbuild) and the server with its tools
 * (scripts/server-bundle.mjs). `npm start` and `npm test` call it only when dist/ is missing or
 * older than the sources. To add a page: add its entry point to PAGES.
 */
import { build } from 'esbuild';
import { existsSync, writeFileSync } from 'node:fs';
import { isFresh, PAGES_ALSO_INPUTS, PAGES_META } from './dist.mjs';
import { ensureServerBundle } from './server-bundle.mjs';

export const PAGES: Record<string, string> = {
  // name → entry point; the server serves it as /assets/<name>.js
  'customer-board': 'web/boards/customer/customer-board.ts',
  'dispatch-board': 'web/boards/dispatch/dispatch-board.ts',
  'bay-board': 'web/boards/bay/bay-board.ts',
  'display-pairing': 'web/admin/pairing/display-pairing.ts',
  'display-fleet': 'web/admin/fleet/display-fleet.ts',
  'scan-page': 'web/phone/scan/scan-page.ts',
  // Loaded by the scan page only when the browser has no BarcodeDetector (keeps its bundle small).
  'scan-decoder': 'web/common/jsqr-decoder.ts',
  'check-in-kiosk': 'web/kiosk/check-in-kiosk.ts',
  'tracking-page': 'web/phone/tracking/tracking-page.ts',
  'reports-page': 'web/admin/reports/reports-page.ts',
  'plan-page': 'web/desk/plan/plan-page.ts',
  'reminders-page': 'web/desk/reminders/reminders-page.ts',
  // The tracking page's push service worker; served as /push-sw.js so its scope can be /t/.
  'push-sw': 'web/phone/tracking/push-sw.ts',
};

/**
 * Bundle every page into dist/ — unless the bundles there are newer than every file the last
 * build read (sources, lit, tsconfig) and were built the same way. Skipping saves a start a
 * second of CPU, which matters most when a restarted server has thousands of screens waiting.
 */
export async function buildBundles(options: { minify?: boolean; force?: boolean } = {}): Promise<void> {
  const entryPoints = Object.fromEntries(Object.entries(PAGES).filter(([, entry]) => existsSync(entry)));
  if (!Object.keys(entryPoints).length) return;
  const minify = options.minify ?? true;
  const outputs = Object.keys(entryPoints).map((name) => `dist/${name}.js`);
  if (!options.force && isFresh({ meta: PAGES_META, outputs, alsoInputs: PAGES_ALSO_INPUTS, expect: { minify, entryPoints } })) return;
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
  writeFileSync(PAGES_META, JSON.stringify({ minify, entryPoints, inputs: Object.keys(result.metafile.inputs) }));
}

/** The pages and the server bundles; `force` rebuilds even what is fresh (as `npm run build` does). */
export async function buildAll(options: { force?: boolean } = {}): Promise<void> {
  await buildBundles({ force: options.force });
  await ensureServerBundle({ force: options.force });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  await buildAll({ force: true });
  console.log(`dist/ built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
