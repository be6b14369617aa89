import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRo } from '../../tests/helpers/build';
import { databaseUrl, findPostgres, reportNoPostgres } from '../../tests/helpers/postgres';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';
import { RETRY_SCHEDULE_MS } from './outbox';

/** The outbox in PostgreSQL: a restart mid-retry, and two processes ticking at once send each message once. */
const Pg = suite('webhooks: the outbox in PostgreSQL');
const S = 'store-a';
let clock = Date.parse('2026-12-07T08:00:00Z');
const options = { now: () => clock, random: () => 0.5 };

const found = await findPostgres();
if ('reason' in found) {
  reportNoPostgres('webhooks in PostgreSQL', found.reason);
} else {
  const name = `dms_webhooks_${randomUUID().slice(0, 8)}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: found.url });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  const url = databaseUrl(found.url, name);
  const hits: { id: string; status: number }[] = [];
  let failNext = 0;
  const rx = createServer((req, res) => {
    req.resume();
    const status = failNext-- > 0 ? 500 : 200;
    hits.push({ id: String(req.headers['webhook-id']), status });
    res.writeHead(status).end();
  });
  let rxUrl = '';
  Pg.before(async () => {
    await admin(`CREATE DATABASE "${name}"`);
    await new Promise<void>((r) => rx.listen(0, '127.0.0.1', r));
    rxUrl = `http://127.0.0.1:${(rx.address() as AddressInfo).port}/`;
  });
  Pg.after(async () => {
    await new Promise<void>((r) => rx.close(() => r()));
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  Pg('a retry survives a restart; two servers ticking together send every message exactly once', async () => {
    const first = await startTestServer({ shop: aTestShop(), databaseUrl: url, webhooks: options });
    let a: TestServer | undefined, b: TestServer | undefined;
    try {
      assert.is((await first.api('POST', '/api/webhooks', { url: rxUrl })).status, 201);
      failNext = 1;
      await createRo(first, S);
      await first.webhooks!.outbox.feedAll();
      await first.webhooks!.outbox.tick();
      assert.equal(
        hits.map((h) => h.status),
        [500],
      );
      await first.close();

      clock += RETRY_SCHEDULE_MS[0]!;
      a = await startTestServer({ shop: aTestShop(), databaseUrl: url, webhooks: options });
      b = await startTestServer({ shop: aTestShop(), databaseUrl: url, webhooks: options });
      for (let i = 0; i < 5; i++) await createRo(i % 2 ? a : b, S);
      await Promise.all([a.webhooks!.outbox.feedAll(), b.webhooks!.outbox.feedAll()]);
      await Promise.all([a.webhooks!.outbox.tick(), b.webhooks!.outbox.tick(), a.webhooks!.outbox.tick()]);
      await Promise.all([a.webhooks!.outbox.tick(), b.webhooks!.outbox.tick()]);
      const ok = hits.filter((h) => h.status === 200).map((h) => h.id);
      assert.is(ok.length, 6, JSON.stringify(hits));
      assert.is(new Set(ok).size, 6, 'no message sent twice');
      const seqs = ok.map((id) => Number(id.split('_').pop()));
      assert.equal(
        seqs,
        [...seqs].sort((x, y) => x - y),
        'in the order of the log',
      );
    } finally {
      await a?.close();
      await b?.close();
    }
  });
}

Pg.run();
