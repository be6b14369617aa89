import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { refusedAddress, refusedUrl } from './addresses';
import { httpSender } from './send';

const Addresses = suite('webhook addresses (SSRF)');

Addresses('refuses loopback, link-local, metadata, multicast and unspecified addresses; allows private LAN and public ones', () => {
  for (const ip of [
    '127.0.0.1',
    '127.8.9.10',
    '::1',
    '0.0.0.0',
    '169.254.169.254',
    '169.254.1.1',
    '100.100.100.200',
    'fe80::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '64:ff9b::a9fe:a9fe',
    '224.0.0.1',
    '::',
    'ff02::1',
  ])
    assert.ok(refusedAddress(ip, false), `${ip} refused`);
  for (const ip of ['10.0.0.5', '172.16.3.4', '192.168.1.10', 'fd12:3456::1', '8.8.8.8', '100.64.0.1', '2001:db8::1'])
    assert.is(refusedAddress(ip, false), undefined, `${ip} allowed`);
});

Addresses('WEBHOOKS_ALLOW_LOOPBACK lets loopback through, never link-local or metadata', () => {
  assert.is(refusedAddress('127.0.0.1', true), undefined);
  assert.is(refusedAddress('::1', true), undefined);
  assert.ok(refusedAddress('169.254.169.254', true));
  assert.ok(refusedAddress('100.100.100.200', true));
});

Addresses('a URL is checked by the addresses its name resolves to', async () => {
  assert.match((await refusedUrl('http://localhost:9/x', false))!, /loopback/);
  assert.is(await refusedUrl('http://localhost:9/x', true), undefined);
  assert.match((await refusedUrl('http://[::1]/x', false))!, /loopback/);
  assert.ok(await refusedUrl('file:///etc/passwd', false));
  assert.ok(await refusedUrl('http://user:pw@10.0.0.1/', false));
  assert.is(await refusedUrl('http://10.1.2.3/hooks', false), undefined);
});

Addresses('the sender refuses a name that resolves to loopback at connection time, and sends nothing', async () => {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  try {
    const send = httpSender({ allowLoopback: false });
    const byName = await send({ url: `http://localhost:${port}/`, headers: {}, body: '{}' });
    assert.ok(byName.refused, JSON.stringify(byName));
    const byIp = await send({ url: `http://127.0.0.1:${port}/`, headers: {}, body: '{}' });
    assert.ok(byIp.refused);
    assert.is(hits, 0);
    const allowed = await httpSender({ allowLoopback: true })({ url: `http://localhost:${port}/`, headers: {}, body: '{}' });
    assert.is(allowed.status, 200);
    assert.is(hits, 1);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});

Addresses('redirects are not followed: a 3xx is the answer', async () => {
  let followed = 0;
  const server = createServer((req, res) => {
    if (req.url === '/moved') {
      followed++;
      res.end('ok');
      return;
    }
    res.writeHead(302, { location: '/moved' }).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const result = await httpSender({ allowLoopback: true })({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, headers: {}, body: '{}' });
    assert.is(result.status, 302);
    assert.is(followed, 0);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});

Addresses.run();
