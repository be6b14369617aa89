import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aDraft } from '../../tests/helpers/events';
import { deleteKeys, findRedis, reportNoRedis, startPrivateRedis, uniquePrefix } from '../../tests/helpers/redis';
import { silentLogger } from '../log';
import { StoreUnavailableError } from './event-store';
import { contractSuite } from './event-store.contract';
import { RedisEventStore } from './redis-store';
import { RedisKeys } from './redis-keys';

const redis = await findRedis();

if ('reason' in redis) {
  reportNoRedis('redis event store', redis.reason);
} else {
  const openStore = (prefix: string) => RedisEventStore.open({ url: redis.url, prefix, log: silentLogger });

  contractSuite(`redis (${redis.origin})`, async () => {
    const prefix = uniquePrefix('contract');
    let current = await openStore(prefix);
    return {
      store: current,
      async reopen() {
        await current.close();
        current = await openStore(prefix);
        return current;
      },
      async cleanup() {
        await current.close();
        await deleteKeys(redis.url, prefix);
      },
    };
  });

  const layout = suite('redis store: keys and availability');

  layout('keeps every key under its prefix, in the documented layout', async () => {
    const prefix = uniquePrefix('layout');
    const store = await openStore(prefix);
    try {
      await store.append(aDraft({ storeId: 'store-a' }), 0);
      await store.saveSnapshot('store-a', { seq: 1, ros: [], appointments: [] });
      const keys = new RedisKeys(prefix);
      const expected = [keys.log('store-a'), keys.seq('store-a'), keys.idempotency('store-a'), keys.snapshot('store-a'), keys.stores()];
      assert.equal(expected.every((k) => k.startsWith(`${prefix}:`)), true);
      assert.is(keys.log('store-a'), `${prefix}:store:{store-a}:log`);
    } finally {
      await store.close();
      const deleted = await deleteKeys(redis.url, prefix);
      assert.is(deleted, 5, 'log, seq, keys, snap and the store set');
    }
  });

  layout('refuses to build a key from a store id that could alias another store', () => {
    const keys = new RedisKeys('tw');
    assert.throws(() => keys.log('a}:x'), /not a valid store id/);
    assert.throws(() => new RedisKeys('bad prefix*'), /prefix/);
  });

  layout('fails to open with StoreUnavailableError naming the URL when nothing listens', async () => {
    const own = await startPrivateRedis();
    await own.stop(); // a port where, a moment ago, Redis was: now nothing answers
    const err = await RedisEventStore.open({ url: own.url, log: silentLogger, connectAttempts: 2 }).then(() => undefined, (e: unknown) => e);
    assert.instance(err, StoreUnavailableError);
    assert.match((err as Error).message, `127.0.0.1:${own.port}`);
  });

  layout('fails fast with StoreUnavailableError while Redis is down, and works again once it is back', async () => {
    const own = await startPrivateRedis();
    const store = await RedisEventStore.open({ url: own.url, prefix: uniquePrefix('outage'), log: silentLogger });
    try {
      assert.is((await store.append(aDraft(), 0)).status, 'appended');
      await own.stop();
      for (const attempt of [() => store.append(aDraft(), 1), () => store.read('store-a', 0), () => store.lastSeq('store-a')]) {
        const err = await attempt().then(() => undefined, (e: unknown) => e);
        assert.instance(err, StoreUnavailableError);
        assert.match((err as Error).message, /unavailable/);
      }
      const down = await store.status();
      assert.is(down.ok, false);

      await own.restart(); // empty again: this Redis keeps nothing on disk
      let status = await store.status();
      for (let i = 0; i < 200 && !status.ok; i++) {
        await new Promise((r) => setTimeout(r, 50));
        status = await store.status();
      }
      assert.ok(status.ok, `reconnected: ${status.detail}`);
      assert.is((await store.append(aDraft(), 0)).status, 'appended');
    } finally {
      await store.close();
      await store.close();
      await own.stop();
    }
  });

  layout.run();

  const teardown = suite('redis store: teardown');
  teardown.after(() => redis.stop());
  teardown.run();
}
