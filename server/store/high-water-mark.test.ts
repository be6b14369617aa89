import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deleteKeys, findRedis, reportNoRedis, uniquePrefix } from '../../tests/helpers/redis';
import { silentLogger } from '../log';
import { RedisHighWaterMarks } from './high-water-mark';

const found = await findRedis();
if ('reason' in found) reportNoRedis('high-water marks', found.reason);
else {
  const redis = found;
  const prefix = uniquePrefix('hwm').replaceAll(':', '-');
  const marks = await RedisHighWaterMarks.open(redis.url, prefix, silentLogger);
  test.after(async () => {
    await marks.close();
    await deleteKeys(redis.url, prefix);
    await redis.stop();
  });

  /** raise() does not wait: read until the mark shows `seq` (a failure deadline, not a speed bound). */
  async function until(storeId: string, seq: number): Promise<number | undefined> {
    let now: number | undefined;
    for (let i = 0; i < 200 && now !== seq; i++) {
      now = (await marks.read()).get(storeId);
      if (now !== seq) await new Promise((r) => setTimeout(r, 50));
    }
    return now;
  }

  test('keeps the highest seq per store, and a lower one never replaces it', async () => {
    marks.raise('store-a', 5);
    marks.raise('store-b', 2);
    assert.is(await until('store-a', 5), 5);
    marks.raise('store-a', 3); // a process that is behind, or a late answer
    marks.raise('store-b', 4);
    assert.is(await until('store-b', 4), 4);
    assert.equal([...(await marks.read())].sort(), [
      ['store-a', 5],
      ['store-b', 4],
    ]);
  });

  test("lives in one hash under the deployment's prefix", () => {
    assert.is(marks.key, `${prefix}:hwm`);
  });

  test.run();
}
