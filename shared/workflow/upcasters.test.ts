import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UnknownFactError, UPCASTERS, upcast } from './upcasters';

const event = { seq: 7, storeId: 's1', type: 'surveySubmitted' as const, v: 1 as const, data: { roId: 'ro-1', score: 4 } };

test('a fact at its current version is read as it is', () => {
  assert.is(upcast(event), event);
});

test('a fact of a version newer than this code knows refuses to fold, saying which and what to do', () => {
  assert.throws(
    () => upcast({ ...event, v: 2 as never }),
    (err: Error) => err instanceof UnknownFactError && /event 7 is "surveySubmitted" version 2/.test(err.message) && /newer/.test(err.message),
  );
  assert.throws(
    () => upcast({ ...event, type: 'carTeleported' as never }),
    (err: Error) => err instanceof UnknownFactError,
  );
});

test('an older version is brought up step by step through the table', () => {
  // The table is empty today (every fact is at v1); this registers a step for a pretend v0.
  UPCASTERS.surveySubmitted = { 0: (data) => ({ ...data, score: Number(data.stars) }) };
  try {
    const read = upcast({ ...event, v: 0 as never, data: { roId: 'ro-1', stars: '5' } as never });
    assert.equal([read.v, (read.data as { score?: number }).score], [1, 5]);
  } finally {
    delete UPCASTERS.surveySubmitted;
  }
});

test('a v1 appointment cancellation (no reason recorded) reads as v2 without a made-up reason', () => {
  const stored = { seq: 3, storeId: 's1', type: 'appointmentCancelled' as const, v: 1 as never, data: { appointmentId: 'ap-1', roId: 'ro-1' } };
  const read = upcast(stored);
  assert.equal([read.v, read.data], [2, { appointmentId: 'ap-1', roId: 'ro-1' }]);
});

test.run();
