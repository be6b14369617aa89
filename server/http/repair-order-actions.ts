import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../../shared/domain/ids';
import { PauseSchema } from '../../shared/domain/repair-order';
import type { CommandOf, CommandType } from '../../shared/workflow/commands';
import { rolesFor } from '../../shared/workflow/permissions';
import { commitWrite } from './commit';
import { roParams, roWritten } from './repair-orders';
import { defineRoute } from './route';

const BASE = '/api/stores/:storeId/repair-orders/:roId';
const opParams = z.strictObject({ storeId: IdSchema, roId: IdSchema, opId: IdSchema });
const empty = z.strictObject({});
const tag = 'Repair order actions';

// Each variant of the shared Pause made strict, so `{reason: 'break', part: '…'}` is refused, not trimmed.
const pauseBody = z.discriminatedUnion('reason', [PauseSchema.options[0].strict(), PauseSchema.options[1].strict(), PauseSchema.options[2].strict()]);

/**
 * A POST that moves the whole repair order: `/api/stores/:storeId/repair-orders/:roId/<action>`,
 * open to the roles the permissions table gives its command.
 */
const roAction = <T extends CommandType, B>(
  action: string,
  name: string,
  type: T,
  summary: string,
  body: z.ZodType<B>,
  command: (roId: string, body: B) => CommandOf<T>,
) =>
  defineRoute({
    name,
    method: 'post',
    path: `${BASE}/${action}`,
    access: rolesFor(type),
    tag,
    summary,
    params: roParams,
    body,
    response: { status: 200, description: 'The repair order after the action', schema: roWritten },
    run: async ({ params, body: input }, { deps, req, principal, store }) =>
      commitWrite({ service: deps.service, req, principal, storeId: store.id }, command(params.roId, input)),
  });

/** A POST on one operation: `/api/stores/:storeId/repair-orders/:roId/operations/:opId/<action>`. */
const opAction = <T extends CommandType, B>(
  action: string,
  name: string,
  type: T,
  summary: string,
  body: z.ZodType<B>,
  command: (ids: { roId: string; operationId: string }, body: B) => CommandOf<T>,
) =>
  defineRoute({
    name,
    method: 'post',
    path: `${BASE}/operations/:opId/${action}`,
    access: rolesFor(type),
    tag,
    summary,
    params: opParams,
    body,
    response: { status: 200, description: 'The repair order after the action', schema: roWritten },
    run: async ({ params, body: input }, { deps, req, principal, store }) =>
      commitWrite({ service: deps.service, req, principal, storeId: store.id }, command({ roId: params.roId, operationId: params.opId }, input)),
  });

/** The moves of the lifecycle, one route each; the workflow decides whether each is legal now. */
export const repairOrderActionRoutes = [
  roAction(
    'check-in',
    'checkInRepairOrder',
    'checkIn',
    'Check in a scheduled repair order (the car has arrived)',
    z.strictObject({ queueNumber: z.string().trim().min(1).max(10).optional() }),
    (roId, b) => ({ type: 'checkIn', roId, ...b }),
  ),
  roAction('send-to-workshop', 'sendToWorkshop', 'sendToWorkshop', 'Hand a checked-in repair order to dispatch', empty, (roId) => ({
    type: 'sendToWorkshop',
    roId,
  })),
  roAction(
    'qc-pass',
    'passQualityCheck',
    'qcPass',
    'Pass quality check (to washing, or ready when no wash is wanted)',
    z.strictObject({ note: z.string().max(200).optional() }),
    (roId, b) => ({ type: 'qcPass', roId, ...b }),
  ),
  roAction(
    'qc-fail',
    'failQualityCheck',
    'qcFail',
    'Fail quality check: the named operations go back for rework',
    z.strictObject({ reason: z.string().trim().min(1).max(200), operationIds: z.array(IdSchema).min(1).max(50) }),
    (roId, b) => ({ type: 'qcFail', roId, ...b }),
  ),
  roAction('wash-done', 'finishWash', 'washDone', 'Washing is done: the car is ready for pickup', empty, (roId) => ({ type: 'washDone', roId })),
  roAction('ready', 'markReady', 'markReady', 'Mark a car in washing ready without finishing the wash', empty, (roId) => ({ type: 'markReady', roId })),
  roAction('deliver', 'deliver', 'deliver', 'Hand the car back to the customer', empty, (roId) => ({ type: 'deliver', roId })),
  roAction('no-show', 'markNoShow', 'markNoShow', 'The customer of a scheduled repair order did not come', empty, (roId) => ({ type: 'markNoShow', roId })),
  roAction(
    'survey',
    'submitSurvey',
    'submitSurvey',
    "Record the customer's satisfaction score after delivery",
    z.strictObject({ score: z.number().int().min(1).max(5), comment: z.string().max(500).optional() }),
    (roId, b) => ({ type: 'submitSurvey', roId, ...b }),
  ),

  opAction(
    'assign',
    'assignOperation',
    'assignOperation',
    'Assign an operation to a bay (and a technician)',
    z.strictObject({ bayId: IdSchema, technicianId: IdSchema.optional() }),
    (ids, b) => ({ type: 'assignOperation', ...ids, ...b }),
  ),
  opAction(
    'start',
    'startOperation',
    'startOperation',
    'Start work on an operation (optionally at a bay, by a technician)',
    z.strictObject({ bayId: IdSchema.optional(), technicianId: IdSchema.optional() }),
    (ids, b) => ({ type: 'startOperation', ...ids, ...b }),
  ),
  opAction('pause', 'pauseOperation', 'pauseOperation', 'Pause work: waiting for parts (name and ETA), approval, or a break', pauseBody, (ids, pause) => ({
    type: 'pauseOperation',
    ...ids,
    pause,
  })),
  opAction(
    'parts-eta',
    'correctPartsEta',
    'correctPartsEta',
    'Correct when the part a paused operation waits for is expected (not in the past)',
    z.strictObject({ eta: IsoTimeSchema }),
    (ids, b) => ({ type: 'correctPartsEta', ...ids, eta: b.eta }),
  ),
  opAction('resume', 'resumeOperation', 'resumeOperation', 'Resume paused work', empty, (ids) => ({ type: 'resumeOperation', ...ids })),
  opAction('finish', 'finishOperation', 'finishOperation', 'Finish an operation; the last one sends the car to quality check', empty, (ids) => ({
    type: 'finishOperation',
    ...ids,
  })),
];
