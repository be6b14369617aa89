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
