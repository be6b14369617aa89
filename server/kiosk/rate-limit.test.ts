import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { silentLogger } from '../log';
import { deleteKeys, findRedis, reportNoRedis, uniquePrefix } from '../../tests/helpers/redis';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './rate-limit';

const LIMIT = { max: 3, windowSeconds: 60 };

const Memory = suite('MemoryRateLimiter');

Memory('refuses the attempt after the limit until the window ends, per subject', async () => {
  let now = 1_000_000;
  const limiter = new MemoryRateLimiter(() => now);
  for (let i = 1; i <= 3; i++) assert.equal(await limiter.take('plate', '京A12345', LIMIT), { ok: true, count: i });
  assert.equal(await limiter.take('plate', '京A12345', LIMIT), { ok: false, retryAfterMs: 60_000 });
  assert.ok((await limiter.take('plate', '京A54321', LIMIT)).ok, 'another plate has its own window');
  assert.ok((await limiter.take('kiosk', '京A12345', LIMIT)).ok, 'another scope has its own window');
  now += 60_000;
  assert.ok((await limiter.take('plate', '京A12345', LIMIT)).ok, 'a new window opens');
});

const BACKOFF = { baseMs: 1000, capMs: 8000, forgetMs: 60_000 };

Memory('counts only what is not given back', async () => {
  const limiter = new MemoryRateLimiter(() => 1_000_000);
  for (let i = 0; i < 10; i++) {
    assert.ok((await limiter.take('plate', 'P', LIMIT)).ok);
    await limiter.refund('plate', 'P');
  }
  assert.is(await limiter.count('plate', 'P'), 0);
  for (let i = 0; i < 3; i++) await limiter.take('plate', 'P', LIMIT);
  assert.is((await limiter.take('plate', 'P', LIMIT)).ok, false);
});

Memory(
  'growing delays: 1, 2, 4, 8 s after failures in a row, capped; a claim blocks a parallel one; giving a claim back leaves the run as it was',
  async () => {
    let now = 1_000_000;
    const limiter = new MemoryRateLimiter(() => now);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const claim = await limiter.claim('dev', 'D', BACKOFF);
      assert.ok(claim.ok, `try ${i + 1}`);
      const parallel = await limiter.claim('dev', 'D', BACKOFF);
      assert.is(parallel.ok, false, 'a second try while the first is being checked waits');
      await limiter.settle('dev', 'D', true, BACKOFF);
      const next = await limiter.claim('dev', 'D', BACKOFF);
      if (!next.ok) waits.push(next.retryAfterMs);
      now += next.ok ? 0 : next.retryAfterMs;
    }
    assert.equal(waits, [1000, 2000, 4000, 8000, 8000]);
    const granted = await limiter.claim('dev', 'D', BACKOFF);
    assert.ok(granted.ok);
    await limiter.settle('dev', 'D', false, BACKOFF);
    assert.ok((await limiter.claim('dev', 'D', BACKOFF)).ok, 'a claim given back does not make the next try wait');
    await limiter.reset('dev', 'D');
    assert.equal(await limiter.claim('dev', 'D', BACKOFF), { ok: true, failures: 0 });
  },
);

Memory.run();

const found = await findRedis();
if ('reason' in found) reportNoRedis('RedisRateLimiter', found.reason);
else {
  const Redis = suite(`RedisRateLimiter (${found.origin})`);
  const prefix = uniquePrefix('kiosk-rl');
  const limiters: RateLimiter[] = [];
  Redis.after(async () => {
    for (const l of limiters) await l.close();
    await deleteKeys(found.url, prefix);
    await found.stop();
  });

  Redis('shares one count between limiters, as between server processes, and keeps no plate in its keys', async () => {
    const a = await RedisRateLimiter.open(found.url, prefix, silentLogger);
    const b = await RedisRateLimiter.open(found.url, prefix, silentLogger);
    limiters.push(a, b);
    assert.ok((await a.take('plate', '京A12345', LIMIT)).ok);
    assert.ok((await b.take('plate', '京A12345', LIMIT)).ok);
    assert.ok((await a.take('plate', '京A12345', LIMIT)).ok);
    const refused = await b.take('plate', '京A12345', LIMIT);
    assert.is(refused.ok, false);
    assert.ok(!refused.ok && refused.retryAfterMs > 0 && refused.retryAfterMs <= 60_000);
    const { createClient } = await import('redis');
    const client = createClient({ url: found.url });
    await client.connect();
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}:*` })) keys.push(...batch);
    client.destroy();
    assert.is(keys.length, 1);
    assert.not.match(keys[0]!, /京|12345/);
  });

  Redis('refunds, claims and failures are shared between limiters, as between server processes', async () => {
    let now = 5_000_000;
    const a = await RedisRateLimiter.open(found.url, prefix, silentLogger, () => now);
    const b = await RedisRateLimiter.open(found.url, prefix, silentLogger, () => now);
    limiters.push(a, b);
    assert.ok((await a.take('fails', 'P', LIMIT)).ok);
    await b.refund('fails', 'P');
    assert.is(await a.count('fails', 'P'), 0);
    const backoff = { baseMs: 1000, capMs: 8000, forgetMs: 60_000 };
    assert.ok((await a.claim('pin', 'D', backoff)).ok);
    assert.is((await b.claim('pin', 'D', backoff)).ok, false, 'claimed on one process, the other waits');
    await a.settle('pin', 'D', true, backoff);
    now += 1000;
    const second = await b.claim('pin', 'D', backoff);
    assert.equal(second, { ok: true, failures: 1 });
    await b.settle('pin', 'D', true, backoff);
    const waiting = await a.claim('pin', 'D', backoff);
    assert.equal(waiting, { ok: false, retryAfterMs: 2000, failures: 2 });
    now += 2000;
    assert.ok((await a.claim('pin', 'D', backoff)).ok);
    await a.settle('pin', 'D', false, backoff);
    assert.ok((await b.claim('pin', 'D', backoff)).ok, 'given back: no wait');
    await b.reset('pin', 'D');
    assert.equal(await a.claim('pin', 'D', backoff), { ok: true, failures: 0 });
  });

  Redis('a refused attempt does not extend the lock', async () => {
    const a = await RedisRateLimiter.open(found.url, prefix, silentLogger);
    limiters.push(a);
    const short = { max: 1, windowSeconds: 1 };
    assert.ok((await a.take('plate', 'X1', short)).ok);
    const first = await a.take('plate', 'X1', short);
    const second = await a.take('plate', 'X1', short);
    assert.ok(!first.ok && !second.ok && second.retryAfterMs <= first.retryAfterMs);
  });

  Redis.run();
}
