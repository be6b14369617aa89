import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aCreateRepairOrder, aDraft } from '../../tests/helpers/events';
import { createDatabase, findPostgres, reportNoPostgres } from '../../tests/helpers/postgres';
import { tcpProxy } from '../../tests/helpers/tcp-proxy';
import { silentLogger } from '../log';
import { StoreUnavailableError } from './event-store';
import { contractSuite } from './event-store.contract';
import { PostgresEventStore, StoreNotEmptyError } from './postgres-store';

const postgres = await findPostgres();

if ('reason' in postgres) {
  reportNoPostgres('postgres event store', postgres.reason);
} else {
  const openStore = (url: string) => PostgresEventStore.open({ url, log: silentLogger });

  contractSuite(`postgres (${postgres.origin})`, async () => {
    const db = await createDatabase(postgres.url, 'contract');
    let current = await openStore(db.url);
    return {
      store: current,
      async reopen() {
        await current.close();
        current = await openStore(db.url);
        return current;
      },
      async cleanup() {
        await current.close();
        await db.drop();
      },
    };
  });

  const own = suite('postgres store: schema, records and availability');

  own('creates its schema once, as version 1, and two processes opening at once both succeed', async () => {
    const db = await createDatabase(postgres.url, 'schema');
    try {
      const stores = await Promise.all([openStore(db.url), openStore(db.url), openStore(db.url)]);
      for (const s of stores) await s.close();
      const versions = await db.sql('SELECT version FROM schema_version ORDER BY version');
      assert.equal(
        versions.rows.map((r) => r.version),
        [1],
      );
      const tables = await db.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
      assert.equal(
        tables.rows.map((r) => r.table_name),
        ['events', 'schema_version', 'snapshots'],
      );
    } finally {
      await db.drop();
    }
  });

  own('gives back every field of a record exactly as appended, whatever it holds', async () => {
    const db = await createDatabase(postgres.url, 'opaque');
    const store = await openStore(db.url);
    try {
      // The shape of events is changing (commands become facts); the store must not care.
      const draft = {
        ...aDraft(),
        command: undefined,
        type: 'repairOrderOpened',
        v: 2,
        data: { note: 'nul \u0000 and 京A·12345', n: 1.5, deep: [{ a: null }] },
      };
      delete (draft as { command?: unknown }).command;
      const result = await store.append(draft as never, 0);
      assert.is(result.status, 'appended');
      const [read] = await store.read('store-a', 0);
      assert.equal(read, { ...draft, seq: 1 });
      assert.equal(await store.findByKey('store-a', draft.key), { ...draft, seq: 1 });
    } finally {
      await store.close();
      await db.drop();
    }
  });

  own('refuses a second event at a seq even when written by hand, and never leaves a gap', async () => {
    const db = await createDatabase(postgres.url, 'pk');
    const store = await openStore(db.url);
    try {
      await store.append(aDraft({ command: aCreateRepairOrder() }), 0);
      const err = await db.sql("INSERT INTO events (store_id, seq, key, at, record) VALUES ('store-a', 1, 'x', now(), '{}')").then(
        () => undefined,
        (e: Error) => e,
      );
      assert.match(String(err), /events_pkey/);
      assert.equal(await store.append(aDraft(), 5), { status: 'conflict', currentSeq: 1 });
    } finally {
      await store.close();
      await db.drop();
    }
  });

  own('fails to open with StoreUnavailableError naming the server when nothing listens', async () => {
    const proxy = await tcpProxy(5432);
    const port = new URL(proxy.url).port;
    await proxy.close(); // a port where, a moment ago, something listened: now nothing answers
    const err = await PostgresEventStore.open({ url: `postgres://postgres@127.0.0.1:${port}/postgres`, log: silentLogger, connectAttempts: 2 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.instance(err, StoreUnavailableError);
    assert.match((err as Error).message, `127.0.0.1:${port}`);
  });

  own('fails with StoreUnavailableError while the link is cut, and works again once it is back', async () => {
    const db = await createDatabase(postgres.url, 'outage');
    const target = new URL(db.url);
    const proxy = await tcpProxy(Number(target.port || 5432), target.hostname);
    target.host = new URL(proxy.url).host;
    const store = await PostgresEventStore.open({ url: target.toString(), log: silentLogger, queryTimeoutMs: 2000 });
    try {
      assert.is((await store.append(aDraft(), 0)).status, 'appended');
      proxy.refuse(true);
      proxy.cutAll();
      for (const attempt of [() => store.append(aDraft(), 1), () => store.read('store-a', 0), () => store.lastSeq('store-a')]) {
        const err = await attempt().then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.instance(err, StoreUnavailableError);
        assert.match((err as Error).message, /unavailable/);
      }
      const down = await store.status();
      assert.is(down.ok, false);
      assert.is(down.kind, 'postgres');

      proxy.refuse(false);
      assert.ok((await store.status()).ok, 'the pool connects again by itself');
      assert.is((await store.append(aDraft(), 1)).status, 'appended');
    } finally {
      await store.close();
      await proxy.close();
      await db.drop();
    }
  });

  own('importLogs writes whole logs with their seqs in one transaction, or nothing when a batch fails or a store already has a snapshot', async () => {
    const db = await createDatabase(postgres.url, 'importlogs');
    const store = await openStore(db.url);
    const events = (storeId: string, n: number) => Array.from({ length: n }, (_, i) => ({ ...aDraft({ storeId }), seq: i + 1 }));
    async function* batches(...groups: (ReturnType<typeof events> | Error)[]) {
      for (const group of groups) {
        if (group instanceof Error) throw group;
        yield group;
      }
    }
    try {
      const broken = new Error('the source broke');
      const failed = await store.importLogs(batches(events('store-a', 3), broken)).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.is(failed, broken, 'the source\'s own error, not "unavailable"');
      assert.is(await store.lastSeq('store-a'), 0, 'rolled back');

      await store.saveSnapshot('store-c', { seq: 1, ros: [], appointments: [] });
      const refused = await store.importLogs(batches(events('store-b', 2), events('store-c', 2))).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.instance(refused, StoreNotEmptyError);
      assert.match((refused as Error).message, 'store store-c already has a snapshot');
      assert.is(await store.lastSeq('store-b'), 0, 'rolled back');

      const written = await store.importLogs(batches(events('store-a', 2), events('store-b', 3)));
      assert.equal(
        [...written],
        [
          ['store-a', 2],
          ['store-b', 3],
        ],
      );
      assert.equal(
        (await store.read('store-b', 0)).map((e) => e.seq),
        [1, 2, 3],
      );
      assert.is((await store.append(aDraft({ storeId: 'store-b' }), 3)).status, 'appended', 'appends go on from the imported seq');
    } finally {
      await store.close();
      await db.drop();
    }
  });

  own.run();
}
