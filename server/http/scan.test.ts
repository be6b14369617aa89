import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CodeSigner } from '../scan/codes';
import { MemoryRateLimiter } from '../kiosk/rate-limit';
import { act, asStaff, createRo, seqOf } from '../../tests/helpers/build';
import { issueCode, Phone } from '../../tests/helpers/scan';
import { commitOk } from '../../tests/helpers/workshop';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';

let server: TestServer;
const S = 'store-a';
const ROS = `/api/stores/${S}/repair-orders`;

/** The test shop plus an inspector and a washer, and a quick PIN lock for the PIN suite. */
const shop = () => {
  const s = aTestShop();
  s.stores[0].staff.push({ id: 'qc-1', name: '质检员', roles: ['inspector'] }, { id: 'wash-1', name: '洗车员', roles: ['washer'] });
  return s;
};
const start = async () => {
  server = await startTestServer({ shop: shop() });
};
const stop = async () => server.close();

/** A repair order in the workshop with `n` operations assigned to bay-1 / tech-1; returns ids and codes. */
async function inWorkshop(n = 1) {
  const ro = await createRo(server, S, { operations: Array.from({ length: n }, () => ({ code: 'OIL' })) });
  await act(server, `${ROS}/${ro.id}/send-to-workshop`);
  for (const op of ro.operations) await act(server, `${ROS}/${ro.id}/operations/${op.id}/assign`, { bayId: 'bay-1', technicianId: 'tech-1' });
  const opCodes = await Promise.all(
    ro.operations.map((op: { id: string }) => issueCode(server, { kind: 'operation', storeId: S, roId: ro.id, operationId: op.id })),
  );
  const roCode = await issueCode(server, { kind: 'ro', storeId: S, roId: ro.id });
  return { roId: ro.id as string, opIds: ro.operations.map((o: { id: string }) => o.id) as string[], opCodes, roCode };
}

const opOf = async (roId: string, opId: string) => (await server.service.state(S)).ros.get(roId)!.operations.find((o) => o.id === opId)!;

const Work = suite('scan actions');
Work.before.each(start);
Work.after.each(stop);

Work('a technician signs in with a badge, then starts, pauses for parts, resumes and finishes; each event names person, source and device', async () => {
  const phone = new Phone(server);
  const me = await phone.signInWithBadge(S, 'tech-2');
  assert.is(me.personId, 'tech-2');
  assert.ok(Date.parse(me.until) > Date.now());
  const { roId, opIds, opCodes } = await inWorkshop();
  const seen = await phone.request('GET', `/api/scan/codes/${opCodes[0]}`);
  assert.is(seen.status, 200);
  assert.is(seen.body.data.target.kind, 'operation');
  assert.is(seen.body.data.target.ro.operations[0].status, 'assigned');
  assert.not.ok('trackingToken' in seen.body.data.target.ro, 'no tracking token leaves for the scan page');

  assert.is((await phone.act(opCodes[0], { type: 'startOperation', bayId: 'bay-2' })).status, 200);
  const op = await opOf(roId, opIds[0]);
  assert.is(op.status, 'in_progress');
  assert.is(op.technicianId, 'tech-2', 'the technician who scanned does the work');
  assert.is(op.bayId, 'bay-2');
  const eta = new Date(Date.now() + 3600_000).toISOString();
  assert.is((await phone.act(opCodes[0], { type: 'pauseOperation', pause: { reason: 'parts', part: '机油滤芯', eta } })).status, 200);
  assert.equal((await opOf(roId, opIds[0])).pause, { reason: 'parts', part: '机油滤芯', eta });
  assert.is((await phone.act(opCodes[0], { type: 'resumeOperation' })).status, 200);
  const finished = await phone.act(opCodes[0], { type: 'finishOperation' });
  assert.is(finished.status, 200);
  assert.is(finished.body.data.repairOrder.stage, 'quality_check', 'the last operation done sends the car to QC');

  const events = await server.service.events.read(S, 0);
  const mine = events.filter((e) => e.source === 'scan' && 'operationId' in e.data);
  assert.equal(
    mine.map((e) => e.type),
    ['operationStarted', 'operationPaused', 'operationResumed', 'operationFinished'],
  );
  for (const e of mine) {
    assert.equal(e.actor, { kind: 'technician', id: 'tech-2', name: '王师傅' });
    assert.is(e.device, me.deviceId);
  }
});

Work('the same action id sent twice is applied once', async () => {
  const phone = new Phone(server);
  await phone.signInWithBadge(S, 'tech-1');
  const { opCodes } = await inWorkshop();
  const id = randomUUID();
  const first = await phone.act(opCodes[0], { type: 'startOperation' }, { id });
  const before = await seqOf(server, S);
  const again = await phone.act(opCodes[0], { type: 'startOperation' }, { id });
  assert.is(first.status, 200);
  assert.is(again.status, 200);
  assert.ok(again.body.data.duplicate);
  assert.is(again.body.data.seq, first.body.data.seq);
  assert.is(await seqOf(server, S), before, 'nothing appended');
  const reused = await phone.act(opCodes[0], { type: 'finishOperation' }, { id });
  assert.is(reused.status, 422, 'an id reused for another action is refused');
});

Work('two technicians start the same operation at once: one succeeds, the other gets the conflict', async () => {
  const [a, b] = [new Phone(server), new Phone(server)];
  await a.signInWithBadge(S, 'tech-1');
  await b.signInWithBadge(S, 'tech-2');
  const { roId, opIds, opCodes } = await inWorkshop();
  const answers = await Promise.all([a.act(opCodes[0], { type: 'startOperation' }), b.act(opCodes[0], { type: 'startOperation' })]);
  assert.equal(answers.map((r) => r.status).sort(), [200, 409]);
  const loser = answers.find((r) => r.status === 409)!;
  assert.is(loser.body.error.details.current, 'in_progress', 'the refusal names the state it found');
  const winner = answers.findIndex((r) => r.status === 200) === 0 ? 'tech-1' : 'tech-2';
  assert.is((await opOf(roId, opIds[0])).technicianId, winner);
});

Work('starting a second job while one runs is a conflict naming the running one; pausing it (own job, no code) then starting works', async () => {
  const phone = new Phone(server);
  await phone.signInWithBadge(S, 'tech-1');
  const first = await inWorkshop();
  const second = await inWorkshop();
  assert.is((await phone.act(first.opCodes[0], { type: 'startOperation' })).status, 200);
  const refused = await phone.act(second.opCodes[0], { type: 'startOperation', bayId: 'bay-2' });
  assert.is(refused.status, 409);
  assert.is(refused.body.error.code, 'conflict');
  assert.equal([refused.body.error.details.roId, refused.body.error.details.operationId], [first.roId, first.opIds[0]]);
  const paused = await phone.act(undefined, { type: 'pauseOperation', pause: { reason: 'break' } }, { roId: first.roId, operationId: first.opIds[0] });
  assert.is(paused.status, 200);
  assert.is((await phone.act(second.opCodes[0], { type: 'startOperation', bayId: 'bay-2' })).status, 200);
  const other = new Phone(server);
  await other.signInWithBadge(S, 'tech-2');
  const notMine = await other.act(undefined, { type: 'pauseOperation', pause: { reason: 'break' } }, { roId: second.roId, operationId: second.opIds[0] });
  assert.is(notMine.status, 403, "without a code only one's own job can be paused");
});

Work('roles are checked on every write: a washer cannot start work, an inspector passes QC, an advisor delivers', async () => {
  const { roId, opCodes, roCode } = await inWorkshop();
  const washer = new Phone(server);
  await washer.signInWithBadge(S, 'wash-1');
  const before = await seqOf(server, S);
  const refused = await washer.act(opCodes[0], { type: 'startOperation' });
  assert.is(refused.status, 403);
  assert.is(await seqOf(server, S), before, 'nothing changed');
  const tech = new Phone(server);
  await tech.signInWithBadge(S, 'tech-1');
  await tech.act(opCodes[0], { type: 'startOperation' });
  await tech.act(opCodes[0], { type: 'finishOperation' });
  const qc = new Phone(server);
  await qc.signInWithBadge(S, 'qc-1');
  assert.is((await qc.act(roCode, { type: 'qcPass' })).status, 200);
  assert.is((await tech.act(roCode, { type: 'washDone' })).status, 403, 'a technician is not a washer');
  assert.is((await washer.act(roCode, { type: 'washDone' })).status, 200);
  const advisor = new Phone(server);
  await advisor.signInWithBadge(S, 'adv-1');
  assert.is((await advisor.act(roCode, { type: 'deliver' })).status, 200);
  assert.is((await server.service.state(S)).ros.get(roId)!.stage, 'delivered');

  const seen = await advisor.request('GET', `/api/scan/codes/${roCode}`);
  assert.is(seen.status, 200, "a delivered car's code still opens");
  assert.is(seen.body.data.target.ro.stage, 'delivered');
  assert.is((await advisor.act(roCode, { type: 'deliver' })).status, 409, 'and offers nothing more');
});

const Codes = suite('refused codes');
Codes.before.each(start);
Codes.after.each(stop);

/** Flip one character of a token (not the separators). */
const oneCharChanged = (token: string, at: number) => {
  const i = token.split('').findIndex((c, j) => j >= at && c !== '~');
  return token.slice(0, i) + (token[i] === 'a' ? 'b' : 'a') + token.slice(i + 1);
};

Codes("a code with one changed character, one signed with another key, another store's: refused, nothing changed", async () => {
  const phone = new Phone(server);
  await phone.signInWithBadge(S, 'tech-1');
  const { opCodes, roId } = await inWorkshop();
  const good = opCodes[0];
  const foreignKey = new CodeSigner(Buffer.from('x'.repeat(40))).sign({ kind: 'operation', storeId: S, roId, operationId: 'op-1' }, Date.now());
  const otherStore = await issueCode(server, { kind: 'bay', storeId: 'store-b', bayId: 'bay-1' });
  const altered = [oneCharChanged(good, 2), oneCharChanged(good, good.length - 5), oneCharChanged(good, good.indexOf('~', 2) + 1)];
  const before = await seqOf(server, S);
  for (const token of [...altered, foreignKey]) {
    const page = await phone.request('GET', `/s/${token}`);
    assert.is(page.status, 400, `page for ${token}`);
    assert.match(page.body, /二维码无效/);
    assert.is((await phone.request('GET', `/api/scan/codes/${token}`)).body.error.code, 'invalid_code');
    const res = await phone.act(token, { type: 'startOperation' });
    assert.is(res.status, 400);
    assert.is(res.body.error.code, 'invalid_code');
  }
  const foreign = await phone.act(otherStore, { type: 'startOperation' }, { roId, operationId: 'x' });
  assert.is(foreign.status, 403);
  assert.is(foreign.body.error.code, 'foreign_store');
  const page = await phone.request('GET', `/s/${otherStore}`);
  assert.is(page.status, 403);
  assert.match(page.body, /不是本店的二维码/);
  assert.is(await seqOf(server, S), before, 'nothing changed');
});

Codes('a withdrawn job card is refused; a reprinted one works', async () => {
  const phone = new Phone(server);
  await phone.signInWithBadge(S, 'tech-1');
  const { roId, opIds, opCodes } = await inWorkshop();
  const admin = asStaff(server.auth, { roles: ['admin'] });
  assert.is((await server.api('POST', `/api/stores/${S}/scan/revocations`, { kind: 'ro', id: roId }, admin)).status, 201);
  const res = await phone.act(opCodes[0], { type: 'startOperation' });
  assert.is(res.status, 410);
  assert.is(res.body.error.code, 'revoked_code');
  assert.match((await phone.request('GET', `/s/${opCodes[0]}`)).body, /二维码已作废/);
  const reprinted = await issueCode(server, { kind: 'operation', storeId: S, roId, operationId: opIds[0] });
  assert.is((await phone.act(reprinted, { type: 'startOperation' })).status, 200);
});

Codes('without a sign-in a code shows who may sign in, not the repair order; actions need a sign-in', async () => {
  const phone = new Phone(server);
  const { opCodes } = await inWorkshop();
  const seen = await phone.request('GET', `/api/scan/codes/${opCodes[0]}`);
  assert.is(seen.status, 200);
  assert.not.ok(seen.body.data.target);
  assert.ok(seen.body.data.signIn.people.some((p: { id: string }) => p.id === 'tech-1'));
  assert.is((await phone.act(opCodes[0], { type: 'startOperation' })).status, 401);
});

Codes('the bay board gets a signed bay code; ?bay= with it preselects the bay', async () => {
  const phone = new Phone(server);
  await phone.signInWithBadge(S, 'tech-1');
  const { opCodes } = await inWorkshop();
  await commitOk(server.service, S, { type: 'pairDisplay', displayId: 'wall-bay-2', name: 'Bay 2', board: 'bay', bayId: 'bay-2' });
  const display = server.auth.issueDisplayToken({ id: 'wall-bay-2', storeId: S, board: 'bay', bayId: 'bay-2' });
  const code = await server.api('GET', `/api/stores/${S}/bays/bay-2/scan-code`, undefined, { authorization: undefined, 'x-display-token': display });
  assert.is(code.status, 200);
  assert.match(code.body.data.url, /\/s\/b~store-a~bay-2~/);
  const seen = await phone.request('GET', `/api/scan/codes/${opCodes[0]}?bay=${code.body.data.token}`);
  assert.equal(seen.body.data.bay, { id: 'bay-2', name: '2' });
  assert.is((await server.api('GET', `/api/stores/${S}/bays/bay-2/scan-code`, undefined, { authorization: undefined })).status, 401);
});

const Pins = suite('PIN sign-in');
Pins.before.each(start);
Pins.after.each(stop);

const pinClock = { now: Date.now() };
const startWithClock = async () => {
  pinClock.now = Date.now();
  server = await startTestServer({ shop: shop(), limiter: new MemoryRateLimiter(() => pinClock.now) });
  const admin = asStaff(server.auth, { roles: ['admin'] });
  assert.is((await server.api('POST', `/api/stores/${S}/people/tech-1/pin`, { pin: '2580' }, admin)).status, 204);
};
const pinFrom = (phone: Phone, pin: string, address?: string) =>
  phone.request('POST', '/api/scan/sign-in/pin', { storeId: S, personId: 'tech-1', pin }, address ? { 'x-forwarded-for': address } : {});
const wrongPinsInLog = async () => (await server.service.events.read(S, 0)).filter((e) => e.type === 'pinFailureRecorded').length;

const PinLimits = suite('PIN sign-in: limits');
PinLimits.before.each(startWithClock);
PinLimits.after.each(stop);

PinLimits("a stranger's wrong PINs wait 0, 1.1, 2.1, 4.1, 8.2 s between tries; then the owner's right PIN from the owner's phone works at once", async () => {
  const owner = new Phone(server);
  await owner.signInWithBadge(S, 'tech-1');
  assert.is((await owner.request('POST', '/api/scan/sign-out')).status, 204);
  const stranger = new Phone(server);
  const waits = [0, 1100, 2100, 4100, 8200];
  const delays = [1, 2, 4, 8, 16];
  for (let i = 0; i < waits.length; i++) {
    if (i > 0) {
      pinClock.now += waits[i]! - 300;
      const early = await pinFrom(stranger, '9999');
      assert.is(early.status, 429, `try ${i + 1} before its delay is over`);
      pinClock.now += 300;
    }
    const wrong = await pinFrom(stranger, '9999');
    assert.is(wrong.status, 401, `try ${i + 1} is heard`);
    assert.is(wrong.body.error.code, 'pin_wrong');
    const again = await pinFrom(stranger, '9999');
    assert.is(again.status, 429, `right after try ${i + 1}`);
    assert.is(again.body.error.code, 'pin_slow_down');
    assert.ok(
      Number(again.headers.get('retry-after')) >= delays[i]! - 0.5,
      `waits at least ${delays[i]} s after ${i + 1} wrong (Retry-After ${again.headers.get('retry-after')})`,
    );
  }
  const ok = await pinFrom(owner, '2580');
  assert.is(ok.status, 200, JSON.stringify(ok.body));
  assert.is(ok.body.data.method, 'pin');
  assert.is(await wrongPinsInLog(), 5, 'every wrong PIN heard is in the log');
});

PinLimits("an anonymous client cannot lock someone else's PIN: 60 wrong PINs from fresh devices and addresses, then the owner signs in", async () => {
  const owner = new Phone(server);
  await owner.signInWithBadge(S, 'tech-1');
  const statuses: number[] = [];
  for (let i = 0; i < 60; i++) {
    pinClock.now += 16 * 60_000;
    statuses.push((await pinFrom(new Phone(server), String(1000 + i), `10.9.${i}.7`)).status);
  }
  assert.ok(
    statuses.every((s) => s === 401 || s === 423),
    statuses.join(','),
  );
  const ok = await pinFrom(owner, '2580');
  assert.is(ok.status, 200, JSON.stringify(ok.body));
});

PinLimits("a phone an admin revoked is no longer the owner's: it waits after a stranger's wrong PIN like any other", async () => {
  const [kept, lost] = [new Phone(server), new Phone(server)];
  await kept.signInWithBadge(S, 'tech-1');
  const me = await lost.signInWithBadge(S, 'tech-1');
  const admin = asStaff(server.auth, { roles: ['admin'] });
  assert.is((await server.api('DELETE', `/api/stores/${S}/scan/devices/${me.deviceId}`, undefined, admin)).status, 204);
  assert.is((await pinFrom(new Phone(server), '9999', '10.9.9.9')).status, 401);
  assert.is((await pinFrom(lost, '2580', '10.9.9.10')).status, 429, "the revoked phone counts as a stranger's");
  assert.is((await pinFrom(kept, '2580')).status, 200, "the owner's phone does not wait");
});

PinLimits('wrong PINs are bounded to 50 per person per day across all devices; the admin sees them and can clear them', async () => {
  const owner = new Phone(server);
  await owner.signInWithBadge(S, 'tech-1');
  let heard = 0;
  for (let i = 0; i < 60; i++) {
    pinClock.now += 16 * 60_000;
    const res = await pinFrom(new Phone(server), '9999', `10.8.${i}.3`);
    if (res.status === 401) heard++;
    else {
      assert.is(res.status, 423);
      assert.ok(Number(res.headers.get('retry-after')) > 0);
    }
  }
  assert.is(heard, 40, "devices that are not the person's own share four fifths of the day");
  for (let i = 0; i < 15; i++) {
    pinClock.now += 16 * 60_000;
    if ((await pinFrom(owner, '9999')).status === 401) heard++;
  }
  assert.is(heard, 50, "the owner's phone may use the rest, and no more");
  assert.is(await wrongPinsInLog(), 50);
  const refused = await pinFrom(owner, '2580');
  assert.is(refused.status, 423, "the day's guesses are used up, for the right PIN too");

  const admin = asStaff(server.auth, { roles: ['admin'] });
  const report = await server.api('GET', `/api/stores/${S}/scan/access`, undefined, admin);
  assert.is(report.status, 200, JSON.stringify(report.body));
  const tech = report.body.data.people.find((p: { id: string }) => p.id === 'tech-1');
  assert.equal([tech.guessesToday, tech.wrongInARow], [50, 50]);
  const page = await (await fetch(`${server.url}/admin/scan?store=${S}`, { headers: { cookie: admin.cookie } })).text();
  assert.match(page, /今日错误 50 \/ 50 次/);
  assert.match(page, /连续错误 50 次/);
  assert.is((await server.api('DELETE', `/api/stores/${S}/scan/pin-locks/tech-1`, undefined, admin)).status, 204);
  assert.is((await pinFrom(owner, '2580')).status, 200, 'after the admin clears them');
});

Pins('an admin revokes a device: its sign-in stops working at once', async () => {
  const phone = new Phone(server);
  const me = await phone.signInWithBadge(S, 'tech-2');
  const admin = asStaff(server.auth, { roles: ['admin'] });
  const report = await server.api('GET', `/api/stores/${S}/scan/access`, undefined, admin);
  assert.ok(report.body.data.devices.some((d: { deviceId: string }) => d.deviceId === me.deviceId));
  assert.is((await server.api('DELETE', `/api/stores/${S}/scan/devices/${me.deviceId}`, undefined, admin)).status, 204);
  assert.is((await phone.request('GET', '/api/scan/session')).body.data, null);
  const again = await phone.signInWithBadge(S, 'tech-2');
  assert.is(again.deviceId, me.deviceId, 'the phone keeps its id and can sign in again with the badge');
});

Pins('a technician cannot reach the admin tools', async () => {
  const tech = asStaff(server.auth, { roles: ['technician'] });
  assert.is((await server.api('GET', `/api/stores/${S}/scan/access`, undefined, tech)).status, 403);
  assert.is((await fetch(`${server.url}/print/badges`, { headers: { cookie: tech.cookie } })).status, 403);
});

Work.run();
Codes.run();
Pins.run();
PinLimits.run();

const Print = suite('print pages');
Print.before.each(start);
Print.after.each(stop);

Print(
  'job cards are for the front desk (by id or RO number), badges and bay labels for admins; strangers are sent to sign in, the wrong role gets a page that says so',
  async () => {
    const { roId } = await inWorkshop();
    const ro = (await server.service.state(S)).ros.get(roId)!;
    const get = (path: string, roles?: ('advisor' | 'technician' | 'admin')[]) =>
      fetch(`${server.url}${path}`, { headers: roles ? { cookie: asStaff(server.auth, { roles }).cookie } : {}, redirect: 'manual' });
    for (const path of [`/print/job-card/${roId}`, `/print/job-card/${ro.number}`]) {
      const res = await get(path, ['advisor']);
      assert.is(res.status, 200, path);
      const html = await res.text();
      assert.ok(html.includes(ro.number) && html.includes('<svg'), 'the card and its QR codes');
      assert.not.ok(html.includes('张伟') || html.includes('13812345678'), 'no customer name or phone on the card');
    }
    const stranger = await get(`/print/job-card/${roId}`);
    assert.is(stranger.status, 303, 'nobody signed in is sent to sign in');
    assert.is(stranger.headers.get('location'), `/sign-in?store=${S}&next=${encodeURIComponent(`/print/job-card/${roId}`)}`);
    assert.is((await get(`/print/job-card/${roId}`, ['technician'])).status, 403);
    assert.is((await get('/print/job-card/ro-nope', ['advisor'])).status, 404);
    assert.is((await get('/print/badges', ['advisor'])).status, 403);
    assert.is((await get('/print/bays', ['admin'])).status, 200);
    const badges = await (await get('/print/badges', ['admin'])).text();
    assert.ok(
      ['李师傅', '王师傅', '赵顾问', '质检员', '洗车员'].every((name) => badges.includes(name)),
      'a badge for everyone who signs in',
    );
  },
);

Print.run();
