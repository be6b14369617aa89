import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { asStaff, seqOf } from '../../tests/helpers/build';
import { advisor, aServerWithCars } from '../../tests/helpers/reminders';

test("the due list: overdue by km at the car's own rate, insurance from the date an advisor set, cars in the shop left out", async () => {
  const { server, ids } = await aServerWithCars();
  try {
    const res = await server.api('GET', '/api/stores/store-a/reminders?window=30', undefined, advisor(server));
    assert.is(res.status, 200, JSON.stringify(res.body));
    const list = res.body.data;
    assert.is(list.today, '2026-03-02');
    assert.equal(
      list.cars.map((c: { plate: string }) => c.plate),
      ['京A11111', '京A22222'],
    );
    assert.equal(list.hidden, { open: 1, notInterested: 0 });
    const [a, b] = list.cars;
    assert.equal(a.kmPerDay, { value: 100, from: 'readings' });
    assert.is(a.lastRoId, ids.a2);
    // The latest visit names whom to call.
    assert.equal(a.customer, { name: '李娜', phone: '13900001111' });
    assert.equal(a.reminders, [
      {
        id: `service:${ids.a1}:OIL`,
        type: 'service',
        code: 'OIL',
        dueOn: '2026-02-24',
        dueBy: 'km',
        lastDoneOn: '2026-01-05',
        lastDoneKm: 20_000,
        dueKm: 25_000,
        estimatedKm: 25_600,
        urgency: 'overdue',
      },
    ]);
    assert.is(a.bookHref, '/plan?store=store-a&date=2026-03-03&plate=%E4%BA%ACA11111&services=OIL&customer=%E6%9D%8E%E5%A8%9C&phone=13900001111');
    const href = new URL(a.bookHref, 'http://x');
    assert.equal([href.searchParams.get('plate'), href.searchParams.get('customer'), href.searchParams.get('services')], ['京A11111', '李娜', 'OIL']);
    // Insurance in eight days: urgent by the insurance threshold (15 days); the oil (125 days at the default 40 km a day) is outside 30 days.
    assert.equal(
      b.reminders.map((r: { type: string; urgency: string; dueOn: string }) => [r.type, r.urgency, r.dueOn]),
      [['insurance', 'urgent', '2026-03-10']],
    );
    assert.equal(b.kmPerDay, { value: 40, from: 'default' });

    const overdue = await server.api('GET', '/api/stores/store-a/reminders?window=overdue', undefined, advisor(server));
    assert.equal(
      overdue.body.data.cars.map((c: { plate: string }) => c.plate),
      ['京A11111'],
    );
    const insurance = await server.api('GET', '/api/stores/store-a/reminders?window=90&type=insurance', undefined, advisor(server));
    assert.equal(
      insurance.body.data.cars.map((c: { plate: string }) => c.plate),
      ['京A22222'],
    );
    // 京A22222's oil (2 July, 122 days on) is outside even the 90-day window.
    const later = await server.api('GET', '/api/stores/store-a/reminders?window=90&type=service', undefined, advisor(server));
    assert.equal(
      later.body.data.cars.map((c: { plate: string; dueOn: string }) => [c.plate, c.dueOn]),
      [['京A11111', '2026-02-24']],
    );
  } finally {
    await server.close();
  }
});

test('"contacted" is recorded with who and when and moves the car down; "not interested" takes it off the list', async () => {
  const { server, ids } = await aServerWithCars();
  try {
    const contacted = await server.api(
      'POST',
      '/api/stores/store-a/reminders/outcomes',
      { reminderId: `service:${ids.a1}:OIL`, outcome: 'contacted', note: '下周二来' },
      advisor(server),
    );
    assert.is(contacted.status, 201, JSON.stringify(contacted.body));
    assert.equal(contacted.body.data.outcome, { outcome: 'contacted', at: '2026-03-02T02:00:00.000Z', by: 'Test staff', note: '下周二来' });
    const declined = await server.api(
      'POST',
      '/api/stores/store-a/reminders/outcomes',
      { reminderId: 'insurance:' + ids.b + ':2026-03-10', outcome: 'not_interested' },
      advisor(server),
    );
    assert.is(declined.status, 201, JSON.stringify(declined.body));
    await server.history!.projector.idle();

    const list = (await server.api('GET', '/api/stores/store-a/reminders?window=30', undefined, advisor(server))).body.data;
    assert.equal(
      list.cars.map((c: { plate: string }) => c.plate),
      ['京A11111'],
    );
    assert.equal(list.cars[0].reminders[0].outcome, { outcome: 'contacted', at: '2026-03-02T02:00:00.000Z', by: 'Test staff', note: '下周二来' });
    assert.equal(list.hidden, { open: 1, notInterested: 1 });
    // The facts in the log name the person and the reminder.
    const events = await server.events.read('store-a', 0, 1000);
    const facts = events.filter((e) => e.type === 'reminderOutcomeRecorded');
    assert.equal(
      facts.map((e) => [e.actor.id, (e.data as { reminderId: string }).reminderId, (e.data as { outcome: string }).outcome]),
      [
        ['adv-1', `service:${ids.a1}:OIL`, 'contacted'],
        ['adv-1', `insurance:${ids.b}:2026-03-10`, 'not_interested'],
      ],
    );
  } finally {
    await server.close();
  }
});

test('bad input is a 4xx naming the field and records nothing; only the front desk of the store may', async () => {
  const { server, ids } = await aServerWithCars();
  try {
    const before = await seqOf(server, 'store-a');
    const post = (body: unknown, headers = advisor(server)) => server.api('POST', '/api/stores/store-a/reminders/outcomes', body, headers);
    const cases: [unknown, string][] = [
      [{ reminderId: 'bogus', outcome: 'contacted' }, 'body.reminderId'],
      [{ reminderId: `service:${ids.a1}:OIL`, outcome: 'maybe' }, 'body.outcome'],
      [{ reminderId: `service:${ids.a1}:OIL`, outcome: 'contacted', extra: 1 }, 'body'],
      [{ reminderId: 'insurance:ro-1:2026-02-30x', outcome: 'contacted' }, 'body.reminderId'],
      [{ outcome: 'contacted' }, 'body.reminderId'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      assert.is(res.status, 400, JSON.stringify(body));
      assert.ok(JSON.stringify(res.body.error.details).includes(field), `${JSON.stringify(body)} → ${JSON.stringify(res.body.error)}`);
    }
    const window = await server.api('GET', '/api/stores/store-a/reminders?window=14', undefined, advisor(server));
    assert.is(window.status, 400);
    assert.match(JSON.stringify(window.body.error.details), 'query.window');
    assert.is((await server.api('GET', '/api/stores/store-a/reminders?colour=red', undefined, advisor(server))).status, 400);
    const technician = asStaff(server.auth, { roles: ['technician'], storeIds: ['store-a'] });
    assert.is((await post({ reminderId: `service:${ids.a1}:OIL`, outcome: 'contacted' }, technician)).status, 403);
    assert.is((await server.api('GET', '/api/stores/store-a/reminders', undefined, technician)).status, 403);
    assert.is((await server.api('GET', '/api/stores/store-a/reminders', undefined, { authorization: undefined })).status, 401);
    assert.is((await post({ reminderId: `service:${ids.a1}:OIL`, outcome: 'contacted' }, advisor(server, ['store-b']))).status, 403);
    const manager = asStaff(server.auth, { roles: ['manager'], storeIds: ['store-a'] });
    assert.is((await server.api('GET', '/api/stores/store-a/reminders', undefined, manager)).status, 200);
    assert.is(await seqOf(server, 'store-a'), before);
  } finally {
    await server.close();
  }
});

test('parts: due today, then late with the parts_overdue alarm the dispatch board shows', async () => {
  const { server, w, ids } = await aServerWithCars();
  try {
    w.at('11:00');
    const eta = w.iso('15:00');
    await w.do({ type: 'pauseOperation', roId: ids.c, operationId: 'op-1', pause: { reason: 'parts', part: '前刹车片', eta } }, { source: 'scan' });
    const get = () => server.api('GET', '/api/stores/store-a/reminders/parts', undefined, advisor(server));
    let parts = (await get()).body.data.parts;
    assert.equal(
      parts.map((p: { roId: string; part: string; state: string; alarm?: unknown }) => [p.roId, p.part, p.state, p.alarm]),
      [[ids.c, '前刹车片', 'due_today', undefined]],
    );
    assert.is(parts[0].plate, '京A33333');
    // Tomorrow's part is not due today.
    await w.do({ type: 'correctPartsEta', roId: ids.c, operationId: 'op-1', eta: w.iso('10:00', '2026-03-03') });
    assert.equal((await get()).body.data.parts, []);
    await w.do({ type: 'correctPartsEta', roId: ids.c, operationId: 'op-1', eta });
    w.at('15:30');
    await server.alarms!.tick();
    parts = (await get()).body.data.parts;
    assert.is(parts[0].state, 'late');
    const alarm = [...(await server.service.state('store-a')).alarms.values()].find((a) => a.kind === 'parts_overdue');
    assert.ok(alarm);
    assert.equal(parts[0].alarm, { id: alarm!.id, since: alarm!.since });
  } finally {
    await server.close();
  }
});

test.run();
