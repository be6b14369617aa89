import { test } from 'uvu';
import { foldCommand } from '../../tests/helpers/workflow';
import * as assert from 'uvu/assert';
import { StoreSchema, type Store } from '../domain/shop';
import { deltaFor, snapshotView } from '../projections/project';
import type { Audience } from '../projections/audience';
import type { Command } from './commands';
import { StoreState } from './state';

const store: Store = StoreSchema.parse({ id: 's1', name: { 'zh-CN': '店', en: 'Store' }, bays: [{ id: 'bay-1', name: '1', kind: 'general' }] });
const AT = '2030-05-10T02:00:00.000Z';

/** Fold commands as the server does; each returns the changes it made. */
function fold(state: StoreState, command: Command) {
  const decision = state.decide(command, AT);
  if (!decision.ok) return decision;
  const changes = foldCommand(state, command, { at: AT, actor: { kind: 'kiosk', id: 'k1' }, source: 'kiosk', key: `key-${state.seq + 1}-xx` });
  return { ok: true as const, changes };
}

const AUDIENCES: Audience[] = [
  { kind: 'customer', storeId: 's1' },
  { kind: 'bay', storeId: 's1', bayId: 'bay-1' },
  { kind: 'tracking', storeId: 's1', roId: 'ro-1' },
];

test('a kiosk call stays open until acknowledged, then leaves the state', () => {
  const state = new StoreState('s1', store);
  const called = fold(state, { type: 'callAdvisor', callId: 'call-1', kioskId: 'entrance', locale: 'en' });
  assert.ok(called.ok);
  assert.equal(state.calls.get('call-1'), { id: 'call-1', storeId: 's1', kioskId: 'entrance', locale: 'en', at: AT });
  const twice = state.decide({ type: 'callAdvisor', callId: 'call-1', kioskId: 'entrance' }, AT);
  assert.equal(twice.ok ? '' : twice.error.code, 'conflict');
  assert.ok(fold(state, { type: 'acknowledgeCall', callId: 'call-1' }).ok);
  assert.is(state.calls.size, 0);
  const again = state.decide({ type: 'acknowledgeCall', callId: 'call-1' }, AT);
  assert.equal(again.ok ? '' : again.error.code, 'not_found');
});

test('only the dispatch audience sees calls, in snapshots and in deltas', () => {
  const state = new StoreState('s1', store);
  const called = fold(state, { type: 'callAdvisor', callId: 'call-2', kioskId: 'entrance' });
  assert.ok(called.ok && 'changes' in called);
  const dispatch: Audience = { kind: 'dispatch', storeId: 's1' };
  assert.ok('call:call-2' in snapshotView(state, store, dispatch, Date.parse(AT)).entries);
  assert.equal(deltaFor(dispatch, store, 1, called.changes, Date.parse(AT)).set['call:call-2'], state.calls.get('call-2'));
  for (const audience of AUDIENCES) {
    assert.equal(snapshotView(state, store, audience, Date.parse(AT)).entries, {}, audience.kind);
    assert.equal(deltaFor(audience, store, 1, called.changes, Date.parse(AT)), { seq: 1, set: {}, del: [] }, audience.kind);
  }
  const acked = fold(state, { type: 'acknowledgeCall', callId: 'call-2' });
  assert.ok(acked.ok && 'changes' in acked);
  assert.equal(deltaFor(dispatch, store, 2, acked.changes, Date.parse(AT)), { seq: 2, set: {}, del: ['call:call-2'] });
  for (const audience of AUDIENCES) assert.equal(deltaFor(audience, store, 2, acked.changes, Date.parse(AT)).del, [], audience.kind);
});

test('open calls survive a snapshot and restart', () => {
  const state = new StoreState('s1', store);
  fold(state, { type: 'callAdvisor', callId: 'call-3', kioskId: 'entrance' });
  const copy = StoreState.fromSnapshot('s1', JSON.parse(JSON.stringify(state.toSnapshot())), store);
  assert.equal(copy.toSnapshot(), state.toSnapshot());
  assert.ok(copy.calls.has('call-3'));
});

test.run();
