import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StoreSchema, type Store } from '../domain/shop';
import { aCreateRepairOrder } from '../../tests/helpers/events';
import { foldCommand } from '../../tests/helpers/workflow';
import { deltaFor, snapshotView } from '../projections/project';
import type { TrackingRo } from '../projections/views';
import type { Command } from './commands';
import { fact } from './facts';
import { decide, evolve } from './lifecycle';
import { mayIssue } from './permissions';
import { StoreState } from './state';

const AT = '2030-05-10T02:00:00.000Z';
const LATER = '2030-05-10T02:20:00.000Z';
const ctx = { storeId: 's1', at: AT };
const store: Store = StoreSchema.parse({
  id: 's1',
  name: { 'zh-CN': '店', en: 'Store' },
  bays: [{ id: 'bay-1', name: '1', kind: 'general' }],
  technicians: [{ id: 'tech-1', name: '李师傅', teamId: 't1' }],
  teams: [{ id: 't1', name: 'A' }],
});

const propose = (over: Partial<Extract<Command, { type: 'proposeAddOn' }>> = {}): Command => ({
  type: 'proposeAddOn',
  roId: 'ro-1',
  addOnId: 'ao-1',
  title: 'Front brake pads',
  price: 680.5,
  hours: 1.2,
  photoIds: ['ph-aaaaaaaaaaaa', 'ph-bbbbbbbbbbbb'],
  by: 'tech-1',
  bayId: 'bay-1',
  technicianId: 'tech-1',
  ...over,
});

/** A car in service whose oil change is paused for the customer's approval. */
function carWaitingForApproval(): StoreState {
  const state = new StoreState('s1');
  foldCommand(state, aCreateRepairOrder('ro-1', { trackingToken: 'tt-aaaaaaaaaaaaaaaaaaaa' }), { at: AT });
  foldCommand(state, { type: 'startOperation', roId: 'ro-1', operationId: 'op-1', bayId: 'bay-1', technicianId: 'tech-1' }, { at: AT });
  foldCommand(state, { type: 'pauseOperation', roId: 'ro-1', operationId: 'op-1', pause: { reason: 'approval' } }, { at: AT });
  foldCommand(state, propose(), { at: AT });
  return state;
}

test('a proposal is recorded pending, with the proposer, price, hours and photos', () => {
  const state = carWaitingForApproval();
  const ro = state.ros.get('ro-1')!;
  assert.equal(ro.addOns, [
    {
      id: 'ao-1',
      title: 'Front brake pads',
      price: 680.5,
      hours: 1.2,
      photoIds: ['ph-aaaaaaaaaaaa', 'ph-bbbbbbbbbbbb'],
      by: 'tech-1',
      proposedAt: AT,
      bayId: 'bay-1',
      technicianId: 'tech-1',
      status: 'pending',
    },
  ]);
  assert.is(ro.operations.length, 1, 'not yet an operation');
});

test('proposals are refused for a car not in the workshop, a used id, a photo named twice, an unknown bay', () => {
  const state = carWaitingForApproval();
  const again = decide(state, propose(), ctx);
  assert.is(!again.ok && again.error.code, 'conflict');
  const sameAsOp = decide(state, propose({ addOnId: 'op-1' }), ctx);
  assert.is(!sameAsOp.ok && sameAsOp.error.code, 'conflict');
  const twice = decide(state, propose({ addOnId: 'ao-2', photoIds: ['ph-aaaaaaaaaaaa', 'ph-aaaaaaaaaaaa'] }), ctx);
  assert.is(!twice.ok && twice.error.code, 'invalid_value');
  const bay = decide(state, propose({ addOnId: 'ao-3', bayId: 'bay-9' }), { ...ctx, store });
  assert.is(!bay.ok && bay.error.code, 'invalid_reference');
  const scheduled = new StoreState('s1');
  foldCommand(scheduled, aCreateRepairOrder('ro-1', { stage: 'scheduled' }), { at: AT });
  const early = decide(scheduled, propose(), ctx);
  assert.ok(!early.ok && early.error.code === 'illegal_transition' && early.error.message.includes('scheduled'));
});

test('approval by the customer: the work joins the order at its bay, the approval pause ends', () => {
  const state = carWaitingForApproval();
  foldCommand(state, { type: 'approveAddOn', roId: 'ro-1', addOnId: 'ao-1', by: 'customer', channel: 'phone-page' }, { at: LATER });
  const ro = state.ros.get('ro-1')!;
  assert.equal(ro.addOns![0].status, 'approved');
  assert.equal(ro.addOns![0].decision, { by: 'customer', channel: 'phone-page', at: LATER });
  const added = ro.operations.find((o) => o.id === 'ao-1')!;
  assert.equal(
    { code: added.code, title: added.title, hours: added.standardHours, status: added.status, bay: added.bayId, tech: added.technicianId },
    { code: 'ADDON', title: 'Front brake pads', hours: 1.2, status: 'assigned', bay: 'bay-1', tech: 'tech-1' },
  );
  const oil = ro.operations.find((o) => o.id === 'op-1')!;
  assert.is(oil.status, 'in_progress');
  assert.is(oil.pause, undefined);
  assert.is(oil.runningSince, LATER);
});

test('a decline adds nothing; an advisor records a phone call with their id; a decision is final', () => {
  const state = carWaitingForApproval();
  foldCommand(state, { type: 'declineAddOn', roId: 'ro-1', addOnId: 'ao-1', by: 'advisor', channel: 'phone-call', personId: 'adv-1' }, { at: LATER });
  const ro = state.ros.get('ro-1')!;
  assert.equal(ro.addOns![0].decision, { by: 'advisor', channel: 'phone-call', at: LATER, personId: 'adv-1' });
  assert.is(ro.operations.length, 1);
  assert.is(ro.operations[0].status, 'in_progress', 'the pause ended on a decline too');
  const late = decide(state, { type: 'approveAddOn', roId: 'ro-1', addOnId: 'ao-1', by: 'customer', channel: 'phone-page' }, ctx);
  assert.ok(!late.ok && late.error.code === 'conflict' && late.error.message.includes('already declined'), !late.ok ? late.error.message : '');
  const unknown = decide(state, { type: 'approveAddOn', roId: 'ro-1', addOnId: 'ao-9', by: 'customer', channel: 'phone-page' }, ctx);
  assert.is(!unknown.ok && unknown.error.code, 'not_found');
});

test('the channel must fit who decided', () => {
  const state = carWaitingForApproval();
  const customerAtDesk = decide(state, { type: 'approveAddOn', roId: 'ro-1', addOnId: 'ao-1', by: 'customer', channel: 'desk' }, ctx);
  assert.ok(!customerAtDesk.ok && customerAtDesk.error.details?.field === 'channel');
  const advisorOnPage = decide(state, { type: 'approveAddOn', roId: 'ro-1', addOnId: 'ao-1', by: 'advisor', channel: 'phone-page' }, ctx);
  assert.ok(!advisorOnPage.ok && advisorOnPage.error.details?.field === 'channel');
});

test('with two proposals open, the pause ends only when the last one is decided', () => {
  const state = carWaitingForApproval();
  foldCommand(state, propose({ addOnId: 'ao-2', title: 'Wiper blades', price: 120, hours: 0.2, photoIds: [] }), { at: AT });
  foldCommand(state, { type: 'approveAddOn', roId: 'ro-1', addOnId: 'ao-1', by: 'customer', channel: 'phone-page' }, { at: LATER });
  assert.is(state.ros.get('ro-1')!.operations[0].status, 'paused');
  foldCommand(state, { type: 'declineAddOn', roId: 'ro-1', addOnId: 'ao-2', by: 'customer', channel: 'phone-page' }, { at: LATER });
  assert.is(state.ros.get('ro-1')!.operations[0].status, 'in_progress');
});

test('a technician busy elsewhere keeps the paused job paused when the customer decides', () => {
  const state = carWaitingForApproval();
  foldCommand(state, aCreateRepairOrder('ro-2'), { at: AT });
  foldCommand(state, { type: 'startOperation', roId: 'ro-2', operationId: 'op-1', bayId: 'bay-2', technicianId: 'tech-1' }, { at: AT });
  const d = decide(state, { type: 'approveAddOn', roId: 'ro-1', addOnId: 'ao-1', by: 'customer', channel: 'phone-page' }, ctx);
  assert.ok(d.ok && d.fact.type === 'addOnApproved');
  if (d.ok && d.fact.type === 'addOnApproved') assert.equal(d.fact.data.resumed, []);
});

test('evolve records stored add-on facts as they are, and ignores those about a missing order', () => {
  const empty = new StoreState('s1');
  assert.equal(
    evolve(empty, { ...ctx, ...fact('addOnDeclined', { roId: 'gone', addOnId: 'x', by: 'customer', channel: 'phone-page', at: AT, resumed: [] }) }),
    [],
  );
  // An approval folds even when the rules of today would refuse it (the car has left the workshop).
  const state = carWaitingForApproval();
  foldCommand(state, { type: 'resumeOperation', roId: 'ro-1', operationId: 'op-1' }, { at: AT });
  foldCommand(state, { type: 'finishOperation', roId: 'ro-1', operationId: 'op-1' }, { at: AT });
  foldCommand(state, { type: 'qcPass', roId: 'ro-1' }, { at: AT });
  assert.not.ok(decide(state, { type: 'approveAddOn', roId: 'ro-1', addOnId: 'ao-1', by: 'customer', channel: 'phone-page' }, ctx).ok);
  const [change] = evolve(state, {
    ...ctx,
    ...fact('addOnApproved', {
      roId: 'ro-1',
      addOnId: 'ao-1',
      by: 'customer',
      channel: 'phone-page',
      at: AT,
      resumed: [],
      operation: { id: 'ao-1', code: 'ADDON', title: 'Front brake pads', standardHours: 1.2, status: 'unassigned', workedMs: 0, reworks: 0 },
    }),
  });
  assert.ok(change.kind === 'ro' && change.value.operations.some((o) => o.id === 'ao-1'));
});

test('permissions: technicians propose, the front desk and the customer decide, others not', () => {
  assert.ok(mayIssue(['technician'], 'proposeAddOn'));
  assert.ok(mayIssue(['advisor'], 'proposeAddOn'));
  assert.ok(mayIssue(['advisor'], 'approveAddOn'));
  assert.not.ok(mayIssue(['technician'], 'approveAddOn'));
  assert.not.ok(mayIssue(['washer'], 'proposeAddOn'));
  assert.not.ok(mayIssue(['inspector'], 'declineAddOn'));
});

test('the lobby never receives an add-on (no price, no photo); the tracking page gets photo paths under its own token', () => {
  const state = carWaitingForApproval();
  const lobby = JSON.stringify(snapshotView(state, store, { kind: 'customer', storeId: 's1' }, Date.parse(AT)));
  for (const needle of ['680.5', 'ph-aaaaaaaaaaaa', 'photo', 'Front brake', 'addOn']) assert.not.ok(lobby.includes(needle), needle);
  const tracking = snapshotView(state, store, { kind: 'tracking', storeId: 's1', roId: 'ro-1' }, Date.parse(AT)).entries['ro:ro-1'] as TrackingRo;
  assert.equal(tracking.addOns![0].photos, [
    '/api/track/tt-aaaaaaaaaaaaaaaaaaaa/photos/ph-aaaaaaaaaaaa',
    '/api/track/tt-aaaaaaaaaaaaaaaaaaaa/photos/ph-bbbbbbbbbbbb',
  ]);
  assert.is(tracking.addOns![0].price, 680.5);
  // The delta of the proposal, as each audience gets it.
  const before = carWaitingForApproval();
  const changes = foldCommand(before, propose({ addOnId: 'ao-5', price: 999.99 }), { at: AT });
  const lobbyDelta = JSON.stringify(deltaFor({ kind: 'customer', storeId: 's1' }, store, before.seq, changes, Date.parse(AT)));
  assert.not.ok(lobbyDelta.includes('999.99'));
  assert.not.ok(lobbyDelta.includes('ph-'));
});

test.run();
