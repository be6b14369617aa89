import type { CommandOf } from './commands';
import { fact, type FactOf } from './facts';
import { compact, type Change, type Decision, type EventContext, type WorkshopState } from './rules';

/**
 * Reminders worked by the front desk. The reminders themselves are projected from the history
 * (shared/reminders), not held in the live state, so there is nothing to check an outcome
 * against here: the id's shape is checked by the command's schema, and an outcome for a reminder
 * that no longer stands (the car came in meanwhile) is kept and simply matches nothing.
 */
export function decideReminder(c: CommandOf<'recordReminderOutcome'>): Decision {
  return { ok: true, fact: fact('reminderOutcomeRecorded', compact({ reminderId: c.reminderId, outcome: c.outcome, note: c.note || undefined })) };
}

/** Nothing in the live state changes: the history read model records outcomes (server/history/apply.ts). */
export const evolveReminder: { reminderOutcomeRecorded: (state: WorkshopState, data: FactOf<'reminderOutcomeRecorded'>['data'], e: EventContext) => Change[] } =
  {
    reminderOutcomeRecorded: () => [],
  };
