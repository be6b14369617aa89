import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Role } from '../../shared/domain/people';
import { act, aRepairOrderInput, createRo } from '../../tests/helpers/build';
import { createDatabase, findPostgres, reportNoPostgres, type TestDatabase } from '../../tests/helpers/postgres';
import { issueCode, Phone } from '../../tests/helpers/scan';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';
import { commitOk } from '../../tests/helpers/workshop';

const S = 'store-a';
const ROS = `/api/stores/${S}/repair-orders`;
const DAY_MS = 86_400_000;

/** The same suite on the embedded journal and on PostgreSQL: the history is read from either log. */
function historySuite(label: string, storeOptions: () => Promise<{ databaseUrl?: string; cleanup?: () => Promise<void> }>) {
  const History = suite(`repair order history (${label})`);
  let server: TestServer;
  let cleanup: (() => Promise<void>) | undefined;
  // The service's clock, moved forward to let a delivered order leave the live state.
  let offsetMs = 0;

  History.before(async () => {
    const opts = await storeOptions();
    cleanup = opts.cleanup;
    server = await startTestServer({ shop: aTestShop(), databaseUrl: opts.databaseUrl, now: () => new Date(Date.now() + offsetMs) });
  });
  History.after(async () => {
    await server.close();
    await cleanup?.();
  });

  const as = (id: string, name: string, roles: Role[], storeIds: '*' | string[] = [S]) => ({
    authorization: undefined,
    cookie: `tw_session=${server.auth.issueSession({ id, name, roles, storeIds })}`,
  });
  const history = (roId: string, headers: Record<string, string | undefined> = {}, query = '') =>
    server.api('GET', `${ROS}/${roId}/history${query}`, undefined, headers);

  /** An order opened at the desk, dispatched, worked on a phone, passed and delivered. */
  async function aWorkedOrder() {
    const advisor = as('adv-1', '旧名字', ['advisor']);
    const created = await server.api('POST', ROS, aRepairOrderInput(), { ...advisor, 'x-source': 'dispatch' });
    assert.is(created.status, 201, JSON.stringify(created.body));
    const ro = created.body.data.repairOrder;
    const op = ro.operations[0].id;
    await act(server, `${ROS}/${ro.id}/send-to-workshop`, {}, as('boss-9', '王经理', ['dispatcher']));
    await act(server, `${ROS}/${ro.id}/operations/${op}/assign`, { bayId: 'bay-2', technicianId: 'tech-1' }, as('boss-9', '王经理', ['dispatcher']));
    const phone = new Phone(server);
    await phone.signInWithBadge(S, 'tech-1');
    const code = await issueCode(server, { kind: 'operation', storeId: S, roId: ro.id, operationId: op });
    for (const action of [
      { type: 'startOperation', bayId: 'bay-2' },
      { type: 'pauseOperation', pause: { reason: 'parts', part: '机油滤芯' } },
      { type: 'resumeOperation' },
      { type: 'finishOperation' },
    ] as const) {
      const res = await phone.act(code, action);
      assert.is(res.status, 200, JSON.stringify(res.body));
    }
    await commitOk(server.service, S, { type: 'updateRepairOrder', roId: ro.id, patch: { priority: 'urgent' } });
    await act(server, `${ROS}/${ro.id}/qc-pass`);
    return ro as { id: string; operations: { id: string }[] };
  }

  History('lists every event of the order, oldest first: who by name, what in Chinese and English, when, from where', async () => {
    const other = await createRo(server, S);
    const ro = await aWorkedOrder();
    await act(server, `${ROS}/${other.id}/send-to-workshop`);
    const res = await history(ro.id, as('adv-2', '赵顾问', ['advisor']));
    assert.is(res.status, 200, JSON.stringify(res.body));
    const { entries, next } = res.body.data;
    assert.is(next, null);
    assert.equal(
      entries.map((e: { type: string }) => e.type),
      [
        'repairOrderCreated',
        'repairOrderSentToWorkshop',
        'operationAssigned',
        'operationStarted',
        'operationPaused',
        'operationResumed',
        'operationFinished',
        'repairOrderUpdated',
        'qcPassed',
      ],
      "the other order's events are not in it",
    );
    const seqs = entries.map((e: { seq: number }) => e.seq);
    assert.equal(
      seqs,
      [...seqs].sort((a, b) => a - b),
    );
    const [created, , assigned, started, paused] = entries;
    assert.equal(created.actor, { kind: 'staff', id: 'adv-1', name: '赵顾问' }, "the directory's name today, not the one recorded");
    assert.is(created.source, 'dispatch');
    assert.equal(assigned.actor, { kind: 'staff', id: 'boss-9', name: '王经理' }, 'someone the directory does not know keeps the recorded name');
    assert.is(assigned.summary['zh-CN'], '派工「更换机油」→ 2，李师傅');
    assert.is(assigned.summary.en, 'Assigned “更换机油” to 2, 李师傅');
    assert.equal([started.actor, started.source], [{ kind: 'technician', id: 'tech-1', name: '李师傅' }, 'scan']);
    assert.ok(started.device, 'the phone');
    assert.is(paused.summary['zh-CN'], '暂停「更换机油」：等待配件 机油滤芯');
    const updated = entries.find((e: { type: string }) => e.type === 'repairOrderUpdated');
    assert.equal(updated.actor, { kind: 'system', id: 'test', name: null }, 'an event without a name says so');
    assert.is(updated.summary['zh-CN'], '修改优先级为特急');
    assert.not.match(JSON.stringify(entries), /张伟|13812345678|京A/, 'no customer data in the lines');
  });

  History('pages with limit and afterSeq, the pages adding up to the whole', async () => {
    const ro = await aWorkedOrder();
    const whole = (await history(ro.id)).body.data.entries;
    const first = await history(ro.id, {}, '?limit=4');
    assert.is(first.body.data.entries.length, 4);
    assert.is(first.body.data.next, first.body.data.entries[3].seq);
    const rest = await history(ro.id, {}, `?afterSeq=${first.body.data.next}&limit=500`);
    assert.is(rest.body.data.next, null);
    assert.equal([...first.body.data.entries, ...rest.body.data.entries], whole);
    assert.is((await history(ro.id, {}, '?limit=501')).status, 400);
  });

  History('keeps the history of an order that has left the live state, while the log has it', async () => {
    const ro = await aWorkedOrder();
    await act(server, `${ROS}/${ro.id}/wash-done`);
    await act(server, `${ROS}/${ro.id}/deliver`);
    const before = (await history(ro.id)).body.data.entries;
    offsetMs += 9 * DAY_MS;
    await createRo(server, S); // the next event folds the retirement
    assert.not.ok((await server.service.state(S)).ros.has(ro.id), 'retired');
    assert.is((await server.api('GET', `${ROS}/${ro.id}`)).status, 404);
    const after = await history(ro.id);
    assert.is(after.status, 200, JSON.stringify(after.body));
    assert.equal(after.body.data.entries, before);
    assert.is(after.body.data.entries.at(-1).type, 'repairOrderDelivered');
  });

  History('answers 404 for an order the store never had and 400 for a malformed id', async () => {
    const missing = await history('ro-nope');
    assert.equal([missing.status, missing.body.error.code], [404, 'not_found']);
    const malformed = await history('bad%20id!');
    assert.equal([malformed.status, malformed.body.error.code], [400, 'invalid_input']);
  });

  History("is for the front desk, inspectors, managers, admins, the API key and the store's dispatch screen only", async () => {
    const ro = await createRo(server, S);
    for (const role of ['advisor', 'dispatcher', 'manager', 'inspector', 'admin'] as const)
      assert.is((await history(ro.id, as('p-1', 'P', [role]))).status, 200, role);
    for (const role of ['technician', 'washer'] as const) assert.is((await history(ro.id, as('p-1', 'P', [role]))).status, 403, role);
    assert.is((await history(ro.id, as('p-1', 'P', ['advisor'], ['store-b']))).status, 403, "another store's advisor");
    assert.is((await history(ro.id, { authorization: undefined })).status, 401);
    await commitOk(server.service, S, { type: 'pairDisplay', displayId: 'wall-d', name: '调度大屏', board: 'dispatch' });
    await commitOk(server.service, S, { type: 'pairDisplay', displayId: 'wall-b', name: '2号位', board: 'bay', bayId: 'bay-2' });
    const dispatch = server.auth.issueDisplayToken({ id: 'wall-d', storeId: S, board: 'dispatch' });
    const bay = server.auth.issueDisplayToken({ id: 'wall-b', storeId: S, board: 'bay', bayId: 'bay-2' });
    assert.is((await history(ro.id, { authorization: undefined, 'x-display-token': dispatch })).status, 200);
    assert.is((await history(ro.id, { authorization: undefined, 'x-display-token': bay })).status, 403);
  });

  History('is in the OpenAPI document', async () => {
    const doc = (await server.api('GET', '/api/openapi.json')).body;
    const op = doc.paths['/api/stores/{storeId}/repair-orders/{roId}/history']?.get;
    assert.is(op?.operationId, 'getRepairOrderHistory');
    assert.equal(op.parameters.map((p: { name: string }) => p.name).sort(), ['afterSeq', 'limit', 'roId', 'storeId']);
  });

  History.run();
}

historySuite('embedded journal', async () => ({}));

const postgres = await findPostgres();
if ('reason' in postgres) reportNoPostgres('repair order history (PostgreSQL)', postgres.reason);
else {
  historySuite('PostgreSQL', async () => {
    const db: TestDatabase = await createDatabase(postgres.url, 'ro_history');
    return { databaseUrl: db.url, cleanup: () => db.drop() };
  });
}
