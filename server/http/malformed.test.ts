import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { anAppointmentInput, aRepairOrderInput, createRo, seqOf } from '../../tests/helpers/build';
import { startTestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';
import { apiRoutes } from './index';

/**
 * One malformed request per route, so a new route cannot ship without showing that it refuses
 * bad input with the field named and the store untouched. Add your route's case here.
 */
test('every route refuses malformed input with 400 naming the field, and changes nothing', async () => {
  const server = await startTestServer({ shop: aTestShop() });
  const S = 'store-a';
  const ro = await createRo(server, S);
  const appt = (await server.api('POST', `/api/stores/${S}/appointments`, anAppointmentInput())).body.data.appointment;
  const R = `/api/stores/${S}/repair-orders`;
  const A = `/api/stores/${S}/appointments`;
  const op = `${R}/${ro.id}/operations/${ro.operations[0].id}`;

  const cases: Record<string, [method: string, path: string, body: unknown, field: string]> = {
    openApi: ['GET', '/api/openapi.json?v=2', undefined, 'query.v'],
    signInOnce: ['GET', `/auth/one-time/${'x'.repeat(201)}`, undefined, 'params.token'],
    signOut: ['POST', '/auth/sign-out?everywhere=1', undefined, 'query.everywhere'],
    getMe: ['GET', '/api/me?full=1', undefined, 'query.full'],
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
  };
  // /healthz takes no input and tolerates probes' cache-busting parameters.
  const exempt = ['health'];
  const names = apiRoutes(() => ({})).map((r) => r.name).filter((n) => !exempt.includes(n));
  assert.equal(Object.keys(cases).sort(), names.sort(), 'every route has a malformed-input case');

  for (const [name, [method, path, body, field]] of Object.entries(cases)) {
    const before = await seqOf(server, S);
    const res = await server.api(method, path, body);
    assert.is(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
    assert.is(res.body.error.code, 'invalid_input', name);
    assert.ok(res.body.error.details.some((d: { path: string }) => d.path === field), `${name} names ${field}: ${JSON.stringify(res.body.error.details)}`);
    assert.is(await seqOf(server, S), before, `${name} changed nothing`);
  }
  await server.close();
});

test.run();
