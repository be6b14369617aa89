import { Writable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { childLogger, createLogger, scrubText, silentLogger } from './log';

const capture = (level = 'debug') => {
  const lines: Record<string, any>[] = [];
  const destination = new Writable({
    write(chunk, _e, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { log: createLogger({ level, destination }), lines };
};

test('keeps the call shape log.info(ctx, msg): one JSON line with level, time, the context and msg', () => {
  const { log, lines } = capture();
  log.info({ storeId: 'store-a', seq: 4 }, 'seeded a demo day');
  assert.is(lines.length, 1);
  assert.equal([lines[0]!.level, lines[0]!.storeId, lines[0]!.seq, lines[0]!.msg], ['info', 'store-a', 4, 'seeded a demo day']);
  assert.match(lines[0]!.time, /^\d{4}-\d\d-\d\dT/);
});

test('redacts phones, plates, customer names and tokens wherever they sit in the context, keeping store and bay names', () => {
  const { log, lines } = capture();
  log.warn(
    {
      phone: '13812345678',
      plate: '京A12345',
      token: 'secret-token',
      ro: { vehicle: { plate: '京B54321', vin: 'LFV3A23C1J3000001' }, customer: { name: '张伟', phone: '13900001111' }, trackingToken: 't0k' },
      req: { headers: { authorization: 'Bearer k', cookie: 'tw_session=x' } },
      store: { name: '北京望京4S店' },
      bay: { name: '1号工位' },
    },
    'context',
  );
  const text = JSON.stringify(lines[0]);
  for (const secret of ['13812345678', '京A12345', 'secret-token', '京B54321', 'LFV3A23C1J3000001', '张伟', '13900001111', 't0k', 'Bearer k', 'tw_session'])
    assert.not.match(text, secret, secret);
  assert.is(lines[0]!.store.name, '北京望京4S店');
  assert.is(lines[0]!.bay.name, '1号工位');
});

test("masks phone numbers and plates in the message and in an error's message and stack", () => {
  const { log, lines } = capture();
  log.error({ err: new Error('no car 京A·12345 for 138 1234 5678') }, 'lookup of 京N9X8Y7 by 13812345678 failed');
  const text = JSON.stringify(lines[0]);
  assert.not.match(text, /12345|5678|9X8Y7|13812345678/);
  assert.match(lines[0]!.msg, '京N*****');
  assert.is(lines[0]!.err.type, 'Error');
  assert.match(lines[0]!.err.stack, 'no car 京A');
});

test('masks a plate quoted as it was typed: lower case, spaces inside', () => {
  for (const typed of ['京a·12345', '粤b d1234 5', '京A 123 45']) assert.not.match(scrubText(`no car ${typed} here`), /1234|2345/, typed);
  assert.is(scrubText('plate 京A12345 ok'), 'plate 京A***** ok');
});

test('scrubText leaves ids, times and short numbers alone', () => {
  assert.is(scrubText('ro-123 seq 42 at 2026-12-06T09:00:00Z'), 'ro-123 seq 42 at 2026-12-06T09:00:00Z');
  assert.is(scrubText('call 13812345678'), 'call ***********');
});

test('a child logger adds its bindings to every line; level and quiet follow LOG_LEVEL', () => {
  const { log, lines } = capture('info');
  const child = childLogger(log, { reqId: 'r-1' });
  child.debug({}, 'not at info');
  child.info({ a: 1 }, 'one');
  assert.equal(
    lines.map((l) => [l.reqId, l.msg]),
    [['r-1', 'one']],
  );
  assert.is(childLogger(silentLogger, { reqId: 'x' }), silentLogger);
  const bare = { debug() {}, info() {}, warn() {}, error() {} };
  assert.is(childLogger(bare, { reqId: 'x' }), bare, 'a stand-in without child() is used as is');
});

test.run();
