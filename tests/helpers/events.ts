import { randomUUID } from 'node:crypto';
import type { Command, CommandOf } from '../../shared/workflow/commands';
import type { EventDraft } from '../../shared/workflow/events';
import type { Fact } from '../../shared/workflow/facts';
import { decide } from '../../shared/workflow/lifecycle';
import { StoreState } from '../../shared/workflow/state';

let counter = 0;

/** A fresh idempotency key, unique across processes and runs. */
export const aKey = (label = 'k') => `${label}-${randomUUID()}`;

/** A command that opens repair order `roId` (valid for the workflow on an empty store). */
export const aCreateRepairOrder = (roId = `ro-${++counter}`, overrides: Partial<CommandOf<'createRepairOrder'>> = {}): CommandOf<'createRepairOrder'> => ({
  type: 'createRepairOrder',
  roId,
  number: `RO20250101-${String(counter).padStart(4, '0')}`,
  stage: 'checked_in',
  vehicle: { plate: '京A12345', make: 'Toyota', model: 'Corolla', color: 'white' },
  customer: { name: '张三', phone: '13800138000', salutation: 'mr' },
  priority: 'normal',
  wash: true,
  trackingToken: `tt-${randomUUID()}`,
  operations: [{ id: 'op-1', code: 'OIL', title: 'Oil change', standardHours: 0.5 }],
  ...overrides,
});

/** A command that edits the description of an existing repair order. */
export const anUpdateRepairOrder = (roId: string, description = 'updated'): CommandOf<'updateRepairOrder'> => ({
  type: 'updateRepairOrder',
  roId,
  patch: { description },
});

/**
 * The fact the workflow decides for `command`, against a store that holds just what the command
 * needs (the repair order it names, if it is not the one being created).
 */
export function factFor(command: Command, at = new Date().toISOString(), storeId = 'store-a'): Fact {
  const state = new StoreState(storeId);
  const ctx = { storeId, at };
  if ('roId' in command && command.type !== 'createRepairOrder') {
    const created = decide(state, aCreateRepairOrder(command.roId), ctx);
    if (!created.ok) throw new Error(created.error.message);
    state.applyEvent({ seq: 1, storeId, at, actor: { kind: 'system', id: 'test' }, source: 'system', key: aKey(), ...created.fact });
  }
  const decision = decide(state, command, ctx);
  if (!decision.ok) throw new Error(`factFor: ${decision.error.message}`);
  return decision.fact;
}

/**
 * An event draft for `storeId` (default 'store-a') with a fresh key and, unless given, the fact of
 * a command that creates a new repair order, so any sequence of default drafts folds cleanly.
 */
export const aDraft = (fields: { storeId?: string; key?: string; command?: Command; at?: string } = {}): EventDraft => {
  const at = fields.at ?? new Date().toISOString();
  return {
    storeId: fields.storeId ?? 'store-a',
    at,
    actor: { kind: 'staff', id: 'advisor-1' },
    source: 'api',
    key: fields.key ?? aKey(),
    ...factFor(fields.command ?? aCreateRepairOrder(), at, fields.storeId ?? 'store-a'),
  };
};
