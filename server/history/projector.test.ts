import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aBusyDay, aDeliveredVisit, aVisit, ClockedWorkshop, dumpHistory } from '../../tests/helpers/history';
import { MemoryEventStore } from '../../tests/helpers/memory-store';
import { createDatabase, findPostgres, reportNoPostgres } from '../../tests/helpers/postgres';
import { silentLogger, type Logger } from '../log';
import type { EventStore } from '../store/event-store';
import { EmbeddedEventStore } from '../store/embedded-store';
import { PostgresEventStore } from '../store/postgres-store';
import { openHistoryDatabase, type OpenedHistory } from './database';
import { HistoryProjector } from './projector';

interface Setup {
  events: EventStore;
  /** A fresh history database on the same backend (each call a new empty one where it can). */
  history(): Promise<OpenedHistory>;
  cleanup(): Promise<void>;
}

const vehicleRef = (plate: string) => `ref:${plate.length}`;
const projector = (h: OpenedHistory, events: Pick<EventStore, 'read' | 'storeIds'>, batchSize = 500, log: Logger = silentLogger) =>
  new HistoryProjector(h.db, events, { log, vehicleRef, batchSize, retryMs: 20 });

/** The same log, but only its first `n` events visible: a projector that stops part way. */
const firstEvents = (events: EventStore, n: number): Pick<EventStore, 'read' | 'storeIds'> => ({
  storeIds: () => events.storeIds(),
  read: async (storeId, after, limit) => (await events.read(storeId, after, limit)).filter((e) => e.seq <= n),
});

function projectorSuite(name: string, open: () => Promise<Setup>) {
  const s = suite(`history projector on ${name}`);

  s('rebuilding from scratch gives exactly the rows the incremental path built, event by event', async () => {
    const setup = await open();
    const live = await setup.history();
    const rebuilt = await setup.history();
    try {
      const w = new ClockedWorkshop(setup.events);
      const p = projector(live, setup.events, 3);
      const stop = p.follow(w.service, ['store-a']);
      await aBusyDay(w);
      await p.idle();
      stop();
      assert.is(await p.checkpoint('store-a'), await setup.events.lastSeq('store-a'));
      const incremental = await dumpHistory(live.db);
      assert.is(incremental.history_visits.length, 3);
      assert.is(incremental.history_appointments.length, 3);

      const fresh = projector(rebuilt, setup.events);
      assert.is(await fresh.rebuild('store-a'), await setup.events.lastSeq('store-a'));
      assert.equal(await dumpHistory(rebuilt.db), incremental);
      // And rebuilding over existing rows replaces them with the same.
      await projector(live, setup.events).rebuild();
      assert.equal(await dumpHistory(live.db), incremental);
    } finally {
      await live.close();
      await rebuilt.close();
      await setup.cleanup();
    }
  });

  s('applying the same events twice changes nothing: a second catch-up, and two projectors racing for the same batches', async () => {
    const setup = await open();
    const once = await setup.history();
    const raced = await setup.history();
    try {
      const w = new ClockedWorkshop(setup.events);
      await aBusyDay(w);
      const p = projector(once, setup.events, 4);
      await p.catchUp('store-a');
      const before = await dumpHistory(once.db);
      assert.is(await p.catchUp('store-a'), 0);
      assert.equal(await dumpHistory(once.db), before);

      const a = projector(raced, setup.events, 4);
      const b = projector(raced, setup.events, 4);
      await Promise.all([a.catchUp('store-a'), b.catchUp('store-a'), a.catchUp('store-a')]);
      assert.equal(await dumpHistory(raced.db), before);
    } finally {
      await once.close();
      await raced.close();
      await setup.cleanup();
    }
  });

  s('resumes from its checkpoint: stopped part way (a crash between batches), a new projector finishes the same rows', async () => {
    const setup = await open();
    const resumed = await setup.history();
    const whole = await setup.history();
    try {
      const w = new ClockedWorkshop(setup.events);
      await aBusyDay(w);
      const last = await setup.events.lastSeq('store-a');
      await projector(resumed, firstEvents(setup.events, 17), 5).catchUp('store-a');
      assert.is(await projector(resumed, setup.events).checkpoint('store-a'), 17);
      assert.is(await projector(resumed, setup.events, 5).catchUp('store-a'), last - 17);
      await projector(whole, setup.events).catchUp('store-a');
      assert.equal(await dumpHistory(resumed.db), await dumpHistory(whole.db));
    } finally {
      await resumed.close();
      await whole.close();
      await setup.cleanup();
    }
  });

  s('a log that is not the one the rows were built from (restored from an older backup, or another one) gets its store rebuilt', async () => {
    const setup = await open();
    const h = await setup.history();
    const fresh = await setup.history();
    try {
      await aBusyDay(new ClockedWorkshop(setup.events));
      await projector(h, setup.events).catchUp('store-a');
      // Shorter than the checkpoint: an older backup.
      const older = new MemoryEventStore();
      await aDeliveredVisit(new ClockedWorkshop(older), { checkIn: '08:00', start: '08:10', workMinutes: [20], deliverAt: '09:00' });
      const warned: unknown[] = [];
      const log: Logger = { ...silentLogger, warn: (o: unknown) => void warned.push(o), child: () => log };
      await projector(h, older, 500, log).catchUp('store-a');
      await projector(fresh, older).rebuild('store-a');
      assert.equal(await dumpHistory(h.db), await dumpHistory(fresh.db));
      assert.is(warned.length, 1);
      // As long, but other events at the checkpoint: another log.
      const other = new MemoryEventStore();
      const w = new ClockedWorkshop(other);
      await aBusyDay(w);
      await aDeliveredVisit(w, { checkIn: '17:00', start: '17:10', workMinutes: [20], deliverAt: '18:00' });
      await projector(h, other, 500, log).catchUp('store-a');
      await projector(fresh, other).rebuild('store-a');
      assert.equal(await dumpHistory(h.db), await dumpHistory(fresh.db));
      assert.is(warned.length, 2);
    } finally {
      await h.close();
      await fresh.close();
      await setup.cleanup();
    }
  });

  s('a corrected parts ETA replaces the open wait’s, and alarms are rows from raised to cleared (partsEtaCorrected, alarmRaised, alarmCleared)', async () => {
    const setup = await open();
    const h = await setup.history();
    try {
      const w = new ClockedWorkshop(setup.events);
      const ro = aVisit();
      w.at('09:00');
      await w.do(ro);
      await w.do({ type: 'sendToWorkshop', roId: ro.roId });
      await w.do({ type: 'startOperation', roId: ro.roId, operationId: 'op-1' }, { source: 'scan' });
      w.at('09:10');
      await w.do({ type: 'pauseOperation', roId: ro.roId, operationId: 'op-1', pause: { reason: 'parts', part: '机油滤芯', eta: w.iso('10:00') } });
      const p = projector(h, setup.events, 2);
      await p.catchUp('store-a');
      w.at('10:02');
      await w.do(
        {
          type: 'raiseAlarm',
          alarm: {
            id: `parts_overdue:${ro.roId}:op-1`,
            kind: 'parts_overdue',
            since: w.iso('10:00'),
            roId: ro.roId,
            operationId: 'op-1',
            bayId: 'bay-2',
            eta: w.iso('10:00'),
          },
        },
        { source: 'system' },
      );
      w.at('10:05');
      await w.do({ type: 'correctPartsEta', roId: ro.roId, operationId: 'op-1', eta: w.iso('11:30') });
      await w.do({ type: 'clearAlarm', alarmId: `parts_overdue:${ro.roId}:op-1`, reason: 'resolved' }, { source: 'system' });
      // Caught up in small batches after the pause: the correction and the clearing each find the row made earlier.
      await p.catchUp('store-a');
      const rows = await dumpHistory(h.db);
      const pause = rows.history_pauses.find((r) => (r as { ro_id: string }).ro_id === ro.roId) as { eta: string; ended_at: string | null };
      assert.equal([pause.eta, pause.ended_at], [w.iso('11:30'), null]);
      assert.equal(rows.history_alarms, [
        {
          store_id: 'store-a',
          alarm_id: `parts_overdue:${ro.roId}:op-1`,
          kind: 'parts_overdue',
          ro_id: ro.roId,
          operation_id: 'op-1',
          bay_id: 'bay-2',
          technician_id: null,
          call_id: null,
          stage: null,
          since: w.iso('10:00'),
          raised_at: w.iso('10:02'),
          cleared_at: w.iso('10:05'),
          open_minutes: 5,
        },
      ]);
      // A rebuild gives the same rows.
      const again = await setup.history();
      try {
        await projector(again, setup.events).rebuild('store-a');
        assert.equal(await dumpHistory(again.db), rows);
      } finally {
        await again.close();
      }
    } finally {
      await h.close();
      await setup.cleanup();
    }
  });

  s('a read model that fails never fails a write: the commit is acknowledged, the error logged and retried', async () => {
    const setup = await open();
    const broken = await setup.history();
    try {
      const errors: unknown[] = [];
      const log: Logger = { ...silentLogger, error: (o: unknown) => void errors.push(o), child: () => log };
      const w = new ClockedWorkshop(setup.events);
      const p = projector(broken, setup.events, 500, log);
      await broken.close();
      const stop = p.follow(w.service, []);
      const { ros } = await aBusyDay(w);
      assert.is(ros.length, 3);
      await p.idle();
      assert.ok(errors.length >= 1, 'the failure was logged');
      stop();
      await p.close();
    } finally {
      await setup.cleanup();
    }
  });

  s.run();
}

projectorSuite('SQLite with the embedded journal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tw-history-'));
  const events = await EmbeddedEventStore.open(join(dir, 'data'), { log: silentLogger });
  let n = 0;
  return {
    events,
    history: () => openHistoryDatabase({ dataDir: dir, sqliteFile: join(dir, `history-${++n}.sqlite`) }),
    async cleanup() {
      await events.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const postgres = await findPostgres();
if ('reason' in postgres) {
  reportNoPostgres('history projector on PostgreSQL', postgres.reason);
} else {
  projectorSuite(`PostgreSQL with the PostgreSQL event store (${postgres.origin})`, async () => {
    const eventsDb = await createDatabase(postgres.url, 'history_events');
    const events = await PostgresEventStore.open({ url: eventsDb.url, log: silentLogger });
    const extra: Awaited<ReturnType<typeof createDatabase>>[] = [];
    let first = true;
    return {
      events,
      async history() {
        // The first history shares the events' database, as a deployment does; others get their own.
        if (first) {
          first = false;
          return openHistoryDatabase({ dataDir: '', databaseUrl: eventsDb.url });
        }
        const db = await createDatabase(postgres.url, 'history');
        extra.push(db);
        return openHistoryDatabase({ dataDir: '', databaseUrl: db.url });
      },
      async cleanup() {
        await events.close();
        await eventsDb.drop();
        for (const db of extra) await db.drop();
      },
    };
  });
}
