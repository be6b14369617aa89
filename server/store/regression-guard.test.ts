import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryEventStore } from '../../tests/helpers/memory-store';
import { aTestShop } from '../../tests/helpers/shop';
import { aNewRepairOrder } from '../../tests/helpers/workshop';
import type { Logger } from '../log';
import { WorkshopService } from '../workshop-service';
import type { EventStore } from './event-store';
import type { HighWaterMarks } from './high-water-mark';
import { LogRegressedError, RegressionGuard } from './regression-guard';

/** A store whose backing data a test can swap, as an operator restoring a backup would. */
function swappable(first: EventStore) {
  let current = first;
  const store = new Proxy({} as EventStore, {
    get: (_, name) => {
      const value = (current as unknown as Record<PropertyKey, unknown>)[name];
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
  return { store, swap: (next: EventStore) => void (current = next) };
}

function recordingLog() {
  const errors: { fields: object; message: string }[] = [];
  const log: Logger = { debug() {}, info() {}, warn() {}, error: (fields: object, message: string) => void errors.push({ fields, message }) };
  return { log, errors };
}

const command = () =>
  ({ storeId: 'store-a', command: aNewRepairOrder(), actor: { kind: 'system', id: 'test' }, source: 'api', key: `k-${Math.random()}` }) as const;

async function serviceWithThreeEvents() {
  const original = new MemoryEventStore();
  const backing = swappable(original);
  const { log, errors } = recordingLog();
  const guard = new RegressionGuard(backing.store, log, { checkEveryMs: 0 });
  const service = new WorkshopService(guard, aTestShop().stores, log);
  await service.init();
  for (let i = 0; i < 3; i++) assert.ok((await service.commit(command())).ok);
  return { original, backing, guard, service, errors };
}

const Guard = suite('regression guard');

Guard('refuses writes, reports the reason and logs an error once when the log is emptied under a running process', async () => {
  const { backing, guard, service, errors } = await serviceWithThreeEvents();
  const emptied = new MemoryEventStore();
  backing.swap(emptied);

  for (let attempt = 0; attempt < 3; attempt++) {
    const err = await service.commit(command()).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.instance(err, LogRegressedError, 'a write is refused (the API answers 503)');
  }
  assert.is(await emptied.lastSeq('store-a'), 0, 'no second history was started at seq 1');
  const status = await guard.status();
  assert.is(status.ok, false);
  assert.match(status.detail!, /store store-a: the event log ends at seq 0 but this process has already seen seq 3/);
  assert.match(status.detail!, /emptied or restored from an older backup/);
  assert.is(errors.length, 1, 'logged once, at error level');
  assert.ok((await service.commit({ ...command(), storeId: 'store-b' })).ok, 'other stores go on');
  await service.close();
});

Guard('notices a restore from an older backup on its periodic check, without any write', async () => {
  const { original, backing, guard, service } = await serviceWithThreeEvents();
  const older = new MemoryEventStore();
  for (const event of await original.read('store-a', 0, 1)) await older.append(event, 0);
  backing.swap(older);
  assert.ok((await guard.status()).ok, 'nothing noticed yet');
  await guard.check();
  assert.match((await guard.status()).detail!, /ends at seq 1 but this process has already seen seq 3/);
  const err = await service.commit(command()).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(err, LogRegressedError);
  assert.is(await older.lastSeq('store-a'), 1, 'and nothing was written over seq 2');
  await service.close();
});

Guard('refuses to write after a restart whose snapshot is ahead of the log', async () => {
  const { original, service } = await serviceWithThreeEvents();
  await service.close(); // saves a snapshot at seq 3
  const emptied = new MemoryEventStore();
  await emptied.saveSnapshot('store-a', (await original.loadSnapshot('store-a'))!);
  const { log } = recordingLog();
  const guard = new RegressionGuard(emptied, log, { checkEveryMs: 0 });
  const restarted = new WorkshopService(guard, aTestShop().stores, log);
  await restarted.init();
  const err = await restarted.commit(command()).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(err, LogRegressedError);
  assert.is(await emptied.lastSeq('store-a'), 0);
  await restarted.close();
});

Guard('lets a restarted process write on a consistent log, and stays quiet while other processes append', async () => {
  const { original, guard, service } = await serviceWithThreeEvents();
  // Another process appends: a conflict with a higher seq is not a regression.
  const other = new WorkshopService(original, aTestShop().stores, recordingLog().log);
  assert.ok((await other.commit(command())).ok);
  await guard.check();
  assert.ok((await service.commit(command())).ok);
  assert.ok((await guard.status()).ok);
  assert.is(await original.lastSeq('store-a'), 5);
  await service.close();
});

/** Marks kept in memory, as Redis would keep them for every process. */
function memoryMarks(): HighWaterMarks & { marks: Map<string, number> } {
  const marks = new Map<string, number>();
  return {
    key: 'test:hwm',
    marks,
    read: async () => new Map(marks),
    raise: (storeId, seq) => void (seq > (marks.get(storeId) ?? 0) && marks.set(storeId, seq)),
    close: async () => undefined,
  };
}

Guard('refuses to fold or write on a log rolled back and written past by another process', async () => {
  const { original, backing, guard, service } = await serviceWithThreeEvents();
  const rolledBack = new MemoryEventStore();
  for (const event of await original.read('store-a', 0, 1)) await rolledBack.append(event, 0);
  backing.swap(rolledBack);
  const other = new WorkshopService(rolledBack, aTestShop().stores, recordingLog().log);
  for (let i = 0; i < 3; i++) assert.ok((await other.commit(command())).ok);
  assert.is(await rolledBack.lastSeq('store-a'), 4, 'longer than what the first process saw');

  const err = await service.commit(command()).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(err, LogRegressedError);
  assert.match((await guard.status()).detail!, /store store-a: the event at seq 3 is not the one this process has seen there/);
  assert.is((await service.state('store-a')).seq, 3, 'the other history was not folded in');
  assert.is(await rolledBack.lastSeq('store-a'), 4, 'nothing written');
  await service.close();
});

Guard('a fresh process refuses a log shorter than the high-water mark, and raises the mark on every append', async () => {
  const marks = memoryMarks();
  const { log } = recordingLog();
  const first = new WorkshopService(new RegressionGuard(new MemoryEventStore(), log, { checkEveryMs: 0, marks }), aTestShop().stores, log);
  for (let i = 0; i < 3; i++) assert.ok((await first.commit(command())).ok);
  assert.is(marks.marks.get('store-a'), 3);

  const guard = new RegressionGuard(new MemoryEventStore(), log, { checkEveryMs: 0, marks });
  const fresh = new WorkshopService(guard, aTestShop().stores, log);
  await fresh.init();
  assert.match((await guard.status()).detail!, /the event log ends at seq 0 but seq 3 was appended to it before \(the high-water mark in Redis/);
  assert.instance(
    await fresh.commit(command()).then(
      () => undefined,
      (e: unknown) => e,
    ),
    LogRegressedError,
  );
  assert.ok((await fresh.commit({ ...command(), storeId: 'store-b' })).ok, 'a store without a mark goes on');
});

Guard('an absent mark (Redis emptied) raises no alarm', async () => {
  const marks = memoryMarks();
  const guard = new RegressionGuard(new MemoryEventStore(), recordingLog().log, { checkEveryMs: 0, marks });
  const service = new WorkshopService(guard, aTestShop().stores, recordingLog().log);
  await service.init();
  assert.ok((await service.commit(command())).ok);
  await guard.check();
  assert.ok((await guard.status()).ok);
  assert.is(marks.marks.get('store-a'), 1);
});

Guard.run();
