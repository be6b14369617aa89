import type { Response } from 'express';
import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';
import { READS, rolesFor } from '../../shared/workflow/permissions';
import { hasRole } from '../auth/policy';
import { actorOfPerson, actorOfPrincipal, customerActor, TRACKING_PAGE_DEVICE } from '../actors';
import { commitProposal, photoStoreOf, ProposalFieldsSchema, readProposal } from '../add-ons/propose';
import { MAX_PHOTO_BYTES, PHOTO_TYPES } from '../add-ons/photos';
import { MAX_ADD_ON_PHOTOS } from '../../shared/domain/add-on';
import type { AppDeps } from '../deps';
import { scanServiceOf } from '../scan/scan-service';
import { fromWorkflow, HttpError } from './errors';
import { data, defineRoute } from './route';
import { trackedOrder } from './tracking';

/**
 * Add-on work (增项): proposed with photos from the scan page or the desk, decided on the
 * customer's tracking page or recorded by an advisor after a call. Photos are served only to
 * staff sessions and to the one tracking link of their order, never cached.
 */
const tag = 'Add-on work';
const BASE = '/api/stores/:storeId/repair-orders/:roId';
const roParams = z.strictObject({ storeId: IdSchema, roId: IdSchema });

const ProposedSchema = z.object({ data: z.object({ addOnId: z.string(), photoIds: z.array(z.string()), seq: z.number().int(), duplicate: z.boolean() }) });
const DecidedSchema = z.object({
  data: z.object({ addOnId: z.string(), status: z.enum(['approved', 'declined']), seq: z.number().int(), duplicate: z.boolean() }),
});

async function sendPhoto(deps: AppDeps, res: Response, storeId: string, roId: string, photoId: string): Promise<void> {
  const ro = (await deps.service.state(storeId)).ros.get(roId);
  const named = ro?.addOns?.some((a) => a.photoIds.includes(photoId));
  const bytes = named ? await photoStoreOf(deps).get(storeId, roId, photoId) : undefined;
  if (!bytes) throw new HttpError(404, 'not_found', `There is no photo "${photoId}" on this repair order`);
  // A photo of a customer's car is theirs and the store's: kept by no cache, shared by no referrer.
  res.set({ 'Content-Type': 'image/jpeg', 'Cache-Control': 'no-store, private', 'Referrer-Policy': 'no-referrer', 'Content-Disposition': 'inline' });
  res.status(200).end(bytes);
}

const files = { name: 'photos', maxItems: MAX_ADD_ON_PHOTOS, types: PHOTO_TYPES, maxBytes: MAX_PHOTO_BYTES };
const deskForm = { fields: ProposalFieldsSchema.omit({ code: true }), files };
const scanForm = { fields: ProposalFieldsSchema.required({ code: true }), files };

const DecisionBody = z.strictObject({ decision: z.enum(['approve', 'decline']) });
const StaffDecisionBody = z.strictObject({ decision: z.enum(['approve', 'decline']), channel: z.enum(['phone-call', 'desk']) });

export const addOnRoutes = [
  defineRoute({
    name: 'proposeAddOn',
    method: 'post',
    path: `${BASE}/add-ons`,
    access: rolesFor('proposeAddOn'),
    tag,
    summary:
      'Propose add-on work at the desk: multipart/form-data with title, price (yuan), hours and 0–3 `photos` (JPEG, PNG, WebP or AVIF, 8 MB each; re-encoded, longest side 1600 px, all metadata removed). 415/413/422/400 name the photo or field at fault, and nothing is stored',
    params: roParams,
    multipart: deskForm,
    response: { status: 201, description: 'Proposed; the customer sees it on the tracking page', schema: ProposedSchema },
    run: async ({ params }, { deps, req, principal, store }) => {
      if (principal.kind === 'display') throw new HttpError(403, 'forbidden', 'A display cannot propose work');
      const input = await readProposal(req);
      const result = await commitProposal(deps, req, store.id, params.roId, input, {
        actor: actorOfPrincipal(principal),
        personId: principal.id,
        source: 'dispatch',
      });
      return data(result, result.duplicate ? 200 : 201);
    },
  }),
  defineRoute({
    name: 'proposeAddOnFromScan',
    method: 'post',
    path: '/api/scan/add-ons',
    access: 'public',
    tag,
    summary:
      'Propose add-on work from the scan page as the signed-in person: multipart/form-data with `code` (the scanned job card), title, price, hours and 0–3 `photos` (as proposeAddOn). `Idempotency-Key` makes a retry safe',
    multipart: scanForm,
    response: { status: 201, description: 'Proposed', schema: ProposedSchema },
    run: async (_input, { deps, req, res }) => {
      res.set('Cache-Control', 'no-store');
      const scan = scanServiceOf(deps);
      const session = await scan.session(req.headers);
      if (!session) throw new HttpError(401, 'sign_in_required', 'Sign in first: scan your badge or use your PIN');
      if (!session.person.roles.some((r) => (rolesFor('proposeAddOn') as string[]).includes(r) || r === 'admin'))
        throw new HttpError(403, 'forbidden', `${session.person.name} (${session.person.roles.join(', ')}) may not propose add-on work`);
      const input = await readProposal(req);
      if (!input.fields.code) throw new HttpError(400, 'invalid_input', 'code: scan the job card first', [{ path: 'body.code', message: 'required' }]);
      const { code, state } = await scan.check(input.fields.code, session.store.id);
      if (code.kind !== 'operation' && code.kind !== 'ro')
        throw new HttpError(400, 'invalid_input', 'code: scan the job card of the repair order', [{ path: 'body.code', message: 'not a job card' }]);
      const op = code.kind === 'operation' ? state.ros.get(code.roId)?.operations.find((o) => o.id === code.operationId) : undefined;
      const isTech = session.person.roles.includes('technician');
      const result = await commitProposal(deps, req, session.store.id, code.roId, input, {
        actor: actorOfPerson(session.person),
        personId: session.person.id,
        source: 'scan',
        device: session.device.deviceId,
        bayId: op?.bayId,
        technicianId: isTech ? session.person.id : op?.technicianId,
      });
      return data(result, result.duplicate ? 200 : 201);
    },
  }),
  defineRoute({
    name: 'getAddOnPhotoForStaff',
    method: 'get',
    path: `${BASE}/add-on-photos/:photoId`,
    access: READS.staffData,
    tag,
    summary: 'One add-on photo (JPEG, no metadata) for a signed-in member of staff; never cached',
    params: z.strictObject({ storeId: IdSchema, roId: IdSchema, photoId: IdSchema }),
    response: { status: 200, description: 'The photo', contentType: 'image/jpeg' },
    run: async ({ params }, { deps, res, principal, store }) => {
      if (!hasRole(principal, READS.staffData)) throw new HttpError(403, 'forbidden', 'Photos are for staff');
      await sendPhoto(deps, res, store.id, params.roId, params.photoId);
    },
  }),
  defineRoute({
    name: 'recordAddOnDecision',
    method: 'post',
    path: `${BASE}/add-ons/:addOnId/decision`,
    access: rolesFor('approveAddOn'),
    tag,
    summary: "Record the customer's decision on add-on work taken by an advisor by phone (`phone-call`) or at the desk (`desk`)",
    params: z.strictObject({ storeId: IdSchema, roId: IdSchema, addOnId: IdSchema }),
    body: StaffDecisionBody,
    response: { status: 200, description: 'Recorded; approved work is an operation of the order now', schema: DecidedSchema },
    run: async ({ params, body }, { deps, principal, store }) => {
      if (principal.kind === 'display') throw new HttpError(403, 'forbidden', 'A display cannot record a decision');
      const result = await deps.service.commit({
        storeId: store.id,
        actor: actorOfPrincipal(principal),
        source: 'dispatch',
        key: `addon-decision:${params.roId}:${params.addOnId}`,
        command: {
          type: body.decision === 'approve' ? 'approveAddOn' : 'declineAddOn',
          roId: params.roId,
          addOnId: params.addOnId,
          by: 'advisor',
          channel: body.channel,
          personId: principal.id,
        },
      });
      return decided(result, body.decision);
    },
  }),
  defineRoute({
    name: 'trackingAddOnPhoto',
    method: 'get',
    path: '/api/track/:token/photos/:photoId',
    access: 'public',
    tag,
    summary: "One photo of add-on work proposed on this tracking link's own order; never cached",
    params: z.strictObject({ token: z.string().max(200), photoId: IdSchema }),
    response: { status: 200, description: 'The photo', contentType: 'image/jpeg' },
    run: async ({ params }, { deps, res }) => {
      const { storeId, roId } = await trackedOrder(deps, params.token);
      await sendPhoto(deps, res, storeId, roId, params.photoId);
    },
  }),
  defineRoute({
    name: 'trackingAddOnDecision',
    method: 'post',
    path: '/api/track/:token/add-ons/:addOnId/decision',
    access: 'public',
    tag,
    summary: 'The customer approves or declines add-on work on their phone. Once per add-on: the same answer again is a harmless retry, another answer 409',
    params: z.strictObject({ token: z.string().max(200), addOnId: IdSchema }),
    body: DecisionBody,
    response: { status: 200, description: 'Recorded', schema: DecidedSchema },
    run: async ({ params, body }, { deps }) => {
      const { storeId, roId } = await trackedOrder(deps, params.token);
      const result = await deps.service.commit({
        storeId,
        actor: customerActor(roId),
        source: 'api',
        device: TRACKING_PAGE_DEVICE,
        key: `addon-decision:${roId}:${params.addOnId}`,
        command: { type: body.decision === 'approve' ? 'approveAddOn' : 'declineAddOn', roId, addOnId: params.addOnId, by: 'customer', channel: 'phone-page' },
      });
      return decided(result, body.decision);
    },
  }),
];

/** The answer to a decision; a retry with the other answer is a conflict, not the first answer. */
function decided(result: Awaited<ReturnType<AppDeps['service']['commit']>>, decision: 'approve' | 'decline') {
  if (!result.ok) throw fromWorkflow(result.error);
  const { event, duplicate } = result;
  const status = event.type === 'addOnApproved' ? 'approved' : event.type === 'addOnDeclined' ? 'declined' : undefined;
  if (!status || (duplicate && status !== (decision === 'approve' ? 'approved' : 'declined')))
    throw new HttpError(409, 'conflict', `This add-on was already ${status ?? 'decided'}`, { current: status, requested: decision });
  return data({ addOnId: (event.data as { addOnId: string }).addOnId, status, seq: event.seq, duplicate });
}
