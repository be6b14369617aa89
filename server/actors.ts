import type { Person } from '../shared/domain/people-directory';
import { bayBoardDevice, SCREEN_DEVICE } from '../shared/domain/screen-devices';
import type { Actor } from '../shared/workflow/events';
import type { Principal } from './auth/principal';
import type { KioskCaller } from './kiosk/kiosk-limits';

/**
 * Who an event names, for every door a write comes through: the one place that turns a caller
 * into the envelope's `actor` (and, where the caller is a thing rather than a person, the
 * `device` it acted from). Every write path builds its actor here, so "who did what" reads the
 * same whichever door it came in by. To add a door: a function here and a case in
 * tests/integration/actors.test.ts.
 *
 * Names are recorded as they were at the time; a repair order's history shows the directory's
 * name for the id today and falls back to the recorded one (server/ro-history.ts).
 */

const named = (actor: Actor, name: string | undefined): Actor => {
  const trimmed = name?.trim().slice(0, 80);
  return trimmed ? { ...actor, name: trimmed } : actor;
};

/**
 * A caller of the API: a signed-in person (the session's person id and name), an integration
 * (INTEGRATION_NAME), or a paired screen (its id; `displayName` is its paired name, when known).
 */
export const actorOfPrincipal = (p: Principal, displayName?: string): Actor => {
  switch (p.kind) {
    case 'staff':
      return named({ kind: 'staff', id: p.id }, p.name);
    case 'integration':
      return named({ kind: 'integration', id: p.id }, p.name);
    case 'display':
      return named({ kind: 'display', id: p.id }, displayName);
  }
};

/** Where a paired screen sits, as the event's `device`: `dispatch-board`, `bay-board:B03`. */
export const deviceOfPrincipal = (p: Principal): string | undefined => {
  if (p.kind !== 'display') return undefined;
  // A bay screen's token always names its bay (auth refuses a bay grant without one).
  return p.board === 'bay' ? bayBoardDevice(p.bayId ?? 'unknown') : SCREEN_DEVICE[p.board];
};

/** A person from the store's directory (the scan page's signed-in technician, inspector, washer or advisor). */
export const actorOfPerson = (person: Person): Actor => named({ kind: person.list === 'technicians' ? 'technician' : 'staff', id: person.id }, person.name);

/**
 * The lobby kiosk. A paired kiosk (its key checked) is named by its id; one without a key is
 * just "the kiosk", since the id it sends is a claim anyone can make — that claim is kept as the
 * device, for what it is worth.
 */
export const kioskActor = (caller: KioskCaller): { actor: Actor; device: string } =>
  caller.paired ? { actor: { kind: 'kiosk', id: caller.kioskId }, device: caller.kioskId } : { actor: { kind: 'kiosk', id: 'kiosk' }, device: caller.kioskId };

/** A customer through their tracking link or at the kiosk: named by the visit, never by anything personal. */
export const customerActor = (roId: string): Actor => ({ kind: 'customer', id: `ro:${roId}` });

/** The device of what a customer does on their own phone (the tracking link). */
export const TRACKING_PAGE_DEVICE = SCREEN_DEVICE.tracking;

/** What the server itself does. */
export type SystemTask = 'demo-seed' | 'demo-history' | 'demo-simulator' | 'demo' | 'pin-check' | 'alarm-detector';
export const systemActor = (task: SystemTask): Actor => ({ kind: 'system', id: task });
