import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { act, asStaff, createRo, seqOf } from '../../tests/helpers/build';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';

let server: TestServer;
const S = 'store-a';
const ROS = `/api/stores/${S}/repair-orders`;
const start = async () => {
  server = await startTestServer({ shop: aTestShop() });
};
const stop = async () => server.close();

async function refused(path: string, body: unknown, status: number, field?: string, headers = {}) {
  const before = await seqOf(server, S);
  const res = await server.api('POST', path, body, headers);
  assert.is(res.status, status, JSON.stringify(res.body));
  if (field)
    assert.ok(
      res.body.error.details.some((d: { path: string }) => d.path === field),
      `details name ${field}: ${JSON.stringify(res.body.error.details)}`,
    );
  assert.is(await seqOf(server, S), before, 'nothing changed');
  return res.body.error;
}

/** A repair order dispatched to bay-1 with one assigned operation; returns the paths to act on it. */
async function inWorkshop(overrides: Record<string, unknown> = {}) {
  const ro = await createRo(server, S, { operations: [{ code: 'OIL' }], ...overrides });
  const at = `${ROS}/${ro.id}`;
  const op = `${at}/operations/${ro.operations[0].id}`;
  await act(server, `${at}/send-to-workshop`);
  await act(server, `${op}/assign`, { bayId: 'bay-1', technicianId: 'tech-1' });
  return { ro, at, op };
}

const Flow = suite('a repair order through the workshop');
Flow.before(start);
Flow.after(stop);

Flow('scheduled → check-in → dispatch → work with a parts wait → QC fail and rework → QC pass → wash → deliver → survey', async () => {
  const ro = await createRo(server, S, { stage: 'scheduled' });
  const at = `${ROS}/${ro.id}`;
  const op = `${at}/operations/${ro.operations[0].id}`;
  assert.is((await act(server, `${at}/check-in`, { queueNumber: 'A07' })).queueNumber, 'A07');
  assert.is((await act(server, `${at}/send-to-workshop`)).stage, 'waiting_dispatch');
  const assigned = await act(server, `${op}/assign`, { bayId: 'bay-1', technicianId: 'tech-1' });
  assert.equal([assigned.operations[0].status, assigned.operations[0].bayId], ['assigned', 'bay-1']);
  assert.is((await act(server, `${op}/start`)).stage, 'in_service');
  const paused = await act(server, `${op}/pause`, { reason: 'parts', part: 'Oil filter', eta: '2036-03-01T15:00:00+08:00' });
  assert.equal(paused.operations[0].pause, { reason: 'parts', part: 'Oil filter', eta: '2036-03-01T15:00:00+08:00' });
  assert.is((await act(server, `${op}/resume`)).operations[0].status, 'in_progress');
  assert.is((await act(server, `${op}/finish`)).stage, 'quality_check', 'the last operation done sends the car to QC');
  const failed = await act(server, `${at}/qc-fail`, { reason: 'Drain plug leaks', operationIds: [ro.operations[0].id] });
  assert.equal([failed.stage, failed.reworkCount, failed.operations[0].status], ['in_service', 1, 'assigned']);
  await act(server, `${op}/start`, {}, { 'x-source': 'scan' });
  await act(server, `${op}/finish`);
  assert.is((await act(server, `${at}/qc-pass`, { note: 'OK' })).stage, 'washing');
  assert.is((await act(server, `${at}/wash-done`)).stage, 'ready');
  assert.is((await act(server, `${at}/deliver`)).stage, 'delivered');
  const surveyed = await act(server, `${at}/survey`, { score: 5, comment: '很好' });
  assert.equal([surveyed.survey.score, surveyed.survey.comment], [5, '很好']);
});

Flow('ready skips the rest of a wash, and no-show closes a scheduled repair order', async () => {
  const { at, op } = await inWorkshop();
  await act(server, `${op}/start`);
  await act(server, `${op}/finish`);
  await act(server, `${at}/qc-pass`);
  assert.is((await act(server, `${at}/ready`)).stage, 'ready');
  const scheduled = await createRo(server, S, { stage: 'scheduled' });
  assert.is((await act(server, `${ROS}/${scheduled.id}/no-show`)).stage, 'no_show');
});

Flow('a technician may start an operation with a bay when it was never assigned', async () => {
  const ro = await createRo(server, S);
  const op = `${ROS}/${ro.id}/operations/${ro.operations[0].id}`;
  const started = await act(server, `${op}/start`, { bayId: 'bay-2', technicianId: 'tech-2' }, asStaff(server.auth, { roles: ['technician'], storeIds: [S] }));
  assert.equal([started.stage, started.operations[0].status, started.operations[0].technicianId], ['in_service', 'in_progress', 'tech-2']);
});

const Illegal = suite('illegal moves');
Illegal.before(start);
Illegal.after(stop);

Illegal('QC pass before the work is done is refused with 409 naming the current and requested stage', async () => {
  const { at } = await inWorkshop();
  const error = await refused(`${at}/qc-pass`, {}, 409);
  assert.is(error.code, 'illegal_transition');
  assert.match(error.message, /waiting_dispatch → washing/);
  assert.equal(error.details, { current: 'waiting_dispatch', requested: 'washing' });
});

Illegal('finishing an operation that never started is refused naming both operation states', async () => {
  const { op } = await inWorkshop();
  const error = await refused(`${op}/finish`, {}, 409);
  assert.match(error.message, /assigned → done/);
});

Illegal('a technician busy elsewhere cannot start a second job (409 conflict)', async () => {
  const one = await inWorkshop();
  const two = await inWorkshop();
  await act(server, `${one.op}/start`);
  assert.is((await refused(`${two.op}/start`, {}, 409)).code, 'conflict');
});

Illegal('an unknown repair order or operation answers 404', async () => {
  assert.is((await refused(`${ROS}/ro-nope/deliver`, {}, 404)).code, 'not_found');
  const { at } = await inWorkshop();
  assert.is((await refused(`${at}/operations/op-nope/start`, {}, 404)).code, 'not_found');
});

const Malformed = suite('malformed action bodies');
Malformed.before(start);
Malformed.after(stop);

Malformed('every action refuses a wrong body with 400 naming the field, and changes nothing', async () => {
  const { ro, at, op } = await inWorkshop();
  const cases: [string, unknown, string][] = [
    [`${at}/check-in`, { queueNumber: 'A-very-long-queue-number' }, 'body.queueNumber'],
    [`${at}/send-to-workshop`, { now: true }, 'body.now'],
    [`${at}/qc-pass`, { note: 7 }, 'body.note'],
    [`${at}/qc-fail`, { reason: 'leak', operationIds: [] }, 'body.operationIds'],
    [`${at}/qc-fail`, { operationIds: [ro.operations[0].id] }, 'body.reason'],
    [`${at}/wash-done`, { by: 'me' }, 'body.by'],
    [`${at}/ready`, { soon: 1 }, 'body.soon'],
    [`${at}/deliver`, { to: 'x' }, 'body.to'],
    [`${at}/no-show`, { x: 1 }, 'body.x'],
    [`${at}/survey`, { score: 6 }, 'body.score'],
    [`${op}/assign`, {}, 'body.bayId'],
    [`${op}/assign`, { bayId: 'bay 1' }, 'body.bayId'],
    [`${op}/start`, { bay: 'bay-1' }, 'body.bay'],
    [`${op}/pause`, { reason: 'lunch' }, 'body.reason'],
    [`${op}/pause`, { reason: 'parts' }, 'body.part'],
    [`${op}/pause`, { reason: 'break', part: 'x' }, 'body.part'],
    [`${op}/resume`, { x: 1 }, 'body.x'],
    [`${op}/finish`, { x: 1 }, 'body.x'],
    [`${ROS}/${encodeURIComponent('ro id')}/deliver`, {}, 'params.roId'],
  ];
  for (const [path, body, field] of cases) await refused(path, body, 400, field);
});

Malformed('an action without any body is fine when the action needs no input', async () => {
  const { at } = await inWorkshop();
  const res = await server.api('POST', `${at}/cancel`, undefined);
  assert.is(res.status, 400, 'cancel needs a reason');
  assert.is(res.body.error.details[0].path, 'body.reason');
  const ro = await createRo(server, S, { stage: 'scheduled' });
  assert.is((await server.api('POST', `${ROS}/${ro.id}/check-in`)).status, 200);
});

const Roles = suite('roles on actions');
Roles.before(start);
Roles.after(stop);

Roles('a washer cannot pass QC, an inspector can', async () => {
  const { at, op } = await inWorkshop();
  await act(server, `${op}/start`);
  await act(server, `${op}/finish`);
  assert.is((await refused(`${at}/qc-pass`, {}, 403, undefined, asStaff(server.auth, { roles: ['washer'], storeIds: [S] }))).code, 'forbidden');
  assert.is((await act(server, `${at}/qc-pass`, {}, asStaff(server.auth, { roles: ['inspector'], storeIds: [S] }))).stage, 'washing');
});

const PartsEta = suite('parts ETAs: never in the past, corrected by a dispatcher');
PartsEta.before(start);
PartsEta.after(stop);

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

PartsEta('a parts wait with an ETA in the past is refused at pause time: 400 naming pause.eta, nothing changed', async () => {
  const { op } = await inWorkshop();
  await act(server, `${op}/start`);
  const error = await refused(`${op}/pause`, { reason: 'parts', part: 'Oil filter', eta: '2020-01-01T08:00:00+08:00' }, 400, 'pause.eta');
  assert.match(error.message, /pause\.eta: the parts ETA 2020-01-01T08:00:00\+08:00 is in the past/);
  const ro = (await server.api('GET', `${ROS}/${op.split('/')[5]}`)).body.data;
  assert.is(ro.operations[0].status, 'in_progress', 'still running');
  assert.is(
    (await act(server, `${op}/pause`, { reason: 'parts', part: 'Oil filter', eta: inAnHour() })).operations[0].status,
    'paused',
    'a future ETA is fine',
  );
});

PartsEta('a dispatcher corrects the ETA of a parts wait; the past, a running job and a technician are refused', async () => {
  const { op } = await inWorkshop();
  await act(server, `${op}/start`);
  await refused(`${op}/parts-eta`, { eta: inAnHour() }, 409);
  await act(server, `${op}/pause`, { reason: 'parts', part: 'Oil filter', eta: inAnHour() });
  const later = new Date(Date.now() + 5 * 3600_000).toISOString();
  const dispatcher = asStaff(server.auth, { roles: ['dispatcher'], storeIds: [S] });
  const corrected = await act(server, `${op}/parts-eta`, { eta: later }, dispatcher);
  assert.equal(corrected.operations[0].pause, { reason: 'parts', part: 'Oil filter', eta: later });
  await refused(`${op}/parts-eta`, { eta: '2020-01-01T00:00:00Z' }, 400, 'eta', dispatcher);
  await refused(`${op}/parts-eta`, { eta: 'tomorrow' }, 400, 'body.eta', dispatcher);
  await refused(`${op}/parts-eta`, { eta: inAnHour() }, 403, undefined, asStaff(server.auth, { roles: ['technician'], storeIds: [S] }));
});

Flow.run();
PartsEta.run();
Illegal.run();
Malformed.run();
Roles.run();
