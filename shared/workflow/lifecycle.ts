import type { Command } from './commands';
import type { Fact, FactType } from './facts';
import { decideAccess, evolveAccess, isAccessCommand } from './access';
import { decideAccount, evolveAccount, isAccountCommand } from './accounts';
import { decideAppointment, evolveAppointment } from './appointments';
import { decideAlarm, evolveAlarm } from './alarms';
import { decideReminder, evolveReminder } from './reminders';
import { decideAddOn, evolveAddOn } from './add-ons';
import { decideDisplay, evolveDisplay } from './displays';
import { decideOperation, evolveOperation } from './operations';
import { decideRepairOrder, evolveRepairOrder } from './repair-orders';
import type { Change, DecideContext, Decision, EventContext, WorkshopState } from './rules';

/**
 * The workshop's workflow: one `decide` and one `evolve`.
 *
 * - `decide(state, command, ctx)` holds every rule. It answers a refusal that names the current
 *   state and the requested one, or the one fact to store: what was decided, in the past tense,
 *   with the values that resulted. Every stage move is checked against STAGE_MOVES and every
 *   operation move against OPERATION_MOVES (./rules.ts).
 * - `evolve(state, event)` records a stored fact. It is total: it never refuses and never checks a
 *   rule again, so a store always opens, whatever the rules are today.
 *
 * The rule for changing either: **a rule change never touches evolve** (it goes into decide, and
 * facts already stored keep what was decided then); **a change to a fact's shape bumps its `v`**
 * (./facts.ts) and adds an upcaster from the old shape with its own test (./upcasters.ts).
 * Journals from before facts (each line a command) are read through ./legacy, which runs a frozen
 * copy of the rules of that time.
 *
 * The parts, by what they decide: ./repair-orders.ts (repair orders and their stages),
 * ./operations.ts, ./appointments.ts, ./displays.ts (paired screens and advisor calls),
 * ./access.ts (scan-page sign-ins, PINs, withdrawn codes), ./accounts.ts (staff accounts), ./alarms.ts (anomaly alarms), ./add-ons.ts (add-on work the customer approves). The browser asks `allowedActions`
 * which buttons would be accepted; it never re-implements a rule.
 */

export {
  STAGE_MOVES,
  OPERATION_MOVES,
  canMoveStage,
  canMoveOperation,
  activeJobOf,
  carInBay,
  queueDay,
  type Change,
  type DecideContext,
  type Decision,
  type EventContext,
  type WorkflowError,
  type WorkflowErrorCode,
  type WorkshopState,
} from './rules';

/** Decide one command against the state. Pure; never mutates. */
export function decide(state: WorkshopState, command: Command, ctx: DecideContext): Decision {
  if (isAccessCommand(command)) return decideAccess(state, command, ctx);
  if (isAccountCommand(command)) return decideAccount(state, command, ctx);
  switch (command.type) {
    case 'createAppointment':
    case 'updateAppointment':
    case 'cancelAppointment':
    case 'markAppointmentNoShow':
      return decideAppointment(state, command, ctx);
    case 'pairDisplay':
    case 'unpairDisplay':
    case 'callAdvisor':
    case 'acknowledgeCall':
      return decideDisplay(state, command, ctx);
    case 'addOperation':
    case 'assignOperation':
    case 'startOperation':
    case 'pauseOperation':
    case 'resumeOperation':
    case 'finishOperation':
    case 'correctPartsEta':
      return decideOperation(state, command, ctx);
    case 'raiseAlarm':
    case 'clearAlarm':
      return decideAlarm(state, command, ctx);
    case 'recordReminderOutcome':
      return decideReminder(command);
    case 'proposeAddOn':
    case 'approveAddOn':
    case 'declineAddOn':
      return decideAddOn(state, command, ctx);
    default:
      return decideRepairOrder(state, command, ctx);
  }
}

type Evolver = (state: WorkshopState, data: never, e: EventContext) => Change[];
const EVOLVERS: Record<FactType, Evolver> = {
  ...evolveRepairOrder,
  ...evolveOperation,
  ...evolveAppointment,
  ...evolveDisplay,
  ...evolveAccess,
  ...evolveAccount,
  ...evolveAlarm,
  ...evolveReminder,
  ...evolveAddOn,
};

/**
 * The records a stored fact leaves changed (each as it is after the fact). Total: a fact about a
 * record that is not there changes nothing, and a type this code does not know (written by a
 * newer version) is reported by the caller, not here.
 */
export function evolve(state: WorkshopState, event: EventContext & Fact): Change[] {
  const evolver = EVOLVERS[event.type] as ((state: WorkshopState, data: unknown, e: EventContext) => Change[]) | undefined;
  return evolver ? evolver(state, event.data, event) : [];
}

/** The command types that would be accepted for this repair order (and operation) now. */
export function allowedActions(state: WorkshopState, roId: string, operationId?: string): Command['type'][] {
  const ro = state.ros.get(roId);
  if (!ro) return [];
  const probe = (c: Command) => decide(state, c, { storeId: ro.storeId, at: new Date().toISOString() }).ok;
  const candidates: Command[] = operationId
    ? [
        { type: 'startOperation', roId, operationId, bayId: ro.operations.find((o) => o.id === operationId)?.bayId ?? '_' },
        { type: 'pauseOperation', roId, operationId, pause: { reason: 'break' } },
        { type: 'resumeOperation', roId, operationId },
        { type: 'finishOperation', roId, operationId },
      ]
    : [
        { type: 'checkIn', roId },
        { type: 'sendToWorkshop', roId },
        { type: 'qcPass', roId },
        { type: 'qcFail', roId, reason: '_', operationIds: ro.operations.slice(0, 1).map((o) => o.id) },
        { type: 'washDone', roId },
        { type: 'markReady', roId },
        { type: 'deliver', roId },
        { type: 'cancel', roId, reason: '_' },
        { type: 'markNoShow', roId },
      ];
  return candidates.filter(probe).map((c) => c.type);
}
