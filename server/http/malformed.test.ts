import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { anAppointmentInput, aRepairOrderInput, createRo, seqOf } from '../../tests/helpers/build';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';
import { apiRoutes } from './index';

/**
 * One malformed request per route, so a new route cannot ship without showing that it refuses
 * bad input with the field named and the store untouched. Add your route's case here.
 */
const Malformed = suite('malformed input on every route');
let server: TestServer;
const S = 'store-a';
const R = `/api/stores/${S}/repair-orders`;
const A = `/api/stores/${S}/appointments`;
const K = `/api/kiosk/${S}`;
let cases: Record<string, [method: string, path: string, body: unknown, field: string]> = {};

Malformed.before(async () => {
  server = await startTestServer({ shop: aTestShop() });
  const ro = await createRo(server, S);
  const appt = (await server.api('POST', A, anAppointmentInput())).body.data.appointment;
  const op = `${R}/${ro.id}/operations/${ro.operations[0].id}`;
  cases = {
    openApi: ['GET', '/api/openapi.json?v=2', undefined, 'query.v'],
    signInOnce: ['GET', `/auth/one-time/${'x'.repeat(1001)}`, undefined, 'params.token'],
    signOut: ['POST', '/auth/sign-out?everywhere=1', undefined, 'query.everywhere'],
    getMe: ['GET', '/api/me?full=1', undefined, 'query.full'],
    createSignInLink: ['POST', '/api/sign-in-links', { roles: ['owner'] }, 'body.roles.0'],
    createRepairOrder: ['POST', R, aRepairOrderInput({ priority: 'asap' }), 'body.priority'],
    listRepairOrders: ['GET', `${R}?open=yes`, undefined, 'query.open'],
    getRepairOrder: ['GET', `${R}/${'r'.repeat(65)}`, undefined, 'params.roId'],
    updateRepairOrder: ['PATCH', `${R}/${ro.id}`, { customer: { phone: '12' } }, 'body.customer.phone'],
    cancelRepairOrder: ['POST', `${R}/${ro.id}/cancel`, { reason: ' ' }, 'body.reason'],
    addOperation: ['POST', `${R}/${ro.id}/operations`, { code: 'OIL', standardHours: -1 }, 'body.standardHours'],
    checkInRepairOrder: ['POST', `${R}/${ro.id}/check-in`, { queue: 'A1' }, 'body.queue'],
    sendToWorkshop: ['POST', `${R}/${ro.id}/send-to-workshop`, { bay: 1 }, 'body.bay'],
    passQualityCheck: ['POST', `${R}/${ro.id}/qc-pass`, { note: 'x'.repeat(201) }, 'body.note'],
    failQualityCheck: ['POST', `${R}/${ro.id}/qc-fail`, { reason: 'x', operationIds: 'all' }, 'body.operationIds'],
    finishWash: ['POST', `${R}/${ro.id}/wash-done`, { x: 1 }, 'body.x'],
    markReady: ['POST', `${R}/${ro.id}/ready`, { x: 1 }, 'body.x'],
    deliver: ['POST', `${R}/${ro.id}/deliver`, { x: 1 }, 'body.x'],
    markNoShow: ['POST', `${R}/${ro.id}/no-show`, { x: 1 }, 'body.x'],
    submitSurvey: ['POST', `${R}/${ro.id}/survey`, { score: 4.5 }, 'body.score'],
    assignOperation: ['POST', `${op}/assign`, { bayId: 'bay-1', technicianId: '' }, 'body.technicianId'],
    startOperation: ['POST', `${op}/start`, { technicianId: 7 }, 'body.technicianId'],
    pauseOperation: ['POST', `${op}/pause`, { reason: 'parts', part: 'filter', eta: 'soon' }, 'body.eta'],
    resumeOperation: ['POST', `${op}/resume`, { x: 1 }, 'body.x'],
    finishOperation: ['POST', `${op}/finish`, { x: 1 }, 'body.x'],
    createAppointment: ['POST', A, anAppointmentInput({ customer: { name: 'X', phone: '13800000000', salutation: 'dr' } }), 'body.customer.salutation'],
    listAppointments: ['GET', `${A}?date=2030-02-30`, undefined, 'query.date'],
    getAppointment: ['GET', `${A}/${encodeURIComponent('../x')}`, undefined, 'params.appointmentId'],
    updateAppointment: ['PATCH', `${A}/${appt.id}`, { services: ['NOPE'] }, 'body.services.0'],
    cancelAppointment: ['DELETE', `${A}/${appt.id}?why=x`, undefined, 'query.why'],
    markAppointmentNoShow: ['POST', `${A}/${appt.id}/no-show`, { x: 1 }, 'body.x'],
    checkInAppointment: ['POST', `${A}/${appt.id}/check-in`, { wash: 'yes' }, 'body.wash'],
    kioskSetup: ['GET', `${K}/setup?x=1`, undefined, 'query.x'],
    kioskFindAppointment: ['POST', `${K}/appointments/find`, { kioskId: 'k', plate: '京A12345', phoneLast4: '12' }, 'body.phoneLast4'],
    kioskScanAppointment: ['POST', `${K}/appointments/scan`, { kioskId: 'k', code: 'short' }, 'body.code'],
    kioskCheckIn: ['POST', `${K}/check-in`, { kioskId: 'k', ticket: 'x'.repeat(20), consent: false }, 'body.consent'],
    kioskWalkIn: ['POST', `${K}/walk-in`, { kioskId: 'k', plate: '京A12345', phone: '12', services: ['OIL'], consent: true }, 'body.phone'],
    kioskCallAdvisor: ['POST', `${K}/call-advisor`, { kioskId: 'k', locale: 'fr' }, 'body.locale'],
    kioskFindSurvey: ['POST', `${K}/survey/find`, { kioskId: 'k', plate: 'X', phoneLast4: '1234' }, 'body.plate'],
    kioskSubmitSurvey: ['POST', `${K}/survey`, { kioskId: 'k', ticket: 'x'.repeat(20), score: 6 }, 'body.score'],
    kioskKey: ['POST', `/api/stores/${S}/kiosks/kiosk-1/key`, { x: 1 }, 'body.x'],
    appointmentKioskCode: ['GET', `${A}/${appt.id}/kiosk-code?size=2`, undefined, 'query.size'],
    acknowledgeAdvisorCall: ['POST', `/api/stores/${S}/advisor-calls/call-1/acknowledge`, { x: 1 }, 'body.x'],
    getScanSession: ['GET', '/api/scan/session?x=1', undefined, 'query.x'],
    resolveScanCode: ['GET', '/api/scan/codes/short', undefined, 'params.token'],
    signInWithBadge: ['POST', '/api/scan/sign-in/badge', { token: 'x' }, 'body.token'],
    signInWithPin: ['POST', '/api/scan/sign-in/pin', { storeId: S, personId: 'tech-1', pin: '12' }, 'body.pin'],
    signOutScanDevice: ['POST', '/api/scan/sign-out?x=1', undefined, 'query.x'],
    scanAction: ['POST', '/api/scan/actions', { roId: ro.id, action: { type: 'explode' } }, 'body.action.type'],
    getScanAccess: ['GET', `/api/stores/${S}/scan/access?x=1`, undefined, 'query.x'],
    revokeScanDevice: ['DELETE', `/api/stores/${S}/scan/devices/${encodeURIComponent('a b')}`, undefined, 'params.deviceId'],
    unlockPin: ['DELETE', `/api/stores/${S}/scan/pin-locks/${encodeURIComponent('a b')}`, undefined, 'params.personId'],
    setPin: ['POST', `/api/stores/${S}/people/tech-1/pin`, { pin: '12' }, 'body.pin'],
    revokeScanCodes: ['POST', `/api/stores/${S}/scan/revocations`, { kind: 'car', id: 'x' }, 'body.kind'],
    getBayScanCode: ['GET', `/api/stores/${S}/bays/${encodeURIComponent('a b')}/scan-code`, undefined, 'params.bayId'],
    getJobCardCodes: ['GET', `${R}/${encodeURIComponent('a b')}/scan-codes`, undefined, 'params.roId'],
    listDisplays: ['GET', `/api/stores/${S}/displays?x=1`, undefined, 'query.x'],
    pairDisplay: ['POST', `/api/stores/${S}/displays`, { code: '!', name: 'Lobby', board: 'customer' }, 'body.code'],
    unpairDisplay: ['DELETE', `/api/stores/${S}/displays/${encodeURIComponent('a b')}`, undefined, 'params.displayId'],
    reloadDisplay: ['POST', `/api/stores/${S}/displays/${encodeURIComponent('a b')}/reload`, undefined, 'params.displayId'],
    trackingSurvey: ['POST', `/api/track/${'t'.repeat(24)}/survey`, { score: 0 }, 'body.score'],
  };
});
Malformed.after(async () => server.close());

Malformed('every route has a case here', () => {
  // /healthz takes no input and tolerates probes' cache-busting parameters.
  const exempt = ['health'];
  const names = apiRoutes(() => ({})).map((r) => r.name).filter((n) => !exempt.includes(n));
  const missing = names.filter((n) => !(n in cases));
  assert.equal(missing, [], `add a malformed-input case for: ${missing.join(', ')}`);
  assert.equal(Object.keys(cases).filter((n) => !names.includes(n)), [], 'cases for routes that no longer exist');
});

Malformed('each case is refused with 400 naming the field, and changes nothing', async () => {
  for (const [name, [method, path, body, field]] of Object.entries(cases)) {
    const before = await seqOf(server, S);
    const res = await server.api(method, path, body);
    assert.is(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
    assert.is(res.body.error.code, 'invalid_input', name);
    assert.ok(res.body.error.details.some((d: { path: string }) => d.path === field), `${name} names ${field}: ${JSON.stringify(res.body.error.details)}`);
    assert.is(await seqOf(server, S), before, `${name} changed nothing`);
  }
});

Malformed.run();
