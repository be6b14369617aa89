import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Command } from './commands';
import { fact, FACT_TYPES, type Fact } from './facts';
import { decide, evolve, STAGE_MOVES } from './lifecycle';
import { StoreState } from './state';
import { aCreateRepairOrder } from '../../tests/helpers/events';
import { foldCommand } from '../../tests/helpers/workflow';

const AT = '2026-12-01T02:00:00.000Z';
const ctx = { storeId: 's1', at: AT };

test('evolve never refuses: a fact about a record that is not there changes nothing', () => {
  const empty = new StoreState('s1');
  const facts: Fact[] = [
    fact('repairOrderDelivered', { roId: 'gone' }),
    fact('operationFinished', { roId: 'gone', operationId: 'op', workedMs: 5, toQualityCheck: true }),
    fact('qcFailed', { roId: 'gone', reason: 'x', reopened: [{ operationId: 'op', status: 'assigned' }] }),
    fact('appointmentCancelled', { appointmentId: 'gone', roId: 'gone' }),
    fact('displayUnpaired', { displayId: 'gone' }),
    fact('callAcknowledged', { callId: 'gone' }),
    fact('deviceRevoked', { deviceId: 'gone' }),
    fact('pinUnlocked', { personId: 'gone' }),
  ];
  for (const f of facts) assert.equal(evolve(empty, { ...ctx, ...f }), [], f.type);
});

test('evolve records what was decided, without asking the rules again', () => {
  // A fact the rules of today would refuse (washing is over before quality check) still folds:
  // it was decided under other rules, and the log is the truth.
  const state = new StoreState('s1');
  foldCommand(state, aCreateRepairOrder('ro-1'), { at: AT });
  assert.is(decide(state, { type: 'washDone', roId: 'ro-1' }, ctx).ok, false);
  const [change] = evolve(state, { ...ctx, ...fact('washFinished', { roId: 'ro-1' }) });
  assert.is(change.kind === 'ro' && change.value.stage, 'ready');
});

test('every fact type has an evolver', () => {
  const state = new StoreState('s1');
  for (const type of FACT_TYPES) {
    assert.not.throws(
      () =>
        evolve(state, {
          ...ctx,
          ...({
            type,
            v: 1,
            data: {
              roId: 'x',
              operationId: 'y',
              appointmentId: 'z',
              displayId: 'd',
              callId: 'c',
              deviceId: 'v',
              personId: 'p',
              kind: 'bay',
              subjectId: 's',
              before: AT,
              patch: {},
              ro: { id: 'r' },
              appointment: { id: 'a' },
              display: { id: 'd' },
              call: { id: 'c' },
              device: { id: 'device:v', personId: 'p' },
              operation: { id: 'o' },
              reopened: [],
            },
          } as Fact),
        }),
      type,
    );
  }
});

test('decide checks every stage move against STAGE_MOVES, QC, wash and ready included', () => {
  const state = new StoreState('s1');
  foldCommand(state, aCreateRepairOrder('ro-1', { wash: true }), { at: AT });
  const moves: [Command, string][] = [
    [{ type: 'qcPass', roId: 'ro-1' }, 'checked_in → washing'],
    [{ type: 'qcFail', roId: 'ro-1', reason: 'x', operationIds: ['op-1'] }, 'checked_in → in_service'],
    [{ type: 'washDone', roId: 'ro-1' }, 'checked_in → ready'],
    [{ type: 'markReady', roId: 'ro-1' }, 'checked_in → ready'],
    [{ type: 'deliver', roId: 'ro-1' }, 'checked_in → delivered'],
  ];
  for (const [command, named] of moves) {
    const d = decide(state, command, ctx);
    assert.is(d.ok, false, command.type);
    if (!d.ok) assert.ok(d.error.message.includes(named), d.error.message);
  }
  // A table entry removed is a move refused: the table, not each action, is the guard.
  const saved = STAGE_MOVES.checked_in;
  (STAGE_MOVES as Record<string, readonly string[]>).checked_in = ['in_service', 'cancelled'];
  try {
    assert.is(decide(state, { type: 'sendToWorkshop', roId: 'ro-1' }, ctx).ok, false);
  } finally {
    (STAGE_MOVES as Record<string, readonly string[]>).checked_in = saved;
  }
  assert.is(decide(state, { type: 'sendToWorkshop', roId: 'ro-1' }, ctx).ok, true);
});

test('a fact carries the values that resulted: the last operation finished sends the car to quality check', () => {
  const state = new StoreState('s1');
  foldCommand(state, aCreateRepairOrder('ro-1'), { at: AT });
  foldCommand(state, { type: 'startOperation', roId: 'ro-1', operationId: 'op-1', bayId: 'bay-1', technicianId: 'tech-1' }, { at: AT });
  const started = state.ros.get('ro-1')!;
  assert.is(started.stage, 'in_service');
  const d = decide(state, { type: 'finishOperation', roId: 'ro-1', operationId: 'op-1' }, { storeId: 's1', at: '2026-12-01T02:30:00.000Z' });
  assert.ok(d.ok);
  if (d.ok) assert.equal(d.fact, { type: 'operationFinished', v: 1, data: { roId: 'ro-1', operationId: 'op-1', workedMs: 30 * 60_000, toQualityCheck: true } });
});

test.run();
