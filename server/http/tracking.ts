import { z } from 'zod';
import type { RepairOrder } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import type { Source } from '../../shared/workflow/events';
import type { AppDeps } from '../deps';
import { phoneEndsWith } from '../kiosk/bookings';
import { HttpError } from './errors';
import { data, defineRoute, type AnyRoute, type Reply } from './route';
import { customerActor, TRACKING_PAGE_DEVICE } from '../actors';

/**
 * The customer's side of a repair order, reached with its tracking token (/t/<token>): the live
 * page itself joins the `tracking` audience over socket.io; this is the one write it makes, the
 * satisfaction survey. The kiosk's survey (by plate + phone digits) ends in the same function.
 */
const tag = 'Tracking';

const SurveyBody = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).optional(),
});
export type SurveyInput = z.infer<typeof SurveyBody>;

/** Any string: a malformed token is simply an unknown one, answered like every other. */
const tokenParams = z.strictObject({ token: z.string().max(200) });

/** The repair order of a tracking token that still works, or the refusal that says why not. */
export async function trackedOrder(deps: AppDeps, token: string): Promise<{ storeId: string; roId: string }> {
  const hit = /^[A-Za-z0-9_-]{16,64}$/.test(token) ? await deps.service.findByTrackingToken(token) : undefined;
  if (!hit) throw new HttpError(404, 'unknown_token', 'This link is not valid. Please check it, or ask at the service desk.');
  if (hit.expired) throw new HttpError(410, 'expired_token', 'This link has expired. Thank you for visiting us.');
  return hit;
}

const DAY_MS = 86_400_000;

/** The most recent delivered visit of this plate and phone that can still be rated. */
export async function findDeliveredForSurvey(deps: AppDeps, store: Store, plate: string, last4: string): Promise<RepairOrder> {
  const now = Date.now();
  const visits = [...(await deps.service.state(store.id)).ros.values()]
    .filter(
      (ro) =>
        ro.stage === 'delivered' &&
        ro.vehicle.plate === plate &&
        phoneEndsWith(ro.customer.phone, last4) &&
        now - Date.parse(ro.deliveredAt ?? ro.stageSince) <= store.trackingExpiryDays * DAY_MS,
    )
    .sort((a, b) => (b.deliveredAt ?? b.stageSince).localeCompare(a.deliveredAt ?? a.stageSince));
  const visit = visits[0];
  if (!visit) throw new HttpError(404, 'no_match', 'We found no finished visit in the last days for this plate and phone number.');
  if (visit.survey) throw alreadyAnswered();
  return visit;
}

const alreadyAnswered = () => new HttpError(409, 'already_answered', 'Thank you — we already have your answer for this visit.');

/**
 * Store one survey answer as a `submitSurvey` event. Its idempotency key is the order's own, so
 * a second answer — from the phone, the kiosk or another process — is the same write: the exact
 * same answer again is a harmless retry, anything else is politely refused.
 */
export async function submitSurvey(deps: AppDeps, storeId: string, roId: string, input: SurveyInput, via: { source: Source; device?: string }): Promise<Reply> {
  const command = { type: 'submitSurvey' as const, roId, score: input.score, ...(input.comment ? { comment: input.comment } : {}) };
  const result = await deps.service.commit({
    storeId,
    command,
    actor: customerActor(roId),
    source: via.source,
    key: `survey:${roId}`,
    device: via.device,
  });
  if (!result.ok) {
    if (result.error.code === 'conflict') throw alreadyAnswered();
    if (result.error.code === 'illegal_transition') throw new HttpError(409, 'survey_not_open', 'The survey opens once you have collected your car.');
    throw new HttpError(404, 'not_found', result.error.message);
  }
  const first = result.event;
  if (
    result.duplicate &&
    (first.type !== 'surveySubmitted' ||
      first.data.roId !== command.roId ||
      first.data.score !== command.score ||
      (first.data.comment ?? '') !== (command.comment ?? ''))
  )
    throw alreadyAnswered();
  return data({ score: input.score, thanks: true }, result.duplicate ? 200 : 201);
}

export const trackingRoutes: AnyRoute[] = [
  defineRoute({
    name: 'trackingSurvey',
    method: 'post',
    path: '/api/track/:token/survey',
    access: 'public',
    tag,
    summary: 'Answer the 1–5 satisfaction survey of a delivered car, once per repair order',
    params: tokenParams,
    body: SurveyBody,
    response: { status: 201, description: 'Stored (200 when the same answer was already stored)' },
    run: async ({ params, body }, { deps }) => {
      const { storeId, roId } = await trackedOrder(deps, params.token);
      return submitSurvey(deps, storeId, roId, body, { source: 'api', device: TRACKING_PAGE_DEVICE });
    },
  }),
];
