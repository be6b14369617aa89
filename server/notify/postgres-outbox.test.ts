/**
 * The outbox on PostgreSQL (DATABASE_URL): the same sends, retries and restart as on SQLite, in
 * a database of its own (`notify_<random>`), dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aNewRepairOrder, commitOk } from '../../tests/helpers/workshop';
import { databaseUrl, findPostgres, reportNoPostgres } from '../../tests/helpers/postgres';
import { aNotifyRig } from './rig';

const found = await findPostgres();
const admin = async (sql: string) => {
  if ('reason' in found) return;
  const client = new pg.Client({ connectionString: found.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

if ('reason' in found) reportNoPostgres('notify outbox on PostgreSQL', found.reason);
else {
  test('on PostgreSQL a 503 is retried, survives a restart, and the message is sent once', async () => {
    const name = `notify_${randomUUID().slice(0, 8)}`;
    await admin(`CREATE DATABASE "${name}"`);
    const rig = await aNotifyRig({ databaseUrl: databaseUrl(found.url, name) });
    try {
      rig.sms.behave(503);
      const command = aNewRepairOrder({ contactConsent: { sms: true, locale: 'zh-CN', via: 'desk' } });
      await commitOk(rig.service, rig.store.id, command);
      await rig.notifier.catchUp(rig.store.id);
      await rig.notifier.tick();
      await rig.restart();
      await rig.notifier.catchUp(rig.store.id);
      rig.clock.now += 3_600_000;
      await rig.notifier.tick();
      await rig.notifier.tick();
      assert.equal(
        rig.sms.received.map((r) => r.answered),
        [503, 'ok'],
      );
      const [entry] = await rig.notifier.deliveryLog(rig.store.id, command.roId);
      assert.equal([entry!.status, entry!.lines.map((l) => l.status)], ['sent', ['queued', 'retrying', 'sent']]);
    } finally {
      await rig.close();
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
}

test.run();
