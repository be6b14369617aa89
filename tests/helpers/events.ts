import { randomUUID } from 'node:crypto';
import type { Command, CommandOf } from '../../shared/workflow/commands';
import type { EventDraft } from '../../shared/workflow/events';

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
 * An event draft for `storeId` (default 'store-a') with a fresh key and, unless given, a
 * command that creates a new repair order, so any sequence of default drafts folds cleanly.
 */
export const aDraft = (fields: { storeId?: string; key?: string; command?: Command; at?: string } = {}): EventDraft => ({
  storeId: fields.storeId ?? 'store-a',
  at: fields.at ?? new Date().toISOString(),
  actor: { kind: 'staff', id: 'advisor-1' },
  source: 'api',
  key: fields.key ?? aKey(),
  command: fields.command ?? aCreateRepairOrder(),
});
