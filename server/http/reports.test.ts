import { parse } from 'csv-parse/sync';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { asStaff } from '../../tests/helpers/build';
import { aBusyDay, aVisit, ClockedWorkshop } from '../../tests/helpers/history';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';
import { GroupReportSchema, StoreReportSchema } from '../../shared/reports/summary';

const DAY = '2026-03-02';
const range = `from=${DAY}&to=${DAY}`;

/** A test server with the history read model, after the busy day went through its service. */
async function serverWithADay(historyComplete?: () => boolean): Promise<TestServer> {
  const shop = aTestShop();
  const w = new ClockedWorkshop(undefined, shop);
  const server = await startTestServer({ shop, history: true, now: w.clock, historyComplete });
  w.use(server.service);
  await aBusyDay(w);
  await server.history!.projector.idle();
  return server;
}

/** Headers for fetch, which would send an undefined one as the text "undefined". */
const plain = (h: Record<string, string | undefined>) => Object.fromEntries(Object.entries(h).filter((e): e is [string, string] => e[1] !== undefined));
const REPORT_PATHS = ['summary', 'visits.csv', 'technicians.csv', 'stages.csv', 'bay-hours.csv', 'days.csv', 'survey.csv', 'cancellations.csv']
  .map((p) => `/api/stores/store-a/reports/${p}`)
  .concat(
    ['summary', 'stores.csv', 'store-hours.csv', 'technicians.csv', 'stages.csv', 'bay-hours.csv', 'days.csv', 'survey.csv', 'cancellations.csv'].map(
      (p) => `/api/reports/${p}`,
    ),
  );
const manager = (server: TestServer, storeIds: string[] = ['store-a']) => asStaff(server.auth, { roles: ['manager'], storeIds });

test('the store summary has every KPI, each ratio with its numerator and denominator', async () => {
  const server = await serverWithADay();
  try {
    const res = await server.api('GET', `/api/stores/store-a/reports/summary?${range}`, undefined, manager(server));
    assert.is(res.status, 200, JSON.stringify(res.body));
    const { summary, timeZone } = res.body.data;
    assert.is(timeZone, 'Asia/Shanghai');
    assert.equal([summary.rosIn.count, summary.rosOut.count], [3, 1]);
    // Delivered 13:30, promised 12:00: late.
    assert.equal(summary.onTimeDelivery, { value: 0, numerator: 0, denominator: 1, unit: 'share' });
    for (const key of [
      'sameDayDelivery',
      'bayUtilisation',
      'productivity',
      'efficiency',
      'proficiency',
      'qcFirstPass',
      'comebackRate',
      'hoursPerRo',
      'workingShare',
    ])
      assert.ok('numerator' in summary[key] && 'denominator' in summary[key], key);
    assert.equal(summary.appointments.cancellationReasons, [{ reason: '客户临时有事', count: 1 }]);
    assert.equal([summary.appointments.showRate.numerator, summary.appointments.showRate.denominator], [1, 2]);
    assert.equal([summary.advisorCalls.answered, summary.advisorCalls.answerTime.p50], [1, 3]);
    assert.equal([summary.partsWaits.count, summary.partsWaits.lateRate.value], [1, 1]);
  } finally {
    await server.close();
  }
});

test('the answers are the shapes the OpenAPI describes (shared/reports/summary.ts), and say when the history is still being written', async () => {
  let writing = false;
  const server = await serverWithADay(() => !writing);
  try {
    const store = await server.api('GET', `/api/stores/store-a/reports/summary?${range}`, undefined, manager(server));
    assert.equal(StoreReportSchema.strict().parse(store.body.data).complete, true);
    const group = await server.api('GET', `/api/reports/summary?${range}`, undefined, manager(server, ['store-a', 'store-b']));
    GroupReportSchema.parse(group.body.data);
    const doc = (await server.api('GET', '/api/openapi.json')).body;
    const answer = (path: string) => doc.paths[path].get.responses['200'].content['application/json'].schema.properties.data;
    assert.equal(answer('/api/stores/{storeId}/reports/summary'), { $ref: '#/components/schemas/StoreReport' });
    assert.equal(answer('/api/reports/summary').properties.total, { $ref: '#/components/schemas/ReportSummary' });
    const summary = doc.components.schemas.ReportSummary;
    for (const key of Object.keys(store.body.data.summary)) assert.ok(key in summary.properties, `the OpenAPI names ${key}`);
    assert.equal(summary.properties.onTimeDelivery, { $ref: '#/components/schemas/Ratio' });
    assert.equal(Object.keys(doc.components.schemas.Distribution.properties).sort(), ['count', 'mean', 'p50', 'p90', 'unit']);
    // While the history is catching up with the log after a start the figures are marked partial.
    writing = true;
    const partial = await server.api('GET', `/api/stores/store-a/reports/summary?${range}`, undefined, manager(server));
    assert.equal([partial.status, partial.body.data.complete], [200, false]);
    const partialGroup = await server.api('GET', `/api/reports/summary?${range}`, undefined, manager(server));
    assert.equal([partialGroup.body.data.complete, partialGroup.body.data.stores[0].complete], [false, false]);
  } finally {
    await server.close();
  }
});

test('visits.csv: UTF-8 with a BOM, one row per visit, Chinese intact when parsed back', async () => {
  const server = await serverWithADay();
  try {
    const res = await fetch(`${server.url}/api/stores/store-a/reports/visits.csv?${range}`, { headers: plain(manager(server)) });
    assert.is(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="store-a-visits-2026-03-02-2026-03-02\.csv"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows: Record<string, string>[] = parse(bytes, { bom: true, columns: true });
    assert.is(rows.length, 3);
    assert.ok(rows.every((r) => r['门店 store'] === '测试一店'));
    assert.equal(
      rows.map((r) => r['来源 source']),
      ['appointment', 'kiosk', 'dms'],
    );
    const booked = rows[0];
    assert.equal(
      [booked['服务顾问 advisor'], booked['进厂 checked in'], booked['交车 delivered'], booked['准时 on time'], booked['返工次数 reworks']],
      ['赵顾问', '2026-03-02 09:05', '2026-03-02 13:30', 'no', '1'],
    );
    assert.is(rows[2]['取消原因 cancel reason'], '客户不修了');
    // A reason that Excel would run as a formula is written as text.
    await server.service.commit({
      storeId: 'store-a',
      command: aVisit({ roId: 'ro-formula' }),
      actor: { kind: 'staff', id: 'adv-1' },
      source: 'dispatch',
      key: 'formula-key-1',
    });
    await server.service.commit({
      storeId: 'store-a',
      command: { type: 'cancel', roId: 'ro-formula', reason: '=HYPERLINK("http://x")' },
      actor: { kind: 'staff', id: 'adv-1' },
      source: 'dispatch',
      key: 'formula-key-2',
    });
    await server.history!.projector.idle();
    const again = await fetch(`${server.url}/api/stores/store-a/reports/visits.csv?${range}`, { headers: plain(manager(server)) });
    const cancelled = (parse(Buffer.from(await again.arrayBuffer()), { bom: true, columns: true }) as Record<string, string>[]).find((r) =>
      r['取消原因 cancel reason'].includes('HYPERLINK'),
    )!;
    assert.is(cancelled['取消原因 cancel reason'], `'=HYPERLINK("http://x")`);
    // Nothing personal: no plate, phone or name of a customer anywhere in the file.
    const text = bytes.toString('utf8');
    for (const secret of ['京A', '粤B', '138', '139', '张伟', '李四']) assert.not.ok(text.includes(secret), secret);
  } finally {
    await server.close();
  }
});

test('technicians.csv: attended, worked and standard hours and the three ratios, names in Chinese', async () => {
  const server = await serverWithADay();
  try {
    const res = await fetch(`${server.url}/api/stores/store-a/reports/technicians.csv?${range}`, { headers: plain(manager(server)) });
    assert.is(res.status, 200);
    const rows: Record<string, string>[] = parse(Buffer.from(await res.arrayBuffer()), { bom: true, columns: true });
    const byId = Object.fromEntries(rows.map((r) => [r['技师 technician id'], r]));
    assert.equal(Object.keys(byId), ['tech-1', 'tech-2']);
    assert.is(byId['tech-1']['姓名 name'], '李师傅');
    // tech-1: signed in 07:55 until 18:00 (10.08 h), worked the 25-min oil change and the kiosk car's 30 min.
    assert.equal(
      [byId['tech-1']['出勤小时 attended h'], byId['tech-1']['实作小时 worked h'], byId['tech-1']['标准工时 standard h']],
      ['10.08', '0.92', '1.00'],
    );
    // tech-2: 07:55–16:00 (signed out), worked 2 h on the brakes.
    assert.equal(
      [byId['tech-2']['出勤小时 attended h'], byId['tech-2']['实作小时 worked h'], byId['tech-2']['生产率 productivity']],
      ['8.08', '2.00', (2 / (8 + 5 / 60)).toFixed(4)],
    );
  } finally {
    await server.close();
  }
});

const csvOf = async (server: TestServer, file: string): Promise<Record<string, string>[]> => {
  const res = await fetch(`${server.url}/api/stores/store-a/reports/${file}?${range}`, { headers: plain(manager(server)) });
  assert.is(res.status, 200, file);
  assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`filename="store-a-${file.replace('.csv', '')}-${DAY}-${DAY}\\.csv"`));
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${file} starts with a BOM`);
  return parse(bytes, { bom: true, columns: true });
};

test("stages.csv, bay-hours.csv and days.csv: the page's other tables, the same figures as the summary", async () => {
  const server = await serverWithADay();
  try {
    // The one car delivered on the day (the appointment): in at 09:05, to the workshop at once, work
    // from 09:15, QC 12:10–12:20 and 13:00–13:10, ready 13:10, delivered 13:30.
    const stages = Object.fromEntries((await csvOf(server, 'stages.csv')).map((r) => [r['阶段 stage'], r]));
    assert.is(stages['维修中 in service']['车辆数 cars'], '1');
    // In service 09:15–12:10 and again 12:20–13:00 after the QC fail: 175 + 40 min; QC 10 + 10; ready 13:10–13:30.
    assert.is(stages['维修中 in service']['中位分钟 p50 min'], '215.0');
    assert.is(stages['质检 quality check']['平均分钟 mean min'], '20.0');
    assert.is(stages['待交车 ready']['中位分钟 p50 min'], '20.0');
    assert.is(stages['洗车 washing']['车辆数 cars'], '0');
    const summary = (await server.api('GET', `/api/stores/store-a/reports/summary?${range}`, undefined, manager(server))).body.data.summary;
    assert.is(Number(stages['维修中 in service']['中位分钟 p50 min']), summary.stageTime.in_service.p50);

    // Worked bay hours by local hour: bay-2 the oil change 09:15–09:40 and the kiosk car 14:00–14:30;
    // bay-1 the brakes 09:15–09:45, 11:00–11:30, 11:40–12:10, 12:30–13:00.
    const bays = Object.fromEntries((await csvOf(server, 'bay-hours.csv')).map((r) => [r['工位 bay'], r]));
    const bay1 = server.deps.shop.stores[0].bays.find((b) => b.id === 'bay-1')!.name;
    const bay2 = server.deps.shop.stores[0].bays.find((b) => b.id === 'bay-2')!.name;
    assert.equal([bays[bay2]['09:00 h'], bays[bay2]['14:00 h'], bays[bay2]['合计 total h']], [(25 / 60).toFixed(2), '0.50', (55 / 60).toFixed(2)]);
    assert.equal(
      [bays[bay1]['09:00 h'], bays[bay1]['11:00 h'], bays[bay1]['12:00 h'], bays[bay1]['合计 total h']],
      ['0.50', (50 / 60).toFixed(2), (40 / 60).toFixed(2), '2.00'],
    );

    const days = await csvOf(server, 'days.csv');
    assert.equal(
      days.map((d) => [
        d['日期 date'],
        d['进厂 ROs in'],
        d['交车 ROs out'],
        d['准时交车 on time'],
        d['有承诺时间 with promise'],
        d['平均周期(分钟) mean cycle min'],
      ]),
      [[DAY, '3', '1', '0', '1', (13.5 * 60 - (9 * 60 + 5)).toFixed(1)]],
    );
    assert.ok(days.every((d) => d['门店 store'] === '测试一店'));

    // One survey (4) of the one car delivered; one appointment cancelled, with its reason.
    assert.equal(
      (await csvOf(server, 'survey.csv')).map((r) => [r['评分 score'], r['份数 responses'], r['占比 share']]),
      [
        ['5', '0', '0.0000'],
        ['4', '1', '1.0000'],
        ['3', '0', '0.0000'],
        ['2', '0', '0.0000'],
        ['1', '0', '0.0000'],
      ],
    );
    assert.equal(
      (await csvOf(server, 'cancellations.csv')).map((r) => [r['取消原因 reason'], r['次数 count']]),
      [['客户临时有事', '1']],
    );
  } finally {
    await server.close();
  }
});

test('the group summary: each store the caller may see, and the total', async () => {
  const server = await serverWithADay();
  try {
    const all = await server.api('GET', `/api/reports/summary?${range}`, undefined, manager(server, ['store-a', 'store-b']));
    assert.is(all.status, 200, JSON.stringify(all.body));
    assert.equal(
      all.body.data.stores.map((s: { storeId: string }) => s.storeId),
      ['store-a', 'store-b'],
    );
    assert.is(all.body.data.total.rosIn.count, 3);
    const one = await server.api('GET', `/api/reports/summary?${range}`, undefined, manager(server, ['store-b']));
    assert.equal(
      one.body.data.stores.map((s: { storeId: string }) => s.storeId),
      ['store-b'],
    );
    assert.is(one.body.data.total.rosIn.count, 0);
  } finally {
    await server.close();
  }
});

test("stores.csv: the group's stores ranked by ROs out, and the total as the group summary has it", async () => {
  const server = await serverWithADay();
  try {
    const headers = plain(manager(server, ['store-a', 'store-b']));
    const res = await fetch(`${server.url}/api/reports/stores.csv?${range}`, { headers });
    assert.is(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /filename="group-stores-2026-03-02-2026-03-02\.csv"/);
    const rows: Record<string, string>[] = parse(Buffer.from(await res.arrayBuffer()), { bom: true, columns: true });
    assert.equal(
      rows.map((r) => [r['名次 rank'], r['门店 store'], r['进厂 ROs in'], r['交车 ROs out']]),
      [
        ['1', '测试一店', '3', '1'],
        ['2', '测试二店', '0', '0'],
        ['', `${server.deps.shop.group?.name ?? '集团'} 合计 total`, '3', '1'],
      ],
    );
    // The one car was late: 0 of 1 on time, for the store and the group.
    assert.equal([rows[0]['准时交车率 on-time share'], rows[1]['准时交车率 on-time share'], rows[2]['准时交车率 on-time share']], ['0.0000', '', '0.0000']);
  } finally {
    await server.close();
  }
});

test("the group's tables as CSV: the total's figures, and rows of one store (technicians, bays) named by it", async () => {
  const server = await serverWithADay();
  try {
    const headers = plain(manager(server, ['store-a', 'store-b']));
    const read = async (file: string) => {
      const res = await fetch(`${server.url}/api/reports/${file}?${range}`, { headers });
      assert.is(res.status, 200, file);
      assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`filename="group-${file.replace('.csv', '')}-${DAY}-${DAY}\\.csv"`));
      return parse(Buffer.from(await res.arrayBuffer()), { bom: true, columns: true }) as Record<string, string>[];
    };
    const group = `${server.deps.shop.group?.name ?? '集团'} 合计`;
    const techs = await read('technicians.csv');
    assert.equal(
      techs.map((r) => [r['门店 store'], r['姓名 name']]),
      [
        ['测试一店', '李师傅'],
        ['测试一店', '王师傅'],
      ],
    );
    assert.ok((await read('stages.csv')).every((r) => r['门店 store'] === group));
    assert.equal(
      (await read('days.csv')).map((r) => [r['门店 store'], r['进厂 ROs in'], r['交车 ROs out']]),
      [[group, '3', '1']],
    );
    // The group's heat map has a row per store (its bays summed), not one per bay of every store.
    assert.equal(
      (await read('bay-hours.csv')).map((r) => [r['门店 store'], r['工位 bay'], r['09:00 h']]),
      [['测试一店', '全部工位 all bays', ((25 + 30) / 60).toFixed(2)]],
      'store-b worked nothing that day',
    );
    assert.equal(
      (await read('cancellations.csv')).map((r) => r['取消原因 reason']),
      ['客户临时有事'],
    );
    // The heat map of the group: store-a's bays (1 and 2) open 08:00–20:00; 09:00 had 25 + 30 min of work on two bays.
    const hours = await read('store-hours.csv');
    assert.equal(
      hours.map((r) => r['门店 store']),
      ['测试一店', '测试二店'],
    );
    assert.is(hours[0]['09:00'], ((25 + 30) / 60 / 2).toFixed(4));
    assert.is(hours[0]['07:00'], '', 'closed: nothing to measure, not 0');
  } finally {
    await server.close();
  }
});

test('bad ranges get a 400 naming the parameter: malformed, to before from, more than three years, none', async () => {
  const server = await startTestServer({ shop: aTestShop(), history: true });
  try {
    const cases: [string, string][] = [
      ['from=2026-13-01&to=2026-12-31', 'query.from'],
      ['from=2026-03-01&to=03/02/2026', 'query.to'],
      ['from=2026-03-02&to=2026-03-01', 'query.to'],
      ['from=2022-01-01&to=2026-01-01', 'query.to'],
      ['', 'query.from'],
      ['from=2026-03-01&store=x', 'query.store'],
    ];
    for (const path of REPORT_PATHS) {
      for (const [query, parameter] of cases) {
        const res = await server.api('GET', `${path}?${query}`, undefined, manager(server));
        assert.is(res.status, 400, `${path}?${query}`);
        assert.is(res.body.error.details[0].path, parameter, `${path}?${query}: ${JSON.stringify(res.body)}`);
      }
    }
  } finally {
    await server.close();
  }
});

test('a technician (or anyone but a manager or admin) gets 403; a manager of another store too; an admin may', async () => {
  const server = await startTestServer({ shop: aTestShop(), history: true });
  try {
    for (const path of REPORT_PATHS) {
      for (const roles of [['technician'], ['advisor'], ['dispatcher']] as const)
        assert.is(
          (await server.api('GET', `${path}?${range}`, undefined, asStaff(server.auth, { roles: [...roles], storeIds: ['store-a'] }))).status,
          403,
          `${path} as ${roles}`,
        );
      if (path.includes('store-a')) assert.is((await server.api('GET', `${path}?${range}`, undefined, manager(server, ['store-b']))).status, 403, path);
      assert.is((await server.api('GET', `${path}?${range}`, undefined, asStaff(server.auth, { roles: ['admin'], storeIds: '*' }))).status, 200, path);
    }
  } finally {
    await server.close();
  }
});

test('a history that cannot be read answers 503 history_unavailable, and writes go on', async () => {
  const server = await startTestServer({ shop: aTestShop(), history: true });
  try {
    await server.history!.close();
    const res = await server.api('GET', `/api/stores/store-a/reports/summary?${range}`, undefined, manager(server));
    assert.is(res.status, 503, JSON.stringify(res.body));
    assert.is(res.body.error.code, 'history_unavailable');
    const write = await server.service.commit({
      storeId: 'store-a',
      command: aVisit(),
      actor: { kind: 'staff', id: 'adv-1' },
      source: 'dispatch',
      key: 'after-history-closed',
    });
    assert.ok(write.ok);
  } finally {
    await server.close();
  }
});

test.run();
