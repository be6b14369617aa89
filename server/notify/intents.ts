import type { MessageKind } from '../../shared/domain/notify-config';
import type { WorkshopEvent } from '../../shared/workflow/events';

/**
 * A message one event asks for, before channels and consent: which order, which kind, and a
 * `variant` that tells two legitimate messages of one kind apart (each new promised time, each
 * part that arrived, each add-on) — the rest of the idempotency key is fixed by the kind.
 */
export interface Intent {
  roId: string;
  kind: MessageKind;
  variant: string;
  /** Values only this event knows: the new time, the part's name, the add-on's title. */
  values: { time?: string; part?: string; item?: string };
}

/** What the follower remembers between events (notify_memory), read and written through this. */
export interface Memory {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

const promisedKey = (roId: string) => `promised:${roId}`;
const partsKey = (roId: string, opId: string) => `parts:${roId}:${opId}`;

/**
 * The messages an event asks for. "Delayed" fires when an order's promised time moves later
 * (the status-truth ETA can call `Notifier.delayed` with its own new time instead); "parts
 * arrived" when an operation paused for a part resumes; "approval waiting" for each add-on proposed.
 */
export async function intentsOf(event: WorkshopEvent, memory: Memory): Promise<Intent[]> {
  switch (event.type) {
    case 'repairOrderCreated': {
      const { ro } = event.data;
      if (ro.promisedAt) await memory.set(promisedKey(ro.id), ro.promisedAt);
      return ro.stage === 'checked_in' ? [{ roId: ro.id, kind: 'checked_in', variant: '', values: {} }] : [];
    }
    case 'repairOrderCheckedIn':
      return [{ roId: event.data.roId, kind: 'checked_in', variant: '', values: {} }];
    case 'repairOrderUpdated': {
      const { roId, patch } = event.data;
      if (patch.promisedAt === undefined) return [];
      const before = await memory.get(promisedKey(roId));
      if (patch.promisedAt === null) {
        await memory.delete(promisedKey(roId));
        return [];
      }
      await memory.set(promisedKey(roId), patch.promisedAt);
      return before && Date.parse(patch.promisedAt) > Date.parse(before)
        ? [{ roId, kind: 'delayed', variant: patch.promisedAt, values: { time: patch.promisedAt } }]
        : [];
    }
    case 'operationPaused': {
      const { roId, operationId, pause } = event.data;
      if (pause.reason === 'parts') await memory.set(partsKey(roId, operationId), pause.part);
      return [];
    }
    case 'operationResumed': {
      const { roId, operationId } = event.data;
      const part = await memory.get(partsKey(roId, operationId));
      if (part === undefined) return [];
      await memory.delete(partsKey(roId, operationId));
      return [{ roId, kind: 'parts_arrived', variant: `${operationId}:${event.seq}`, values: { part } }];
    }
    case 'qcPassed':
      return event.data.next === 'ready' ? [{ roId: event.data.roId, kind: 'ready', variant: '', values: {} }] : [];
    case 'washFinished':
    case 'repairOrderMarkedReady':
      return [{ roId: event.data.roId, kind: 'ready', variant: '', values: {} }];
    case 'repairOrderDelivered':
      return [{ roId: event.data.roId, kind: 'survey', variant: '', values: {} }];
    // Add-on work waits for the customer's decision: one message per add-on (the same key as
    // Notifier.approvalWaiting, so a call of that hook for it sends nothing more).
    case 'addOnProposed':
      return [{ roId: event.data.roId, kind: 'approval_waiting', variant: event.data.addOnId, values: { item: event.data.title } }];
    default:
      return [];
  }
}
