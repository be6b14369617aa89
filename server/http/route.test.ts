import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aRepairOrderInput } from '../../tests/helpers/build';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';

const Body = suite('JSON bodies: the plain-request reader answers as body-parser does');
let server: TestServer;
let ros: string;
const S = 'store-a';

Body.before(async () => {
  server = await startTestServer({ shop: aTestShop() });
  ros = `/api/stores/${S}/repair-orders`;
});
Body.after(() => server.close());

/** A raw POST (so headers and bytes are exactly as given), answered with status and error code. */
const post = (path: string, body: Buffer | string, headers: Record<string, string>) =>
  new Promise<{ status: number; code?: string }>((resolve, reject) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const req = request(
      `${server.url}${path}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, code: text.startsWith('{') ? JSON.parse(text).error?.code : undefined }));
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });

Body('takes a body with a BOM, surrounding whitespace or an explicit UTF-8 charset, as body-parser does', async () => {
  const json = JSON.stringify(aRepairOrderInput());
  assert.is((await post(ros, json, {})).status, 201);
  assert.is((await post(ros, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]), {})).status, 201);
  assert.is((await post(ros, ` \n${JSON.stringify(aRepairOrderInput())}\t`, {})).status, 201);
  assert.is((await post(ros, JSON.stringify(aRepairOrderInput()), { 'content-type': 'application/json; charset=UTF-8' })).status, 201);
});

Body('refuses what body-parser refuses, with the same codes', async () => {
  assert.equal(await post(ros, '{"vehicle":', {}), { status: 400, code: 'invalid_json' });
  assert.equal(await post(ros, 'null', {}), { status: 400, code: 'invalid_json' }, 'strict: an object or array at the top');
  assert.equal(await post(ros, '   ', {}), { status: 400, code: 'invalid_json' });
  assert.equal(await post(ros, '{}', { 'content-type': 'application/json; charset=koi8-r' }), { status: 415, code: 'unsupported_media_type' });
  assert.equal(await post(ros, JSON.stringify(aRepairOrderInput({ description: 'x'.repeat(110_000) })), {}), { status: 413, code: 'payload_too_large' });
  // An empty body is `{}`, which the schema then refuses field by field.
  assert.equal(await post(ros, '', {}), { status: 400, code: 'invalid_input' });
});

Body('leaves compressed bodies to body-parser, which inflates them', async () => {
  const zipped = gzipSync(JSON.stringify(aRepairOrderInput()));
  assert.is((await post(ros, zipped, { 'content-encoding': 'gzip' })).status, 201);
});

Body.run();
