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
    createSignInLink: ['POST', '/api/sign-in-links', { personId: 'no spaces allowed' }, 'body.personId'],
    listPeople: ['GET', `/api/stores/${S}/people?all=1`, undefined, 'query.all'],
    addPerson: ['POST', `/api/stores/${S}/people`, { id: 'desk-9', name: 'X', roles: ['owner'] }, 'body.roles.0'],
    disablePerson: ['POST', `/api/stores/${S}/people/${'p'.repeat(65)}/disable`, undefined, 'params.personId'],
    enablePerson: ['POST', `/api/stores/${S}/people/adv-1/enable?x=1`, undefined, 'query.x'],
    resetPassword: ['POST', `/api/stores/${S}/people/adv-1/password-reset?x=1`, undefined, 'query.x'],
    setOwnPassword: ['POST', '/api/me/password', { password: 7 }, 'body.password'],
    createRepairOrder: ['POST', R, aRepairOrderInput({ priority: 'asap' }), 'body.priority'],
    listRepairOrders: ['GET', `${R}?open=yes`, undefined, 'query.open'],
    getRepairOrderHistory: ['GET', `${R}/${ro.id}/history?afterSeq=-1`, undefined, 'query.afterSeq'],
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
    correctPartsEta: ['POST', `${op}/parts-eta`, { eta: 'tomorrow' }, 'body.eta'],
    resumeOperation: ['POST', `${op}/resume`, { x: 1 }, 'body.x'],
    finishOperation: ['POST', `${op}/finish`, { x: 1 }, 'body.x'],
    createAppointment: ['POST', A, anAppointmentInput({ customer: { name: 'X', phone: '13800000000', salutation: 'dr' } }), 'body.customer.salutation'],
    listAppointments: ['GET', `${A}?date=2030-02-30`, undefined, 'query.date'],
    getAppointment: ['GET', `${A}/${encodeURIComponent('../x')}`, undefined, 'params.appointmentId'],
    updateAppointment: ['PATCH', `${A}/${appt.id}`, { services: ['NOPE'] }, 'body.services.0'],
    cancelAppointment: ['DELETE', `${A}/${appt.id}?why=x`, undefined, 'query.why'],
    markAppointmentNoShow: ['POST', `${A}/${appt.id}/no-show`, { x: 1 }, 'body.x'],
    getPlan: ['GET', `/api/stores/${S}/plan?from=2030-02-30`, undefined, 'query.from'],
    checkInAppointment: ['POST', `${A}/${appt.id}/check-in`, { wash: 'yes' }, 'body.wash'],
    upsertRepairOrderByExternalId: ['PUT', `${R}/by-external-id/DMS-1`, aRepairOrderInput({ updatedAt: 'today' }), 'body.updatedAt'],
    upsertAppointmentByExternalId: ['PUT', `${A}/by-external-id/${encodeURIComponent('a b')}`, anAppointmentInput(), 'params.externalId'],
    startImport: ['POST', `/api/stores/${S}/imports?kind=cars`, undefined, 'query.kind'],
    createWebhook: ['POST', '/api/webhooks', { url: 'not a url' }, 'body.url'],
    listWebhooks: ['GET', '/api/webhooks?x=1', undefined, 'query.x'],
    getWebhook: ['GET', `/api/webhooks/${encodeURIComponent('a b')}`, undefined, 'params.webhookId'],
    updateWebhook: ['PATCH', '/api/webhooks/wh-1', { enabled: 'yes' }, 'body.enabled'],
    deleteWebhook: ['DELETE', `/api/webhooks/${encodeURIComponent('a b')}`, undefined, 'params.webhookId'],
    listStores: ['GET', '/api/stores?x=1', undefined, 'query.x'],
    listBays: ['GET', `/api/stores/${encodeURIComponent('a b')}/bays`, undefined, 'params.storeId'],
    getCatalogue: ['GET', `/api/stores/${S}/catalogue?bayKind=garden`, undefined, 'query.bayKind'],
    getImport: ['GET', `/api/stores/${S}/imports/${encodeURIComponent('a b')}`, undefined, 'params.importId'],
    kioskSetup: ['GET', `${K}/setup?x=1`, undefined, 'query.x'],
    kioskFindAppointment: ['POST', `${K}/appointments/find`, { kioskId: 'k', plate: '京A12345', phoneLast4: '12' }, 'body.phoneLast4'],
    kioskScanAppointment: ['POST', `${K}/appointments/scan`, { kioskId: 'k', code: 'short' }, 'body.code'],
    kioskCheckIn: ['POST', `${K}/check-in`, { kioskId: 'k', ticket: 'x'.repeat(20), consent: false }, 'body.consent'],
    kioskWalkIn: ['POST', `${K}/walk-in`, { kioskId: 'k', plate: '京A12345', phone: '12', services: ['OIL'], consent: true }, 'body.phone'],
    kioskCallStatus: ['GET', `/api/kiosk/${S}/calls/call-1?since=soon`, undefined, 'query.since'],
    kioskCallAdvisor: ['POST', `${K}/call-advisor`, { kioskId: 'k', locale: 'fr' }, 'body.locale'],
    kioskFindSurvey: ['POST', `${K}/survey/find`, { kioskId: 'k', plate: 'X', phoneLast4: '1234' }, 'body.plate'],
    kioskSubmitSurvey: ['POST', `${K}/survey`, { kioskId: 'k', ticket: 'x'.repeat(20), score: 6 }, 'body.score'],
    kioskKey: ['POST', `/api/stores/${S}/kiosks/kiosk-1/key`, { x: 1 }, 'body.x'],
    appointmentKioskCode: ['GET', `${A}/${appt.id}/kiosk-code?size=2`, undefined, 'query.size'],
    acknowledgeAdvisorCall: ['POST', `/api/stores/${S}/advisor-calls/call-1/acknowledge`, { x: 1 }, 'body.x'],
    getScanSession: ['GET', '/api/scan/session?x=1', undefined, 'query.x'],
    getMyScanJobs: ['GET', '/api/scan/my-jobs?x=1', undefined, 'query.x'],
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
    trackingPartsWaits: ['GET', `/api/track/${'t'.repeat(201)}/parts-waits`, undefined, 'params.token'],
    getRepairOrderNotifications: ['GET', `${R}/${'r'.repeat(65)}/notifications`, undefined, 'params.roId'],
    trackingPushStatus: ['GET', `/api/track/${'t'.repeat(201)}/push`, undefined, 'params.token'],
    trackingPushSubscribe: [
      'POST',
      `/api/track/${'t'.repeat(24)}/push`,
      { subscription: { endpoint: 'not a url', keys: { p256dh: 'x', auth: 'y' } } },
      'body.subscription.endpoint',
    ],
    trackingPushUnsubscribe: ['DELETE', `/api/track/${'t'.repeat(24)}/push`, { endpoint: 'nowhere' }, 'body.endpoint'],
    notifySmsReceipts: ['POST', `/api/notify/${S}/sms-receipts/${'k'.repeat(65)}`, [], 'params.key'],
    notifyReceiptUrl: ['GET', `/api/stores/${S}/notifications/receipt-url?x=1`, undefined, 'query.x'],
    storeReportSummary: ['GET', `/api/stores/${S}/reports/summary?from=2026-02-30`, undefined, 'query.from'],
    listReminders: ['GET', `/api/stores/${S}/reminders?window=14`, undefined, 'query.window'],
    recordReminderOutcome: ['POST', `/api/stores/${S}/reminders/outcomes`, { reminderId: 'service:ro-1:OIL', outcome: 'maybe' }, 'body.outcome'],
    listPartsDue: ['GET', `/api/stores/${S}/reminders/parts?x=1`, undefined, 'query.x'],
    storeReportVisitsCsv: ['GET', `/api/stores/${S}/reports/visits.csv?from=2026-03-02&to=2026-03-01`, undefined, 'query.to'],
    storeReportTechniciansCsv: ['GET', `/api/stores/${S}/reports/technicians.csv?from=2026-03-01&x=1`, undefined, 'query.x'],
    groupReportSummary: ['GET', '/api/reports/summary?from=2020-01-01&to=2026-01-01', undefined, 'query.to'],
    storeReportStagesCsv: ['GET', `/api/stores/${S}/reports/stages.csv?from=2026-3-1`, undefined, 'query.from'],
    storeReportBayHoursCsv: ['GET', `/api/stores/${S}/reports/bay-hours.csv?from=2026-03-02&to=2026-03-01`, undefined, 'query.to'],
    storeReportDaysCsv: ['GET', `/api/stores/${S}/reports/days.csv?from=2026-03-01&x=1`, undefined, 'query.x'],
    storeReportSurveyCsv: ['GET', `/api/stores/${S}/reports/survey.csv?to=2026-03-40`, undefined, 'query.to'],
    storeReportCancellationsCsv: ['GET', `/api/stores/${S}/reports/cancellations.csv`, undefined, 'query.from'],
    groupReportStoresCsv: ['GET', '/api/reports/stores.csv?from=2026-03-02&to=2026-03-01', undefined, 'query.to'],
    groupReportStoreHoursCsv: ['GET', '/api/reports/store-hours.csv?from=x', undefined, 'query.from'],
    groupReportTechniciansCsv: ['GET', '/api/reports/technicians.csv?from=2026-03-01&y=2', undefined, 'query.y'],
    groupReportStagesCsv: ['GET', '/api/reports/stages.csv?from=2020-01-01&to=2026-01-01', undefined, 'query.to'],
    groupReportBayHoursCsv: ['GET', '/api/reports/bay-hours.csv?from=2026-02-29', undefined, 'query.from'],
    groupReportDaysCsv: ['GET', '/api/reports/days.csv?to=2026/03/01', undefined, 'query.to'],
    groupReportSurveyCsv: ['GET', '/api/reports/survey.csv', undefined, 'query.from'],
    groupReportCancellationsCsv: ['GET', '/api/reports/cancellations.csv?from=2026-03-02&to=2026-03-01', undefined, 'query.to'],
    proposeAddOn: ['POST', `${R}/${encodeURIComponent('a b')}/add-ons`, undefined, 'params.roId'],
    proposeAddOnFromScan: ['POST', '/api/scan/add-ons?x=1', undefined, 'query.x'],
    getAddOnPhotoForStaff: ['GET', `${R}/${ro.id}/add-on-photos/${encodeURIComponent('a b')}`, undefined, 'params.photoId'],
    recordAddOnDecision: ['POST', `${R}/${ro.id}/add-ons/ao-1/decision`, { decision: 'maybe', channel: 'phone-call' }, 'body.decision'],
    trackingAddOnPhoto: ['GET', `/api/track/${'t'.repeat(201)}/photos/ph-x`, undefined, 'params.token'],
    trackingAddOnDecision: ['POST', `/api/track/${'t'.repeat(24)}/add-ons/ao-1/decision`, { decision: 'maybe' }, 'body.decision'],
  };
});
Malformed.after(async () => server.close());

Malformed('every route has a case here', () => {
  // /healthz takes no input and tolerates probes' cache-busting parameters.
  const exempt = ['health'];
  const names = apiRoutes(() => ({}))
    .map((r) => r.name)
    .filter((n) => !exempt.includes(n));
  const missing = names.filter((n) => !(n in cases));
  assert.equal(missing, [], `add a malformed-input case for: ${missing.join(', ')}`);
  assert.equal(
    Object.keys(cases).filter((n) => !names.includes(n)),
    [],
    'cases for routes that no longer exist',
  );
});

Malformed('each case is refused with 400 naming the field, and changes nothing', async () => {
  for (const [name, [method, path, body, field]] of Object.entries(cases)) {
    const before = await seqOf(server, S);
    const res = await server.api(method, path, body);
    assert.is(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
    assert.is(res.body.error.code, 'invalid_input', name);
    assert.ok(
      res.body.error.details.some((d: { path: string }) => d.path === field),
      `${name} names ${field}: ${JSON.stringify(res.body.error.details)}`,
    );
    assert.is(await seqOf(server, S), before, `${name} changed nothing`);
  }
});

Malformed.run();
