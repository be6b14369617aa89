import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { WorkshopEvent } from '../../shared/workflow/events';
import { act, aPlate, aRepairOrderInput, createRo } from '../helpers/build';
import { deliver, kiosk } from '../helpers/kiosk';
import { issueCode, Phone } from '../helpers/scan';
import { startTestServer, type TestServer } from '../helpers/server';
import { aTestShop } from '../helpers/shop';
import { commitOk } from '../helpers/workshop';

/**
 * "Every event names the person": each door a write comes in by (the desk's REST call, the scan
 * page, the kiosk, a paired screen, the customer's tracking link, the DMS with the API key, the
 * server's own checks) records who — kind, id and the name staff screens show.
 */
let server: TestServer;
const S = 'store-a';
const ROS = `/api/stores/${S}/repair-orders`;

/** The events appended while `write` ran. */
async function eventsOf(write: () => Promise<unknown>): Promise<WorkshopEvent[]> {
  const before = (await server.service.state(S)).seq;
  await write();
  return server.service.events.read(S, before);
}

const only = async (type: string, write: () => Promise<unknown>) => {
  const found = (await eventsOf(write)).filter((e) => e.type === type);
  assert.is(found.length, 1, `one ${type} event`);
  return found[0];
};

const staffCookie = (id: string, name: string, roles: ('advisor' | 'dispatcher' | 'admin')[]) => ({
  authorization: undefined,
  cookie: `tw_session=${server.auth.issueSession({ id, name, roles, storeIds: [S] })}`,
});

const Actors = suite('actor named on every write path');
Actors.before(async () => {
  server = await startTestServer({ shop: aTestShop(), env: { INTEGRATION_NAME: '金蝶DMS' } });
});
Actors.after(() => server.close());

Actors('a desk action over REST names the signed-in person by session id and name', async () => {
  const event = await only('repairOrderCreated', async () => {
    const res = await server.api('POST', ROS, aRepairOrderInput(), { ...staffCookie('adv-1', '赵顾问', ['advisor']), 'x-source': 'dispatch' });
    assert.is(res.status, 201, JSON.stringify(res.body));
  });
  assert.equal(event.actor, { kind: 'staff', id: 'adv-1', name: '赵顾问' });
  assert.is(event.source, 'dispatch');
});

Actors('the integration key writes under INTEGRATION_NAME', async () => {
  const event = await only('repairOrderCreated', () => createRo(server, S));
  assert.equal(event.actor, { kind: 'integration', id: 'api-key', name: '金蝶DMS' });
  assert.is(event.source, 'api');
});

Actors('the scan page names the technician signed in on the phone, and the phone as device', async () => {
  const ro = await createRo(server, S);
  await act(server, `${ROS}/${ro.id}/send-to-workshop`);
  const phone = new Phone(server);
  const signIn = await only('deviceSignedIn', () => phone.signInWithBadge(S, 'tech-2'));
  assert.equal(signIn.actor, { kind: 'technician', id: 'tech-2', name: '王师傅' });
  const code = await issueCode(server, { kind: 'operation', storeId: S, roId: ro.id, operationId: ro.operations[0].id });
  const started = await only('operationStarted', () => phone.act(code, { type: 'startOperation', bayId: 'bay-2' }));
  assert.equal(started.actor, { kind: 'technician', id: 'tech-2', name: '王师傅' });
  assert.equal([started.source, started.device], ['scan', signIn.device]);
  assert.ok(started.device, 'the phone is recorded');
  const signOut = await only('deviceSignedOut', () => phone.request('POST', '/api/scan/sign-out'));
  assert.equal(signOut.actor, { kind: 'technician', id: 'tech-2', name: '王师傅' });
});

Actors("an admin's scan-page tools name the admin; a wrong PIN is recorded by the server itself", async () => {
  const set = await only('pinSet', () => server.api('POST', `/api/stores/${S}/people/tech-1/pin`, { pin: '2468' }, staffCookie('boss-1', '王经理', ['admin'])));
  assert.equal(set.actor, { kind: 'staff', id: 'boss-1', name: '王经理' });
  const phone = new Phone(server);
  const failure = await only('pinFailureRecorded', () => phone.request('POST', '/api/scan/sign-in/pin', { storeId: S, personId: 'tech-1', pin: '0000' }));
  assert.equal(failure.actor, { kind: 'system', id: 'pin-check' });
});

const walkIn = () => ({ kioskId: 'entrance', plate: aPlate(), phone: '13655557777', surname: '王', salutation: 'mr', services: ['OIL'], consent: true });

Actors('a kiosk without a key is "the kiosk" (the id it claims is only the device); a paired kiosk is named by its id', async () => {
  const call = kiosk(server, S);
  const anonymous = await only('repairOrderCreated', () => call('POST', '/walk-in', walkIn()));
  assert.equal([anonymous.actor, anonymous.source, anonymous.device], [{ kind: 'kiosk', id: 'kiosk' }, 'kiosk', 'entrance']);
  const key = (await server.api('POST', `/api/stores/${S}/kiosks/entrance/key`, {})).body.data.key as string;
  const paired = await only('repairOrderCreated', () => call('POST', '/walk-in', walkIn(), { 'x-kiosk-key': key }));
  assert.equal([paired.actor, paired.device], [{ kind: 'kiosk', id: 'entrance' }, 'entrance']);
  const called = await only('advisorCalled', () => call('POST', '/call-advisor', { kioskId: 'entrance' }, { 'x-kiosk-key': key }));
  assert.equal(called.actor, { kind: 'kiosk', id: 'entrance' });
});

Actors('a paired dispatch screen answering a kiosk call is named by its paired name, with its board as device', async () => {
  await commitOk(server.service, S, { type: 'pairDisplay', displayId: 'wall-1', name: '调度室大屏', board: 'dispatch' });
  const token = server.auth.issueDisplayToken({ id: 'wall-1', storeId: S, board: 'dispatch' });
  const raised = await kiosk(server, S)('POST', '/call-advisor', { kioskId: 'side-door' });
  const callId = raised.body.data.call.id;
  const ack = await only('callAcknowledged', () =>
    server.api('POST', `/api/stores/${S}/advisor-calls/${callId}/acknowledge`, {}, { authorization: undefined, 'x-display-token': token }),
  );
  assert.equal([ack.actor, ack.source, ack.device], [{ kind: 'display', id: 'wall-1', name: '调度室大屏' }, 'dispatch', 'dispatch-board']);
});

Actors("the customer's survey names the visit, nothing personal, from their phone or the kiosk", async () => {
  const ro = await createRo(server, S);
  await deliver(server, S, ro.id);
  const token = (await server.service.state(S)).ros.get(ro.id)!.trackingToken!;
  const survey = await only('surveySubmitted', () => server.api('POST', `/api/track/${token}/survey`, { score: 5 }, { authorization: undefined }));
  assert.equal([survey.actor, survey.source, survey.device], [{ kind: 'customer', id: `ro:${ro.id}` }, 'api', 'tracking-page']);

  const other = await createRo(server, S, { customer: { name: '赵敏', phone: '13711112222', salutation: 'ms' } });
  await deliver(server, S, other.id);
  const call = kiosk(server, S);
  const found = await call('POST', '/survey/find', { kioskId: 'entrance', plate: other.vehicle.plate, phoneLast4: '2222' });
  const atKiosk = await only('surveySubmitted', () => call('POST', '/survey', { kioskId: 'entrance', ticket: found.body.data.ticket, score: 4 }));
  assert.equal([atKiosk.actor, atKiosk.source, atKiosk.device], [{ kind: 'customer', id: `ro:${other.id}` }, 'kiosk', 'entrance']);
});

Actors.run();
