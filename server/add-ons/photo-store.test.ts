/**
 * The add-on photo store on PostgreSQL (DATABASE_URL), in databases of its own, dropped afterwards.
 * Two server processes of a cluster start together on a new database: both open the store at
 * once, and neither may fail on creating its table (tests/faults/redis-outage.test.ts lost its
 * second server that way, and hung).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createDatabase, findPostgres, reportNoPostgres } from '../../tests/helpers/postgres';
import { postgresPhotoStore } from './photo-store';

const found = await findPostgres();

if ('reason' in found) reportNoPostgres('add-on photos on PostgreSQL', found.reason);
else {
  test('stores opened at the same moment on a new database all open, and share one table', async () => {
    // The race is one of timing: several fresh databases, four openers on each.
    for (let round = 0; round < 5; round++) {
      const db = await createDatabase(found.url, 'photos');
      try {
        const opened = await Promise.allSettled([1, 2, 3, 4].map(() => postgresPhotoStore(db.url)));
        const failed = opened.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason));
        assert.equal(failed, [], `round ${round}: every opener opened`);
        const stores = opened.map((o) => (o as PromiseFulfilledResult<Awaited<ReturnType<typeof postgresPhotoStore>>>).value);
        const photo = { id: `ph-r${round}`, bytes: Buffer.from([0xff, 0xd8, round]), width: 4, height: 3 };
        await stores[0]!.put('bj-wangjing', 'ro-1', [photo]);
        assert.equal(await stores[3]!.get('bj-wangjing', 'ro-1', photo.id), photo.bytes, 'what one wrote, another reads');
        assert.is(await stores[2]!.count('bj-wangjing'), 1);
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await db.drop();
      }
    }
  });

  test.run();
}
