import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';
import { REMINDER_TYPES, REMINDER_WINDOWS } from '../../shared/reminders/project';
import { REMINDER_OUTCOMES, ReminderIdSchema } from '../../shared/workflow/commands';
import { READS } from '../../shared/workflow/permissions';
import { actorOfPrincipal, deviceOfPrincipal } from '../actors';
import { mayCommit } from '../auth/policy';
import type { HistoryDb } from '../history/schema';
import { dueList } from '../reminders/due-list';
import { partsDue } from '../reminders/parts-due';
import type { AppDeps } from '../deps';
import { fromWorkflow, HttpError } from './errors';
import { data, defineRoute, type AnyRoute } from './route';

/**
 * 维修提醒 for the front desk (/reminders): the cars due for a service, insurance or inspection
 * in a window (projected from the history read model), the outcomes an advisor records, and the
 * parts due today or late (from the live state). Names and phones in full: staff only.
 */
const tag = 'Reminders';
const storeParams = z.strictObject({ storeId: IdSchema });

const historyOf = (deps: AppDeps): HistoryDb => {
  if (!deps.history) throw new HttpError(503, 'history_unavailable', 'The history read model is not open on this server');
  return deps.history;
};

const outcomeDoc = z.object({ outcome: z.enum(REMINDER_OUTCOMES), at: z.string(), by: z.string(), note: z.string().optional() });
const dueListDoc = z.object({
  data: z.object({
    storeId: z.string(),
    today: z.string(),
    window: z.enum(REMINDER_WINDOWS),
    type: z.string(),
    cars: z.array(
      z.object({
        lastRoId: z.string(),
        lastVisitOn: z.string(),
        plate: z.string(),
        make: z.string(),
        model: z.string(),
        customer: z.object({ name: z.string(), phone: z.string() }),
        kmPerDay: z.object({ value: z.number(), from: z.enum(['readings', 'default']) }),
        estimatedKm: z.number().optional(),
        reminders: z.array(
          z.object({
            id: z.string(),
            type: z.enum(REMINDER_TYPES),
            code: z.string().optional(),
            dueOn: z.string(),
            dueBy: z.enum(['km', 'months', 'date']),
            lastDoneOn: z.string().optional(),
            lastDoneKm: z.number().optional(),
            dueKm: z.number().optional(),
            estimatedKm: z.number().optional(),
            urgency: z.enum(['overdue', 'urgent', 'soon', 'later']),
            outcome: outcomeDoc.optional(),
          }),
        ),
        urgency: z.enum(['overdue', 'urgent', 'soon', 'later']),
        dueOn: z.string(),
        bookHref: z.string().describe('/plan?store=…&date=YYYY-MM-DD&plate=…&services=<code>,<code>&customer=…&phone=…'),
      }),
    ),
    hidden: z.object({ open: z.number(), notInterested: z.number() }),
  }),
});

export const reminderRoutes: AnyRoute[] = [
  defineRoute({
    name: 'listReminders',
    method: 'get',
    path: '/api/stores/:storeId/reminders',
    access: READS.reminders,
    tag,
    summary:
      "Cars due for a service (by km or months, whichever first, at the car's own km a day), insurance or annual inspection in a window; one row per car, most pressing first",
    params: storeParams,
    query: z.strictObject({
      window: z.enum(REMINDER_WINDOWS).default('30').describe('overdue, or due within the next 7, 30 or 90 days (overdue included)'),
      type: z.enum([...REMINDER_TYPES, 'all']).default('all'),
    }),
    response: { status: 200, description: 'The due list', schema: dueListDoc },
    run: async ({ query }, { deps, store }) =>
      data(await dueList(historyOf(deps), store, { window: query.window, type: query.type, now: deps.service.time().getTime() })),
  }),
  defineRoute({
    name: 'recordReminderOutcome',
    method: 'post',
    path: '/api/stores/:storeId/reminders/outcomes',
    access: READS.reminders,
    tag,
    summary:
      'Record that a reminder was worked: the customer was contacted, or is not interested (then it leaves the list). Recorded as a fact with who and when',
    params: storeParams,
    body: z.strictObject({ reminderId: ReminderIdSchema, outcome: z.enum(REMINDER_OUTCOMES), note: z.string().trim().max(200).optional() }),
    response: { status: 201, description: 'Recorded', schema: z.object({ data: z.object({ reminderId: z.string(), outcome: outcomeDoc }) }) },
    run: async ({ body }, { deps, req, principal, store }) => {
      if (!mayCommit(principal)) throw new HttpError(403, 'forbidden', 'A display cannot record reminders');
      const actor = actorOfPrincipal(principal);
      const raw = req.headers['idempotency-key'];
      const key = `reminder:${typeof raw === 'string' && /^[A-Za-z0-9_.:-]{8,60}$/.test(raw) ? raw : randomUUID()}`;
      const result = await deps.service.commit({
        storeId: store.id,
        command: { type: 'recordReminderOutcome', reminderId: body.reminderId, outcome: body.outcome, ...(body.note ? { note: body.note } : {}) },
        actor,
        source: 'dispatch',
        key,
        device: deviceOfPrincipal(principal),
      });
      if (!result.ok) throw fromWorkflow(result.error);
      const e = result.event;
      return data(
        {
          reminderId: body.reminderId,
          outcome: { outcome: body.outcome, at: new Date(e.at).toISOString(), by: e.actor.name ?? e.actor.id, ...(body.note ? { note: body.note } : {}) },
        },
        201,
      );
    },
  }),
  defineRoute({
    name: 'listPartsDue',
    method: 'get',
    path: '/api/stores/:storeId/reminders/parts',
    access: READS.reminders,
    tag,
    summary: 'Parts waits whose part is due today or late (备件到货提醒), each with its parts_overdue alarm when raised',
    params: storeParams,
    response: {
      status: 200,
      description: 'The parts due',
      schema: z.object({
        data: z.object({
          storeId: z.string(),
          today: z.string(),
          parts: z.array(
            z.object({
              roId: z.string(),
              number: z.string(),
              operationId: z.string(),
              operationTitle: z.string(),
              plate: z.string(),
              customer: z.object({ name: z.string(), phone: z.string() }),
              advisorId: z.string().optional(),
              part: z.string(),
              eta: z.string(),
              state: z.enum(['due_today', 'late']),
              alarm: z.object({ id: z.string(), since: z.string() }).optional(),
            }),
          ),
        }),
      }),
    },
    run: async (_input, { deps, store }) => data(partsDue(await deps.service.state(store.id), store, deps.service.time().getTime())),
  }),
];
