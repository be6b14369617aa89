import type { ReminderOutcome } from '../workflow/commands';
import type { KmPerDay, Reminder, ReminderType, ReminderWindow, Urgency } from './project';

/**
 * What GET /api/stores/{storeId}/reminders answers (server/reminders/due-list.ts) and the
 * /reminders page shows: one row per car with its reminders in the window. Staff only: names
 * and phones in full, as on the desk's other screens (DESIGN.md privacy rules).
 */
export interface DueReminder extends Reminder {
  urgency: Urgency;
  /** The latest outcome recorded for it; `not_interested` ones are not listed. */
  outcome?: { outcome: ReminderOutcome; at: string; by: string; note?: string };
}

export interface DueCar {
  /** The car's latest visit: what identifies the row (the page's keys, a test's selector). */
  lastRoId: string;
  lastVisitOn: string;
  plate: string;
  make: string;
  model: string;
  customer: { name: string; phone: string };
  kmPerDay: KmPerDay;
  estimatedKm?: number;
  /** Its reminders in the window, earliest first. */
  reminders: DueReminder[];
  /** The most pressing of them, and the earliest due date. */
  urgency: Urgency;
  dueOn: string;
  /** Opens the planner (/plan) prefilled with the car, the customer and the services due. */
  bookHref: string;
}

export interface DueList {
  storeId: string;
  today: string;
  window: ReminderWindow;
  type: ReminderType | 'all';
  cars: DueCar[];
  /** Cars left out: already booked or in the shop now, or every reminder declined. */
  hidden: { open: number; notInterested: number };
}

/** A part awaited today or late (from the live state), and its alarm when the detector raised one. */
export interface PartDue {
  roId: string;
  number: string;
  operationId: string;
  operationTitle: string;
  plate: string;
  customer: { name: string; phone: string };
  advisorId?: string;
  part: string;
  eta: string;
  state: 'due_today' | 'late';
  /** The `parts_overdue` alarm (server/alarms) for this wait, when raised: the dispatch board shows the same one. */
  alarm?: { id: string; since: string };
}

export interface PartsDueList {
  storeId: string;
  today: string;
  parts: PartDue[];
}
