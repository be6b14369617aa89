import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PairedPayload } from '../../../shared/protocol';
import { startTestServer, type TestServer } from '../../../tests/helpers/server';
import { tcpProxy } from '../../../tests/helpers/tcp-proxy';
import { PairingLink, renewDelay, type PairingStatus } from './pairing-link';

const Renew = suite('renewDelay');
const NOW = Date.parse('2025-03-04T10:00:00Z');
const inMs = (ms: number) => new Date(NOW + ms).toISOString();

Renew('asks for a new code a minute before the old one expires', () => {
  assert.is(renewDelay(inMs(10 * 60_000), NOW), 9 * 60_000);
  assert.is(renewDelay(inMs(5 * 60_000), NOW), 4 * 60_000);
});
Renew('keeps a sane pace when this screen’s clock is far off the server’s', () => {
  assert.is(renewDelay(inMs(-3600_000), NOW), 20_000, 'clock ahead: not a storm of requests');
  assert.is(renewDelay(inMs(3600_000), NOW), 9 * 60_000, 'clock behind: still before the real expiry');
  assert.is(renewDelay('not a time', NOW), 20_000);
});
Renew.run();

let server: TestServer;
const Link = suite('PairingLink against the real server');
Link.before(async () => {
  server = await startTestServer();
});
Link.after(async () => {
  // A failed assertion must not leave a link reconnecting (its timers would keep the run alive).
  for (const link of links) link.stop();
  await server.close();
});

/** Polls; the deadline only turns a hang into a failure (generous: CI machines can be busy). */
const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 2400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`gave up waiting for ${what}`);
};
const links: PairingLink[] = [];
const aLink = (options: ConstructorParameters<typeof PairingLink>[0]) => {
  const link = new PairingLink(options);
  links.push(link);
  return link;
};

Link('shows a code, and hands over the token and board URL when an admin binds it', async () => {
  const store = server.service.storeConfigs[0]!;
  let paired: PairedPayload | undefined;
  const link = aLink({ url: server.url, onPaired: (p) => (paired = p) });
  link.start();
  await until(() => link.status.state === 'showing', 'a code');
  assert.match(link.status.code!, /^[A-Z0-9]{6}$/);
  assert.ok(link.status.renewAt! > Date.now());

  const res = await server.api('POST', `/api/stores/${store.id}/displays`, { code: link.status.code, name: 'Dispatch wall', board: 'dispatch' });
  assert.is(res.status, 201);
  await until(() => !!paired, 'the paired event');
  assert.ok(paired!.url.startsWith('/display/dispatch?'), paired!.url);
  assert.ok(server.auth.verifyDisplayToken(paired!.token));
  assert.is(link.status.state, 'paired');
  link.stop();
});

Link('after losing the server it hides the dead code, reconnects by itself and shows a fresh one', async () => {
  const proxy = await tcpProxy(server.port);
  try {
    const link = aLink({ url: proxy.url, backoff: { min: 20, max: 100 } });
    // Every status the link goes through: the reconnect can be quicker than any polling.
    const seen: PairingStatus[] = [];
    link.subscribe(() => seen.push(link.status));
    link.start();
    await until(() => link.status.state === 'showing', 'a code');
    const first = link.status.code!;

    proxy.cutAll();
    await until(() => seen.some((s) => s.state === 'showing' && s.code !== first), 'a new code');
    const lost = seen.findIndex((s) => s.state === 'reconnecting');
    assert.ok(lost > 0, 'the link noticed the loss');
    assert.is(seen[lost]!.code, undefined, 'a code from a lost socket no longer works, so it is not shown');
    const res = await server.api('POST', `/api/stores/${server.service.storeConfigs[0]!.id}/displays`, { code: first, name: 'Old code', board: 'customer' });
    assert.is(res.status, 404, 'the code shown before the loss is no longer accepted');
  } finally {
    await proxy.close();
  }
});

Link('reloads itself when it comes back to a server running a new build (the version is in the pair answer)', async () => {
  const proxy = await tcpProxy(server.port);
  const upgraded = await startTestServer({ version: 'next-build' });
  try {
    let reloads = 0;
    const link = aLink({ url: proxy.url, backoff: { min: 20, max: 100 }, reload: () => reloads++ });
    link.start();
    await until(() => link.status.state === 'showing', 'a code from the first server');
    assert.is(reloads, 0, 'the same build: no reload');
    proxy.retarget(upgraded.port);
    proxy.cutAll();
    await until(() => reloads > 0, 'the reload for the new build');
    assert.is(reloads, 1);
  } finally {
    await proxy.close();
    await upgraded.close();
  }
});

Link.run();
