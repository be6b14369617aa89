import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { PAGES } from '../../scripts/build';

/**
 * The kiosk and the tracking page load on a kiosk's and a customer's phone network: each stays
 * under 60 KB gzipped and carries no zod (client checks use the zod-free shared rules; the server
 * validates everything with the schemas).
 */
for (const name of ['check-in-kiosk', 'tracking-page']) {
  test(`${name}: no zod, at most 60 KB gzipped`, async () => {
    const result = await build({
      entryPoints: [PAGES[name]!],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      write: false,
      metafile: true,
      tsconfig: 'tsconfig.json',
      logLevel: 'error',
      legalComments: 'none',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.equal(
      inputs.filter((i) => /node_modules\/zod\//.test(i)),
      [],
      'no zod in the bundle',
    );
    assert.equal(
      inputs.filter((i) => i.startsWith('server/')),
      [],
      'no server code in the bundle',
    );
    const gzipped = gzipSync(result.outputFiles[0]!.contents).length;
    assert.ok(gzipped <= 60 * 1024, `${name} is ${(gzipped / 1024).toFixed(1)} KB gzipped`);
  });
}

test.run();
