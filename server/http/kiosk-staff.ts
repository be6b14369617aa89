import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';
import type { Actor } from '../../shared/workflow/events';
import { mayAnswerCall } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { READS, rolesFor } from '../../shared/workflow/permissions';
import { qrDataUrl } from '../kiosk/answers';
import { kioskKey } from '../kiosk/kiosk-limits';
import { appointmentCode } from '../kiosk/tickets';
import { fromWorkflow, HttpError } from './errors';
import { data, defineRoute, type AnyRoute } from './route';
import { actorOfPrincipal, deviceOfPrincipal } from '../actors';

/**
 * The staff side of the kiosk: a kiosk's key (pairing it), the QR code a booking message
 * carries, and answering a customer's "Call an advisor".
 */
const tag = 'Kiosk';

/** The kiosk page of a paired kiosk. */
export const kioskPath = (storeId: string, kioskId: string, key: string) =>
  `/kiosk?store=${encodeURIComponent(storeId)}&kiosk=${encodeURIComponent(kioskId)}&key=${encodeURIComponent(key)}`;

/** Who may answer a call: the front desk, an integration, or the dispatch board's own screen (named by its paired name). */
const callAnswerer = (p: Principal, displayName?: string): Actor => {
  const roles = rolesFor('acknowledgeCall');
  if (!mayAnswerCall(p, roles))
    throw new HttpError(
      403,
      'forbidden',
      p.kind === 'display' ? 'Only the dispatch board can answer a kiosk call' : `This needs one of the roles: ${roles.join(', ')}`,
    );
  return actorOfPrincipal(p, displayName);
};

export const kioskStaffRoutes: AnyRoute[] = [
  defineRoute({
    name: 'kioskKey',
    method: 'post',
    path: '/api/stores/:storeId/kiosks/:kioskId/key',
    access: READS.admin,
    tag,
    summary:
      'Pair a kiosk: the key it sends as X-Kiosk-Key (the kiosk page does, opened at the returned path). A paired kiosk has its own lookup counts and its own advisor call',
    params: z.strictObject({ storeId: IdSchema, kioskId: IdSchema }),
    body: z.strictObject({}).optional(),
    response: {
      status: 201,
      description: 'The key and the kiosk page to open with it',
      schema: z.object({ data: z.object({ kioskId: z.string(), key: z.string(), path: z.string() }) }),
    },
    run: async ({ params }, { deps, store }) => {
      const key = kioskKey(deps.auth.signingKey, store.id, params.kioskId);
      return data({ kioskId: params.kioskId, key, path: kioskPath(store.id, params.kioskId, key) }, 201);
    },
  }),
  defineRoute({
    name: 'appointmentKioskCode',
    method: 'get',
    path: '/api/stores/:storeId/appointments/:appointmentId/kiosk-code',
    access: READS.staffData,
    tag,
    summary: "The code (and its QR) for the appointment's booking message: the customer scans it at the kiosk to check in",
    params: z.strictObject({ storeId: IdSchema, appointmentId: IdSchema }),
    response: {
      status: 200,
      description: 'The code text and a QR image of it (SVG data URL)',
      schema: z.object({ data: z.object({ code: z.string(), qr: z.string() }) }),
    },
    run: async ({ params }, { deps, store }) => {
      if (!(await deps.service.state(store.id)).appointments.has(params.appointmentId))
        throw new HttpError(404, 'not_found', `There is no appointment "${params.appointmentId}"`, { appointmentId: params.appointmentId });
      const code = appointmentCode(deps.auth.signingKey, store.id, params.appointmentId);
      return data({ code, qr: await qrDataUrl(code) });
    },
  }),
  defineRoute({
    name: 'acknowledgeAdvisorCall',
    method: 'post',
    path: '/api/stores/:storeId/advisor-calls/:callId/acknowledge',
    access: 'signed-in',
    tag,
    summary: 'Someone is on the way to the kiosk: removes the call from the dispatch board',
    params: z.strictObject({ storeId: IdSchema, callId: IdSchema }),
    body: z.strictObject({}),
    response: { status: 200, description: 'Acknowledged' },
    run: async ({ params }, { deps, req, principal, store }) => {
      const actor = callAnswerer(principal, deps.service.cachedState(store.id)?.displays.get(principal.id)?.name);
      const raw = req.headers['idempotency-key'];
      const key = `ack:${params.callId}:${typeof raw === 'string' && /^[A-Za-z0-9_.:-]{8,60}$/.test(raw) ? raw : randomUUID()}`;
      const result = await deps.service.commit({
        storeId: store.id,
        command: { type: 'acknowledgeCall', callId: params.callId },
        actor,
        source: 'dispatch',
        key,
        device: deviceOfPrincipal(principal),
      });
      if (!result.ok) throw fromWorkflow(result.error);
      return data({ callId: params.callId, acknowledged: true });
    },
  }),
];
