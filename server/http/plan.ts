import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';
import { localDate } from '../../shared/domain/local-date';
import { AppointmentSchema } from '../../shared/domain/repair-order';
import { BaySchema, CatalogueItemSchema } from '../../shared/domain/shop';
import { CancelReasonSchema } from '../../shared/domain/plan-config';
import { capacityByDay, datesFrom, spanOf } from '../../shared/workflow/capacity';
import { READS } from '../../shared/workflow/permissions';
import { data, defineRoute } from './route';

/**
 * The planner's read (GET …/plan, what /plan shows): a store's bays, each day's capacity per
 * skill (shared/workflow/capacity.ts), the appointments of those days with the span each holds
 * its bay for, and how many were cancelled for each configured reason. Booking, moving,
 * cancelling and no-shows are the appointment routes (./appointments.ts).
 */
const tag = 'Planning';

const SkillDaySchema = z.object({
  skill: z.string(),
  capacityHours: z.number().describe("Technicians' shift hours with the skill, at most its bays' open hours"),
  carriedHours: z.number().describe('What open repair orders still need, taken from today first'),
  bookedHours: z.number().describe("Standard hours of the day's booked appointments"),
  freeHours: z.number().describe('capacity − carried − booked; negative when an override booked past it'),
});

export const PlanSchema = z.object({
  data: z.object({
    from: z.string(),
    days: z.number().int(),
    timezone: z.string(),
    openingHours: z.object({ open: z.string(), close: z.string() }),
    slotMinutes: z.number().int(),
    bays: z.array(BaySchema),
    catalogue: z.array(CatalogueItemSchema),
    cancelReasons: z.array(CancelReasonSchema),
    capacity: z.array(z.object({ date: z.string(), skills: z.array(SkillDaySchema) })),
    appointments: z
      .array(AppointmentSchema.extend({ startsAt: z.string(), endsAt: z.string() }))
      .describe('Booked, checked-in and no-show appointments of the days, in time order; cancelled ones are counted in `cancellations`'),
    cancellations: z
      .array(z.object({ code: z.string(), label: z.object({ 'zh-CN': z.string(), en: z.string() }), count: z.number().int() }))
      .describe('Appointments of the days cancelled, per reason (configured reasons first, then reasons recorded without a code)'),
  }),
});

const planQuery = z.strictObject({
  from: z.iso.date().optional().describe('First store-local day, YYYY-MM-DD (default today)'),
  days: z.coerce.number().int().min(1).max(14).default(1).describe('How many days: 1 for a day view, 7 for a week'),
});

export const planRoutes = [
  defineRoute({
    name: 'getPlan',
    method: 'get',
    path: '/api/stores/:storeId/plan',
    access: READS.plan,
    tag,
    summary:
      "The planner: bays, capacity per skill per day (labour hours from technicians' shifts and bays, less carried-over and booked work), the days' appointments with their bay spans, and cancellations counted by reason",
    params: z.strictObject({ storeId: IdSchema }),
    query: planQuery,
    response: { status: 200, description: "The days' plan", schema: PlanSchema },
    run: async ({ query }, { deps, store }) => {
      const now = deps.service.time().getTime();
      const from = query.from ?? localDate(now, store.timezone);
      const dates = new Set(datesFrom(from, query.days));
      const state = await deps.service.state(store.id);
      const inDays = [...state.appointments.values()].filter((a) => dates.has(localDate(a.at, store.timezone)));
      const appointments = inDays
        .filter((a) => a.status !== 'cancelled')
        .map((a) => {
          const span = spanOf(store, a);
          return { ...a, startsAt: new Date(span.start).toISOString(), endsAt: new Date(span.end).toISOString() };
        })
        .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
      const counts = new Map<string, number>();
      for (const a of inDays.filter((x) => x.status === 'cancelled')) {
        const key = a.cancelReasonCode ?? a.cancelReason ?? '';
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const configured = store.plan.cancelReasons.map((r) => ({ code: r.code, label: r.label, count: counts.get(r.code) ?? 0 }));
      const recorded = [...counts]
        .filter(([key]) => !store.plan.cancelReasons.some((r) => r.code === key))
        .map(([key, count]) => ({ code: '', label: { 'zh-CN': key || '未说明', en: key || 'No reason given' }, count }));
      return data({
        from,
        days: query.days,
        timezone: store.timezone,
        openingHours: store.openingHours,
        slotMinutes: store.plan.slotMinutes,
        bays: store.bays,
        catalogue: store.catalogue,
        cancelReasons: store.plan.cancelReasons,
        capacity: capacityByDay(state, store, from, query.days, now),
        appointments,
        cancellations: [...configured, ...recorded],
      });
    },
  }),
];
