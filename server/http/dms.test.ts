import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aPlate, aRepairOrderInput, anAppointmentInput, seqOf } from '../../tests/helpers/build';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';
import { importJobsOf } from '../dms/import-jobs';

let server: TestServer;
const S = 'store-a';
const RO = (id: string) => `/api/stores/${S}/repair-orders/by-external-id/${id}`;
const APPT = (id: string) => `/api/stores/${S}/appointments/by-external-id/${id}`;
const start = async () => {
  server = await startTestServer({ shop: aTestShop() });
};
const stop = async () => server.close();

const Upsert = suite('PUT …/by-external-id/{externalId}');
Upsert.before(start);
Upsert.after(stop);

Upsert('creates once, and the same body again changes nothing', async () => {
  const body = aRepairOrderInput({ updatedAt: '2026-12-01T08:00:00Z' });
  const first = await server.api('PUT', RO('DMS-1001'), body);
  assert.is(first.status, 201, JSON.stringify(first.body));
  assert.is(first.body.data.outcome, 'created');
  assert.is(first.body.data.repairOrder.externalId, 'DMS-1001');
  const seq = await seqOf(server, S);
  const again = await server.api('PUT', RO('DMS-1001'), body);
  assert.is(again.status, 200);
  assert.is(again.body.data.outcome, 'unchanged');
  assert.is(again.body.data.repairOrder.id, first.body.data.repairOrder.id);
  assert.is(await seqOf(server, S), seq, 'nothing was committed');
  const all = (await server.api('GET', `/api/stores/${S}/repair-orders?limit=500`)).body.data.filter((r: any) => r.externalId === 'DMS-1001');
  assert.is(all.length, 1);
});

Upsert('applies a newer change, ignores an older one that arrives after it', async () => {
  const plate = aPlate();
  const base = aRepairOrderInput({ vehicle: { plate, make: 'Audi', model: 'A6L', color: 'Black' } });
  await server.api('PUT', RO('DMS-2001'), { ...base, description: 'v1', updatedAt: '2026-12-01T08:00:00Z' });
  const newer = await server.api('PUT', RO('DMS-2001'), {
    ...base,
    description: 'v3',
    operations: [{ code: 'OIL' }, { code: 'BRK' }],
    updatedAt: '2026-12-01T10:00:00Z',
  });
  assert.is(newer.body.data.outcome, 'updated');
  assert.is(newer.body.data.repairOrder.description, 'v3');
  assert.equal(
    newer.body.data.repairOrder.operations.map((o: any) => o.code),
    ['OIL', 'BRK'],
  );
  const seq = await seqOf(server, S);
  const older = await server.api('PUT', RO('DMS-2001'), { ...base, description: 'v2', updatedAt: '2026-12-01T09:00:00+00:00' });
  assert.is(older.status, 200);
  assert.is(older.body.data.outcome, 'stale');
  assert.is(older.body.data.appliedUpdatedAt, '2026-12-01T10:00:00Z');
  assert.is(older.body.data.repairOrder.description, 'v3', 'the newest stays');
  assert.is(await seqOf(server, S), seq);
});

Upsert('appointments: create, same again, change, out of order', async () => {
  const body = anAppointmentInput({ updatedAt: '2026-12-01T08:00:00Z' });
  assert.is((await server.api('PUT', APPT('APT-1'), body)).body.data.outcome, 'created');
  assert.is((await server.api('PUT', APPT('APT-1'), body)).body.data.outcome, 'unchanged');
  const moved = await server.api('PUT', APPT('APT-1'), { ...body, note: 'moved', updatedAt: '2026-12-01T09:00:00Z' });
  assert.is(moved.body.data.outcome, 'updated');
  assert.is(moved.body.data.appointment.note, 'moved');
  assert.is((await server.api('PUT', APPT('APT-1'), { ...body, note: 'old', updatedAt: '2026-12-01T08:30:00Z' })).body.data.outcome, 'stale');
});

Upsert('bad input is a 400 naming the field, never a 5xx', async () => {
  const bad = await server.api('PUT', RO('DMS-3'), aRepairOrderInput({ updatedAt: 'yesterday' }));
  assert.is(bad.status, 400);
  assert.ok(
    bad.body.error.details.some((d: any) => d.path === 'body.updatedAt'),
    JSON.stringify(bad.body),
  );
  const badId = await server.api('PUT', RO('a%20b'), aRepairOrderInput());
  assert.is(badId.status, 400);
  assert.ok(badId.body.error.details.some((d: any) => d.path === 'params.externalId'));
});

const Import = suite('POST /imports');
Import.before(start);
Import.after(stop);

const post = (kind: string, type: string, file: string) => server.api('POST', `/api/stores/${S}/imports?kind=${kind}`, file, { 'content-type': type });
const finished = async (id: string) => {
  await (await importJobsOf(server.deps)).settled(id);
  return (await server.api('GET', `/api/stores/${S}/imports/${id}`)).body.data;
};

const CSV = [
  'ro_number,status,promised,advisor,plate,vin,make,model,color,mileage_km,customer_name,customer_phone,jobs,updated_at',
  `R-1,open,2026-12-08T17:00:00+08:00,adv-1,${aPlate()},,Audi,A6L,Black,42000,张伟,13812345678,OIL;BRK:1.5,2026-12-07T08:00:00Z`,
  `R-2,open,,,${aPlate()},,BMW,X3,White,abc,李娜,13900001111,OIL,2026-12-07T08:00:00Z`,
  `R-3,open,,,NOT A PLATE,,BMW,X3,White,1000,李娜,13900001111,OIL,2026-12-07T08:00:00Z`,
  `R-4,scheduled,,,${aPlate()},,Toyota,Camry,,,王芳,13700002222,"LOF9:0.8:Lube, oil, filter",2026-12-07T08:00:00Z`,
  `,open,,,${aPlate()},,BMW,X3,White,1000,李娜,13900001111,OIL,2026-12-07T08:00:00Z`,
].join('\n');

Import('applies the good lines, reports each bad one by line and column, and a second import changes nothing', async () => {
  const res = await post('repair-orders', 'text/csv', CSV);
  assert.is(res.status, 202, JSON.stringify(res.body));
  const job = await finished(res.body.data.id);
  assert.is(job.status, 'done');
  assert.is(job.lines, 5);
  assert.equal(job.counts, { created: 2, updated: 0, unchanged: 0, stale: 0, failed: 3 });
  assert.equal(
    job.errors.map((e: any) => [e.line, e.field]),
    [
      [3, 'mileage_km'],
      [4, 'plate'],
      [6, 'ro_number'],
    ],
  );
  const ros = (await server.api('GET', `/api/stores/${S}/repair-orders?limit=500`)).body.data;
  const r1 = ros.find((r: any) => r.externalId === 'R-1');
  assert.equal(
    r1.operations.map((o: any) => [o.code, o.standardHours]),
    [
      ['OIL', 0.5],
      ['BRK', 1.5],
    ],
  );
  assert.is(r1.vehicle.mileageKm, 42000);
  const r4 = ros.find((r: any) => r.externalId === 'R-4');
  assert.is(r4.stage, 'scheduled');
  assert.equal(
    r4.operations.map((o: any) => [o.code, o.title, o.standardHours]),
    [['LOF9', 'Lube, oil, filter', 0.8]],
  );
  const seq = await seqOf(server, S);
  const second = await finished((await post('repair-orders', 'text/csv', CSV)).body.data.id);
  assert.equal(second.counts, { created: 0, updated: 0, unchanged: 2, stale: 0, failed: 3 });
  assert.is(await seqOf(server, S), seq, 'the second import committed nothing');
});

Import('JSON lines of appointments, with a broken line among good ones', async () => {
  const good = (id: string) => JSON.stringify({ externalId: id, ...anAppointmentInput() });
  const file = [
    good('A-1'),
    '{"externalId": "A-2", "at": ',
    good('A-3'),
    JSON.stringify({ externalId: 'A-4', ...anAppointmentInput({ services: ['NOPE'] }) }),
  ].join('\n');
  const job = await finished((await post('appointments', 'application/x-ndjson', file)).body.data.id);
  assert.equal(job.counts, { created: 2, updated: 0, unchanged: 0, stale: 0, failed: 2 });
  assert.equal(
    job.errors.map((e: any) => [e.line, e.field]),
    [
      [2, ''],
      [4, 'services.0'],
    ],
  );
});

Import('refuses what is not an import file with a 4xx naming the problem', async () => {
  assert.is((await post('repair-orders', 'application/json', '{}')).status, 415);
  const noKind = await server.api('POST', `/api/stores/${S}/imports`, 'a,b\n1,2', { 'content-type': 'text/csv' });
  assert.is(noKind.status, 400);
  const empty = await post('repair-orders', 'text/csv', 'ro_number,plate\n');
  assert.is(empty.status, 400);
  assert.is(empty.body.error.code, 'invalid_file');
  const unknownColumn = await finished((await post('repair-orders', 'text/csv', 'ro_number,colour\nX-1,red')).body.data.id);
  assert.equal(
    unknownColumn.errors.map((e: any) => e.field),
    ['colour'],
  );
  assert.is((await server.api('GET', `/api/stores/${S}/imports/imp-nope`)).status, 404);
});

Upsert.run();
Import.run();
