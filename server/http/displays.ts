import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';
import { RELOAD_REASONS } from '../../shared/live/reload-reasons';
import { DisplaySchema } from '../../shared/domain/repair-order';
import { IdempotencyKeySchema } from '../../shared/workflow/events';
import type { AppDeps } from '../deps';
import { FleetError, CODE_LENGTH } from '../realtime/fleet';
import { HttpError, fromWorkflow } from './errors';
import { READS, rolesFor } from '../../shared/workflow/permissions';
import { data, defineRoute } from './route';
import { actorOfPrincipal as actorOf } from '../actors';

/**
 * Wall-screen fleet: bind a pairing code shown on a new screen to a board, list screens with
 * their health, reload or unpair one remotely. Admins only.
 */
const BASE = '/api/stores/:storeId/displays';
const storeParams = z.strictObject({ storeId: IdSchema });
const displayParams = z.strictObject({ storeId: IdSchema, displayId: IdSchema });
const tag = 'Displays';

const DisplayStatusSchema = DisplaySchema.extend({
  online: z.boolean(),
  lastSeen: z.string().optional(),
  version: z.string().optional(),
  page: z.string().optional(),
  shownSeq: z.number().int().optional(),
  lastReload: z.object({ at: z.string(), reason: z.enum(RELOAD_REASONS) }).optional(),
  speech: z.enum(['ok', 'unavailable']).optional().describe("A lobby board's speech at its last call: 'unavailable' means it chimes but no voice speaks"),
});

const pairBody = z.strictObject({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(new RegExp(`^[A-Z0-9]{${CODE_LENGTH}}$`), `the code has ${CODE_LENGTH} letters and digits`),
  name: z.string().trim().min(1).max(40),
  board: z.enum(['customer', 'dispatch', 'bay']),
  bayId: IdSchema.optional(),
});

const fleetOf = (deps: AppDeps) => {
  if (!deps.fleet) throw new Error('the realtime gateway is not attached');
  return deps.fleet;
};

const keyOf = (header: unknown) => {
  if (header === undefined) return randomUUID();
  const parsed = IdempotencyKeySchema.safeParse(header);
  if (!parsed.success)
    throw new HttpError(400, 'invalid_input', 'Idempotency-Key is not valid', [{ path: 'headers.idempotency-key', message: parsed.error.issues[0]?.message }]);
  return parsed.data;
};

const fleetErrors = (err: unknown): never => {
  if (err instanceof FleetError) throw new HttpError(404, err.code, err.message);
  const workflow = (err as { workflow?: Parameters<typeof fromWorkflow>[0] }).workflow;
  if (workflow) throw fromWorkflow(workflow);
  throw err;
};

export const displayRoutes = [
  defineRoute({
    name: 'listDisplays',
    method: 'get',
    path: BASE,
    access: READS.admin,
    tag,
    summary: 'Every paired screen of the store, with online status, last seen, version and page',
    params: storeParams,
    response: { status: 200, description: 'The screens', schema: z.object({ data: z.array(DisplayStatusSchema) }) },
    run: async ({ params }, { deps }) => data(await fleetOf(deps).list(params.storeId)),
  }),
  defineRoute({
    name: 'pairDisplay',
    method: 'post',
    path: BASE,
    access: rolesFor('pairDisplay'),
    tag,
    summary: 'Bind the pairing code a new screen shows to a board (and bay); the screen switches to it',
    params: storeParams,
    body: pairBody,
    response: { status: 201, description: 'The paired screen', schema: z.object({ data: DisplaySchema }) },
    run: async ({ params, body }, { deps, req, principal }) => {
      const display = await fleetOf(deps)
        .pair({ storeId: params.storeId, ...body, actor: actorOf(principal), key: keyOf(req.headers['idempotency-key']) })
        .catch(fleetErrors);
      return data(display, 201);
    },
  }),
  defineRoute({
    name: 'unpairDisplay',
    method: 'delete',
    path: `${BASE}/:displayId`,
    access: rolesFor('unpairDisplay'),
    tag,
    summary: 'Unpair a screen: its token stops working and it shows a pairing code again',
    params: displayParams,
    response: { status: 200, description: 'Unpaired', schema: z.object({ data: z.object({ unpaired: z.string() }) }) },
    run: async ({ params }, { deps, req, principal }) => {
      await fleetOf(deps).unpair(params.storeId, params.displayId, actorOf(principal), keyOf(req.headers['idempotency-key'])).catch(fleetErrors);
      return data({ unpaired: params.displayId });
    },
  }),
  defineRoute({
    name: 'reloadDisplay',
    method: 'post',
    path: `${BASE}/:displayId/reload`,
    access: READS.admin,
    tag,
    summary: 'Ask a screen to reload its page now',
    params: displayParams,
    response: { status: 202, description: 'Reload requested', schema: z.object({ data: z.object({ reloading: z.string() }) }) },
    run: async ({ params }, { deps }) => {
      await fleetOf(deps).reload(params.storeId, params.displayId).catch(fleetErrors);
      return data({ reloading: params.displayId }, 202);
    },
  }),
];
