import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import { IdSchema, LocaleSchema, type Locale } from '../../shared/domain/ids';
import { PhoneSchema, SalutationSchema } from '../../shared/domain/people';
import { advisorTitle, type MaskedName } from '../../shared/domain/mask';
import { formatPlate, plateSchema } from '../../shared/domain/plate';
import { VehicleSchema, type ContactConsent } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import { publicHeader } from '../../shared/projections/project';
import { IdempotencyKeySchema } from '../../shared/workflow/events';
import { walkInPhone } from '../../shared/kiosk/walk-in-phone';
import type { AppDeps } from '../deps';
import { newId } from '../ids';
import { checkInDone } from '../kiosk/answers';
import { bookingById, bookingId, bookingOf, bookingState, findBooking, plateIsExpected, summaryOf, type Booking } from '../kiosk/bookings';
import { callerOf, limitedLookup, reserveLookup, tooManyLookups } from '../kiosk/kiosk-limits';
import { checkInBooking, checkInWalkIn, earlierCheckIn, type KioskWrite } from '../kiosk/check-in';
import { issueTicket, readAppointmentCode, readTicket } from '../kiosk/tickets';
import { limiterOf } from '../kiosk/rate-limit';
import { fieldProblems, fromWorkflow, HttpError, invalidInput } from './errors';
import { data, defineRoute, type AnyRoute } from './route';
import { serviceCode } from './schemas';
import { findDeliveredForSurvey, submitSurvey } from './tracking';
import { kioskActor } from '../actors';

/**
 * The self-service kiosk's API (/kiosk). Public — a kiosk is a touch screen anyone may use — so
 * every lookup needs both facts (plate + last four phone digits, or a signed appointment code),
 * answers the same "not found" whichever fact was wrong, and only wrong ones are counted — per
 * paired kiosk and plate, or for callers without a kiosk key per address and per plate
 * (server/kiosk/kiosk-limits.ts). Writes are committed as the kiosk
 * (actor `kiosk`, source `kiosk`) through the same service as every other write.
 *
 * The staff side (appointment QR codes, acknowledging a call) is at the end of the file.
 */
const tag = 'Kiosk';
const BASE = '/api/kiosk/:storeId';
const storeParams = z.strictObject({ storeId: IdSchema });
const kioskId = IdSchema;
const last4 = z.string().regex(/^[0-9]{4}$/, 'give the last four digits of the phone number');
const ticket = z.string().min(10).max(1024);
const consent = z.literal(true, { error: 'the customer must agree before checking in' });
/**
 * The kiosk's one agreement (shared/i18n/kiosk.ts `confirm.consent`) names the text messages of
 * the visit, so ticking it is recorded as consent to them, in the language the kiosk was used in.
 */
const kioskConsent = (locale: Locale): ContactConsent => ({ sms: true, locale, via: 'kiosk' });

const findBody = (store: Store) => z.strictObject({ kioskId, plate: plateSchema(store.country), phoneLast4: last4 });

const walkInBody = (store: Store) =>
  z
    .strictObject({
      kioskId,
      plate: plateSchema(store.country),
      /** Mainland: an 11-digit mobile; any other number as 00 + country code (shared/kiosk/walk-in-phone.ts). */
      phone: z
        .string()
        .max(24)
        .transform((typed, ctx) => {
          const checked = walkInPhone(typed, store.country);
          if (checked.ok) return checked.phone;
          ctx.addIssue({
            code: 'custom',
            message:
              checked.problem === 'mainland'
                ? 'a mainland China mobile number has 11 digits and starts with 1'
                : 'type a number outside mainland China as 00, the country code and the number',
          });
          return z.NEVER;
        })
        .pipe(PhoneSchema),
      /** A make from the kiosk's list (shared/domain/vehicle-makes.ts), or left out: the advisor fills it in. */
      make: VehicleSchema.shape.make.optional(),
      /** How to address them (surname), optional. */
      surname: z.string().trim().max(20).optional(),
      salutation: SalutationSchema.default('none'),
      services: z.array(serviceCode(store)).max(10).default([]),
      mileageKm: VehicleSchema.shape.mileageKm,
      description: z.string().trim().max(200).optional(),
      consent,
      locale: LocaleSchema.default(store.locale),
    })
    .refine((b) => b.services.length > 0 || !!b.description, { path: ['services'], message: 'choose at least one service or describe the problem' });

/** A masked name in both page languages (shared/domain/mask.ts). */
const maskedNameSchema = z.object({ 'zh-CN': z.string(), en: z.string() });
const summarySchema = z.object({
  at: z.string().optional(),
  plate: z.string(),
  customer: maskedNameSchema,
  phone: z.string(),
  services: z.array(z.object({ code: z.string(), title: z.record(z.string(), z.string()), standardHours: z.number().optional() })),
  advisor: z.object({ name: z.string(), desk: z.string().optional() }).optional(),
});
const foundResponse = z.object({ data: z.object({ ticket: z.string(), booking: summarySchema }) });
const doneResponse = z.object({
  data: z.object({
    queueNumber: z.string(),
    roNumber: z.string(),
    plate: z.string(),
    customer: maskedNameSchema,
    phone: z.string(),
    services: summarySchema.shape.services,
    checkedInAt: z.string(),
    estimate: z.object({ waitMinutes: z.number(), carsAhead: z.number(), readyAt: z.string() }),
    trackingUrl: z.string(),
    trackingQr: z.string(),
    duplicate: z.boolean(),
  }),
});

/** Who answered which call, once looked up in the log: a kiosk asks every few seconds. */
const answered = new Map<string, { by?: MaskedName }>();
/** How far past the call a lookup reads: a call unanswered after this many events is left "unknown". */
const ANSWER_WINDOW = 5000;

/**
 * Who answered a call that left the state: the `callAcknowledged` fact after `since`, and the
 * person it names (only their surname and title leave for the kiosk). A screen or integration
 * that answered is "an advisor", with no name.
 */
async function callAnswer(deps: AppDeps, storeId: string, callId: string, since: number): Promise<{ by?: MaskedName } | undefined> {
  const key = `${storeId}|${callId}`;
  const known = answered.get(key);
  if (known) return known;
  const events = await deps.service.events.read(storeId, since, ANSWER_WINDOW);
  const ack = events.find((e) => e.type === 'callAcknowledged' && e.data.callId === callId);
  if (!ack) return undefined;
  const by = ack.actor.kind === 'staff' ? advisorTitle(ack.actor.name) : undefined;
  const answer = by ? { by } : {};
  answered.set(key, answer);
  if (answered.size > 500) answered.delete(answered.keys().next().value!);
  return answer;
}

/** Calls one paired kiosk may raise per window: enough for every real need. */
const CALLS_PER_KIOSK = { max: 10, windowSeconds: 600 };
/**
 * Callers without a kiosk key share: one new call per store in this window, and none while this
 * many calls are open, so no script can cover the dispatch board with banners.
 */
const ANONYMOUS_CALLS = { max: 1, windowSeconds: 120 };
const MAX_OPEN_FOR_ANONYMOUS = 3;

const callerFor = (deps: AppDeps, req: Request, store: Store, kioskId: string) => callerOf(deps.auth.signingKey, req, store, kioskId);

const noMatch = () => new HttpError(404, 'no_match', 'No appointment matches this plate and phone number. Check both, or choose "No appointment".');

/**
 * The kiosk's idempotency key, in a namespace of its own: a retry finds only what a kiosk
 * committed, never an order someone else created under a key that is easy to guess.
 */
const idempotencyKey = (req: Request): string => {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return `kiosk:${randomUUID()}`;
  const parsed = IdempotencyKeySchema.safeParse(`kiosk:${Array.isArray(raw) ? raw[0] : raw}`);
  if (!parsed.success) throw invalidInput(fieldProblems('headers.idempotency-key', parsed.error));
  return parsed.data;
};

const alreadyIn = (queueNumber: string | undefined) =>
  new HttpError(409, 'already_checked_in', 'This car is already checked in. Your advisor has it; ask at the desk if you lost your ticket.', {
    queueNumber: queueNumber ?? null,
  });

/** A booking the kiosk may check in, or the refusal that tells the customer what to do instead. */
async function openBooking(deps: AppDeps, store: Store, booking: Booking): Promise<Booking> {
  const state = await deps.service.state(store.id);
  const status = bookingState(state, booking);
  if (status === 'closed') throw new HttpError(409, 'booking_closed', 'This booking was cancelled or has ended. An advisor will gladly help you.');
  if (status !== 'open') throw alreadyIn(status.alreadyIn.queueNumber);
  return booking;
}

const found = (deps: AppDeps, store: Store, booking: Booking) =>
  data({ ticket: issueTicket(deps.auth.signingKey, 'check-in', { storeId: store.id, id: bookingId(booking) }), booking: summaryOf(store, booking) });

export const kioskRoutes: AnyRoute[] = [
  defineRoute({
    name: 'kioskSetup',
    method: 'get',
    path: `${BASE}/setup`,
    access: 'public',
    tag,
    summary: 'What a kiosk shows before anyone touches it: store name and language, the service catalogue, the idle timeout',
    params: storeParams,
    response: { status: 200, description: 'The kiosk setup' },
    run: async (_input, { store }) =>
      data({
        store: publicHeader(store),
        catalogue: store.catalogue.map((c) => ({ code: c.code, title: c.title, standardHours: c.standardHours })),
        idleSeconds: store.kiosk.idleSeconds,
      }),
  }),
  defineRoute({
    name: 'kioskFindAppointment',
    method: 'post',
    path: `${BASE}/appointments/find`,
    access: 'public',
    tag,
    summary: "Find today's appointment by plate and the last four phone digits (both must match; rate-limited)",
    params: storeParams,
    body: findBody,
    response: { status: 200, description: 'The booking (contact details masked) and a ten-minute check-in ticket', schema: foundResponse },
    run: async ({ body }, { deps, req, res, store }) =>
      limitedLookup(limiterOf(deps), store, callerFor(deps, req, store, body.kioskId), body.plate, res, async () => {
        const state = await deps.service.state(store.id);
        const lookup = findBooking(state, store, body.plate, body.phoneLast4, new Date());
        if ('found' in lookup) return found(deps, store, lookup.found);
        if ('alreadyIn' in lookup) throw alreadyIn(lookup.alreadyIn.queueNumber);
        if ('notToday' in lookup)
          throw new HttpError(409, 'not_today', 'Your appointment is on another day. An advisor can still help you today.', { at: lookup.notToday });
        throw noMatch();
      }),
  }),
  defineRoute({
    name: 'kioskScanAppointment',
    method: 'post',
    path: `${BASE}/appointments/scan`,
    access: 'public',
    tag,
    summary:
      'Find an appointment by the QR code of its booking message (camera or keyboard-wedge scanner). A valid code is never rate-limited; codes this server did not sign count as failed lookups',
    params: storeParams,
    body: z.strictObject({ kioskId, code: z.string().min(8).max(600) }),
    response: { status: 200, description: 'The booking (contact details masked) and a ten-minute check-in ticket', schema: foundResponse },
    run: async ({ body }, { deps, req, res, store }) => {
      const code = readAppointmentCode(deps.auth.signingKey, body.code);
      if (code?.storeId !== store.id) {
        // A signed code cannot be guessed, so only codes that fail the signature are counted.
        const counted = await reserveLookup(limiterOf(deps), store, callerFor(deps, req, store, body.kioskId));
        if (!counted.ok) throw tooManyLookups(counted.retryAfterMs, res);
      }
      const appointment = code?.storeId === store.id ? (await deps.service.state(store.id)).appointments.get(code.appointmentId) : undefined;
      if (!appointment) throw new HttpError(404, 'unknown_code', 'This code is not an appointment of this store. Try the plate and phone number instead.');
      const booking = await openBooking(deps, store, bookingOf(await deps.service.state(store.id), appointment));
      return found(deps, store, booking);
    },
  }),
  defineRoute({
    name: 'kioskCheckIn',
    method: 'post',
    path: `${BASE}/check-in`,
    access: 'public',
    tag,
    summary: 'Check in the booking a ticket names; answers the queue number, wait estimate and tracking link',
    params: storeParams,
    body: z.strictObject({ kioskId, ticket, consent, locale: LocaleSchema.optional() }),
    response: { status: 201, description: 'The car is checked in', schema: doneResponse },
    run: async ({ body }, { deps, req, store }) => {
      const w: KioskWrite = {
        service: deps.service,
        store,
        as: kioskActor(callerFor(deps, req, store, body.kioskId)),
        key: idempotencyKey(req),
        contactConsent: kioskConsent(body.locale ?? store.locale),
      };
      const earlier = await earlierCheckIn(w);
      if (earlier) return data({ ...(await checkInDone(req, deps.service, store, earlier)), duplicate: true }, 201);
      const claims = readTicket(deps.auth.signingKey, 'check-in', body.ticket);
      const booking = claims?.storeId === store.id ? bookingById(await deps.service.state(store.id), claims.id) : undefined;
      if (!booking) throw new HttpError(410, 'ticket_expired', 'This check-in took too long. Please start again.');
      const { ro, duplicate } = await checkInBooking(w, await openBooking(deps, store, booking));
      return data({ ...(await checkInDone(req, deps.service, store, ro)), duplicate }, 201);
    },
  }),
  defineRoute({
    name: 'kioskWalkIn',
    method: 'post',
    path: `${BASE}/walk-in`,
    access: 'public',
    tag,
    summary:
      'Check in a customer without an appointment. Never rate-limited; a plate the store expects with other phone digits counts as a failed lookup, and once the caller has used up its lookups the booking check is skipped',
    params: storeParams,
    body: walkInBody,
    response: { status: 201, description: 'The car is checked in', schema: doneResponse },
    run: async ({ body }, { deps, req, store }) => {
      const w: KioskWrite = {
        service: deps.service,
        store,
        as: kioskActor(callerFor(deps, req, store, body.kioskId)),
        key: idempotencyKey(req),
        contactConsent: kioskConsent(body.locale),
      };
      const earlier = await earlierCheckIn(w);
      if (earlier) return data({ ...(await checkInDone(req, deps.service, store, earlier)), duplicate: true }, 201);
      // Both facts are the customer's own here too; only when both match do we say more, and only
      // while the caller has lookups left: past that a walk-in is checked in without the check,
      // so a walk-in is never refused and never answers a guess.
      const reserved = await reserveLookup(limiterOf(deps), store, callerFor(deps, req, store, body.kioskId), body.plate);
      if (reserved.ok) {
        const state = await deps.service.state(store.id);
        const lookup = findBooking(state, store, body.plate, body.phone.slice(-4), new Date());
        if (!('none' in lookup) || !plateIsExpected(state, body.plate)) await reserved.giveBack();
        if ('alreadyIn' in lookup) throw alreadyIn(lookup.alreadyIn.queueNumber);
        if ('found' in lookup) {
          throw new HttpError(409, 'has_appointment', 'You have an appointment today: check in with it instead.', {
            ticket: issueTicket(deps.auth.signingKey, 'check-in', { storeId: store.id, id: bookingId(lookup.found) }),
            booking: summaryOf(store, lookup.found),
          });
        }
      }
      const name = body.surname || (body.locale === 'en' ? 'Walk-in customer' : '到店客户');
      const { ro, duplicate } = await checkInWalkIn(w, {
        plate: body.plate,
        phone: body.phone,
        name,
        salutation: body.salutation,
        make: body.make,
        services: body.services,
        mileageKm: body.mileageKm,
        description: body.description,
      });
      return data({ ...(await checkInDone(req, deps.service, store, ro)), duplicate }, 201);
    },
  }),
  defineRoute({
    name: 'kioskCallAdvisor',
    method: 'post',
    path: `${BASE}/call-advisor`,
    access: 'public',
    tag,
    summary: 'Ask for an advisor to come to this kiosk; the dispatch board shows it until acknowledged',
    params: storeParams,
    body: z.strictObject({ kioskId, locale: LocaleSchema.optional() }),
    response: { status: 201, description: 'The open call (200 when this kiosk had already called)' },
    run: async ({ body }, { deps, req, res, store }) => {
      // One open call per kiosk: a paired kiosk is its key's kiosk; callers without a key name
      // themselves, so together they get one new call at a time (see ANONYMOUS_CALLS).
      const who = callerFor(deps, req, store, body.kioskId);
      const state = await deps.service.state(store.id);
      const calls = [...state.calls.values()];
      const open = calls.find((c) => c.kioskId === who.kioskId);
      // `since`: the seq before which nobody can have answered; the kiosk asks after it (kioskCallStatus).
      if (open) return data({ call: open, repeated: true, since: state.seq });
      const calledAlready = (retryAfterMs: number) => {
        res.set('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
        return new HttpError(429, 'rate_limited', 'An advisor has been called already and will be with you shortly.', {
          retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
        });
      };
      if (!who.paired && calls.length >= MAX_OPEN_FOR_ANONYMOUS) throw calledAlready(ANONYMOUS_CALLS.windowSeconds * 1000);
      const allowed = who.paired
        ? await limiterOf(deps).take('call', `${store.id}|${who.kioskId}`, CALLS_PER_KIOSK)
        : await limiterOf(deps).take('call-anon', store.id, ANONYMOUS_CALLS);
      if (!allowed.ok) throw calledAlready(allowed.retryAfterMs);
      const callId = newId('call');
      const result = await deps.service.commit({
        storeId: store.id,
        command: { type: 'callAdvisor', callId, kioskId: who.kioskId, ...(body.locale ? { locale: body.locale } : {}) },
        ...kioskActor(who),
        source: 'kiosk',
        key: idempotencyKey(req),
      });
      if (!result.ok) throw fromWorkflow(result.error);
      const id = result.event.type === 'advisorCalled' ? result.event.data.call.id : callId;
      return data(
        { call: (await deps.service.state(store.id)).calls.get(id) ?? null, repeated: result.duplicate, since: result.event.seq },
        result.duplicate ? 200 : 201,
      );
    },
  }),
  defineRoute({
    name: 'kioskCallStatus',
    method: 'get',
    path: `${BASE}/calls/:callId`,
    access: 'public',
    tag,
    summary: "Whether someone answered this kiosk's call, and who (surname and title only: 王顾问 / Advisor Wang), so the kiosk can tell the customer",
    params: z.strictObject({ storeId: IdSchema, callId: IdSchema }),
    query: z.strictObject({ since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
    response: {
      status: 200,
      description: "'open' (nobody yet), 'answered' (with the answerer's title when a person answered), or 'unknown'",
      schema: z.object({
        data: z.object({ state: z.enum(['open', 'answered', 'unknown']), by: z.object({ 'zh-CN': z.string(), en: z.string() }).optional() }),
      }),
    },
    run: async ({ params, query }, { deps, store }) => {
      if ((await deps.service.state(store.id)).calls.has(params.callId)) return data({ state: 'open' });
      const answer = await callAnswer(deps, store.id, params.callId, query.since);
      return data(answer ? { state: 'answered', ...(answer.by ? { by: answer.by } : {}) } : { state: 'unknown' });
    },
  }),
  defineRoute({
    name: 'kioskFindSurvey',
    method: 'post',
    path: `${BASE}/survey/find`,
    access: 'public',
    tag,
    summary: 'Find the survey of a delivered car by plate and the last four phone digits (rate-limited)',
    params: storeParams,
    body: findBody,
    response: { status: 200, description: 'A ten-minute survey ticket and which visit it is about' },
    run: async ({ body }, { deps, req, res, store }) =>
      limitedLookup(limiterOf(deps), store, callerFor(deps, req, store, body.kioskId), body.plate, res, async () => {
        const ro = await findDeliveredForSurvey(deps, store, body.plate, body.phoneLast4);
        return data({
          ticket: issueTicket(deps.auth.signingKey, 'survey', { storeId: store.id, id: ro.id }),
          visit: { plate: formatPlate(ro.vehicle.plate, store.country), deliveredAt: ro.deliveredAt ?? ro.stageSince, roNumber: ro.number },
        });
      }),
  }),
  defineRoute({
    name: 'kioskSubmitSurvey',
    method: 'post',
    path: `${BASE}/survey`,
    access: 'public',
    tag,
    summary: 'Answer the survey of the visit a survey ticket names (one answer per repair order)',
    params: storeParams,
    body: z.strictObject({ kioskId, ticket, score: z.number().int().min(1).max(5), comment: z.string().trim().max(500).optional() }),
    response: { status: 201, description: 'Stored' },
    run: async ({ body }, { deps, store }) => {
      const claims = readTicket(deps.auth.signingKey, 'survey', body.ticket);
      if (!claims || claims.storeId !== store.id) throw new HttpError(410, 'ticket_expired', 'This took too long. Please start again.');
      return submitSurvey(deps, store.id, claims.id, body, { source: 'kiosk', device: body.kioskId });
    },
  }),
];
