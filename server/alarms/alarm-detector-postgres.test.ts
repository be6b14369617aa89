/**
 * Several server processes sharing PostgreSQL each run a detector: an incident is raised by one
 * of them only, and cleared once, because the log's concurrency control and idempotency keys
 * decide (each "process" here has its own pool, service and detector on one database).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { databaseUrl, findPostgres, reportNoPostgres } from '../../tests/helpers/postgres';
import { loadShopConfig } from '../config';
import { silentLogger } from '../log';
import { PostgresEventStore } from '../store/postgres-store';
import { WorkshopService } from '../workshop-service';
import { AlarmDetector } from './alarm-detector';

const postgres = await findPostgres();

const admin = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

if ('reason' in postgres) {
  reportNoPostgres('alarm detector on PostgreSQL', postgres.reason);
} else {
  test('three processes ticking at once on one PostgreSQL log raise an unanswered call once and clear it once', async () => {
    const name = `alerts_${randomUUID().slice(0, 8)}`;
    await admin(postgres.url, `CREATE DATABASE "${name}"`);
    const url = databaseUrl(postgres.url, name);
    const store = loadShopConfig().stores[0];
    let now = Date.parse('2026-12-07T02:00:00Z');
    const processes = await Promise.all(
      [0, 1, 2].map(async () => {
        const events = await PostgresEventStore.open({ url, log: silentLogger });
        const service = new WorkshopService(events, [store], silentLogger, () => new Date(now));
        await service.init();
        return { events, service, detector: new AlarmDetector(service, { log: silentLogger, now: () => now }) };
      }),
    );
    try {
      const [a] = processes;
      const called = await a.service.commit({
        storeId: store.id,
        command: { type: 'callAdvisor', callId: 'call-pg', kioskId: 'kiosk-1' },
        actor: { kind: 'kiosk', id: 'kiosk-1' },
        source: 'kiosk',
        key: `t:${randomUUID()}`,
      });
      assert.ok(called.ok);
      now += (store.alarms.callUnansweredMinutes + 1) * 60_000;
      await Promise.all(processes.flatMap((p) => [p.detector.tick(), p.detector.tick()]));
      await a.service.commit({
        storeId: store.id,
        command: { type: 'acknowledgeCall', callId: 'call-pg' },
        actor: { kind: 'staff', id: 'adv-01' },
        source: 'dispatch',
        key: `t:${randomUUID()}`,
      });
      now += 15_000;
      await Promise.all(processes.map((p) => p.detector.tick()));
      const facts = (await a.events.read(store.id, 0, 1000)).map((e) => e.type);
      assert.is(facts.filter((t) => t === 'alarmRaised').length, 1, facts.join(' '));
      assert.is(facts.filter((t) => t === 'alarmCleared').length, 1, facts.join(' '));
      for (const p of processes) assert.is((await p.service.state(store.id)).alarms.size, 0, 'every process sees it cleared');
    } finally {
      for (const p of processes) {
        await p.service.close();
        await p.events.close();
      }
      await admin(postgres.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
  test.run();
}
