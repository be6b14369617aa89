import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dropOldEntry, dumpPrefix, writeOldRedisLog, type LegacyRecord } from '../../tests/helpers/legacy-redis';
import { runCommand } from '../../tests/helpers/run-command';
import { createDatabase, findPostgres, reportNoPostgres, type TestDatabase } from '../../tests/helpers/postgres';
import { deleteKeys, findRedis, reportNoRedis, uniquePrefix, type TestRedis } from '../../tests/helpers/redis';
import { FACT_VERSIONS } from '../../shared/workflow/facts';
import { silentLogger } from '../log';
import { WorkshopService } from '../workshop-service';
import { createEventStore } from './index';

const FIXTURE = new URL('../../tests/fixtures/legacy-v0/', import.meta.url);
const NO_STACK = /^\s+at /m;
const STORE = 'bj-wangjing';

const lines = (): LegacyRecord[] =>
  readFileSync(new URL('journal.ndjson', FIXTURE), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LegacyRecord);

/** `npm run journal -- import-redis …` as an operator would run it. */
const importRedis = (...args: string[]) => runCommand('npm', ['run', '--silent', 'journal', '--', 'import-redis', ...args], { FORCE_COLOR: '0' });

/** The one line an operator reads: exactly one, and no stack trace. */
function oneMessage(stderr: string): string {
  assert.not.match(stderr, NO_STACK);
  const said = stderr.split('\n').filter((l) => l.trim());
  assert.is(said.length, 1, `one message, not: ${stderr}`);
  return said[0]!;
}

const eventCount = async (db: TestDatabase) => Number((await db.sql('SELECT count(*) AS n FROM events')).rows[0].n);

const [redis, postgres] = await Promise.all([findRedis(), findPostgres()]);

if ('reason' in redis) reportNoRedis('journal import-redis', redis.reason);
else if ('reason' in postgres) reportNoPostgres('journal import-redis', postgres.reason);
else {
  const redisUrl = (redis as TestRedis).url;
  const adminUrl = postgres.url;
  interface Ctx {
    prefix: string;
    db: TestDatabase;
  }
  const test = suite<Ctx>(`npm run journal -- import-redis (Redis ${redis.origin}, PostgreSQL ${postgres.origin})`, {} as Ctx);
  test.before.each(async (ctx) => {
    ctx.prefix = uniquePrefix('redisimport');
    ctx.db = await createDatabase(adminUrl, 'redisimport');
  });
  test.after.each(async (ctx) => {
    await deleteKeys(redisUrl, ctx.prefix);
    await ctx.db.drop();
  });
  test.after(() => redis.stop());

  test('imports a first-format Redis log into PostgreSQL as facts that fold to the state main folded it to, keeping every seq and key, and leaves Redis as it was', async ({
    prefix,
    db,
  }) => {
    const fixture = lines();
    await writeOldRedisLog(redisUrl, prefix, fixture);
    const before = await dumpPrefix(redisUrl, prefix);

    const run = await importRedis('--from', redisUrl, '--prefix', prefix, '--to', db.url);
    assert.is(run.code, 0, run.stderr);
    assert.match(run.stdout, `${STORE}: ${fixture.length} events read, ${fixture.length} imported, last seq ${fixture.length}`);
    assert.equal(await dumpPrefix(redisUrl, prefix), before, 'Redis unchanged');

    const expected = JSON.parse(readFileSync(new URL('expected-state.json', FIXTURE), 'utf8'));
    const events = await createEventStore({ dataDir: '/nonexistent', databaseUrl: db.url, log: silentLogger });
    const service = new WorkshopService(events, [], silentLogger);
    try {
      const state = await service.state(STORE);
      assert.equal(JSON.parse(JSON.stringify(state.toSnapshot())), expected);
      const stored = await events.read(STORE, 0);
      assert.is(stored.length, fixture.length);
      const envelope = (e: Record<string, unknown>) => ({
        seq: e.seq,
        storeId: e.storeId,
        key: e.key,
        at: e.at,
        actor: e.actor,
        source: e.source,
        device: e.device,
      });
      assert.equal(stored.map(envelope), fixture.map(envelope), 'seq, key, at, actor, source and device kept');
      assert.ok(
        stored.every((e) => typeof e.type === 'string' && e.v === FACT_VERSIONS[e.type] && !('command' in e)),
        'stored as facts',
      );
    } finally {
      await service.close();
      await events.close();
    }
  });

  test('refuses a second import into the same database, naming the store, and writes nothing', async ({ prefix, db }) => {
    await writeOldRedisLog(redisUrl, prefix, lines().slice(0, 50));
    assert.is((await importRedis('--from', redisUrl, '--prefix', prefix, '--to', db.url)).code, 0);

    const again = await importRedis('--from', redisUrl, '--prefix', prefix, '--to', db.url);
    assert.is(again.code, 1);
    assert.match(oneMessage(again.stderr), `store ${STORE} already has 50 events`);
    assert.is(await eventCount(db), 50);
  });

  test('refuses a stream with a gap, naming the store and the missing seq, and writes nothing', async ({ prefix, db }) => {
    await writeOldRedisLog(redisUrl, prefix, lines().slice(0, 800));
    await dropOldEntry(redisUrl, prefix, STORE, 700);

    const run = await importRedis('--from', redisUrl, '--prefix', prefix, '--to', db.url);
    assert.is(run.code, 1);
    const said = oneMessage(run.stderr);
    assert.match(said, `store ${STORE}: seq 700 missing`);
    assert.not.match(said, 'unavailable');
    // The first pages were already written inside the transaction; the gap rolled them back.
    assert.is(await eventCount(db), 0);
  });

  test('refuses a command the first format did not have, naming the store and seq', async ({ prefix, db }) => {
    const [first, second] = lines();
    await writeOldRedisLog(redisUrl, prefix, [first!, { ...second!, command: { type: 'teleportCar', roId: 'ro-1' } }]);

    const run = await importRedis('--from', redisUrl, '--prefix', prefix, '--to', db.url);
    assert.is(run.code, 1);
    const said = oneMessage(run.stderr);
    assert.match(said, `store ${STORE}: seq 2`);
    assert.match(said, 'unknown command "teleportCar"');
    assert.not.match(said, 'unavailable');
    assert.is(await eventCount(db), 0);
  });

  test('says in one line that Redis cannot be reached, with no stack trace', async ({ db }) => {
    const run = await importRedis('--from', 'redis://127.0.0.1:1', '--to', db.url);
    assert.is(run.code, 1);
    assert.match(oneMessage(run.stderr), 'Redis at redis://127.0.0.1:1 cannot be reached');
  });

  test.run();
}
