import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';
import { IdempotencyKeySchema, type Actor } from '../../shared/workflow/events';
import type { Principal } from '../auth/principal';
import { publicBase, scanPath } from '../scan/qr';
import { accessReport, revokeCodes, revokeDevice, setPin, unlockPin } from '../scan/scan-admin';
import { scanServiceOf } from '../scan/scan-service';
import { limiterOf } from '../kiosk/rate-limit';
import { HttpError } from './errors';
import { READS, rolesFor } from '../../shared/workflow/permissions';
import { data, defineRoute } from './route';
import { actorOfPrincipal } from '../actors';

/**
 * An admin's tools for the scan page (devices, PINs, withdrawn codes), and the signed codes
 * other screens show: the bay board's QR, and a job card's codes for a DMS that prints its own.
 */
const tag = 'Scan page administration';
const storeParams = z.strictObject({ storeId: IdSchema });

const actorOf = (p: Principal): Actor => {
  if (p.kind === 'display') throw new HttpError(403, 'forbidden', 'A display cannot change access');
  return actorOfPrincipal(p);
};
const keyOf = (header: unknown): string => {
  if (header === undefined) return `admin:${randomUUID()}`;
  const parsed = IdempotencyKeySchema.safeParse(header);
  if (!parsed.success)
    throw new HttpError(400, 'invalid_input', 'Idempotency-Key is not valid', [{ path: 'headers.idempotency-key', message: parsed.error.issues[0]?.message }]);
  return parsed.data;
};

const CodeSchema = z.object({ data: z.object({ token: z.string(), path: z.string(), url: z.string() }) });

export const scanAdminRoutes = [
  defineRoute({
    name: 'getScanAccess',
    method: 'get',
    path: '/api/stores/:storeId/scan/access',
    access: READS.admin,
    tag,
    summary: "Signed-in scan devices, and every person's PIN state: failures, slowed down, locked",
    params: storeParams,
    response: { status: 200, description: 'Devices and PIN states' },
    run: async (_input, { deps, store }) => data(await accessReport(scanServiceOf(deps), store, limiterOf(deps))),
  }),
  defineRoute({
    name: 'revokeScanDevice',
    method: 'delete',
    path: '/api/stores/:storeId/scan/devices/:deviceId',
    access: rolesFor('revokeDevice'),
    tag,
    summary: "End a device's sign-in (a lost phone); it must sign in again with a badge or PIN",
    params: z.strictObject({ storeId: IdSchema, deviceId: IdSchema }),
    response: { status: 204, description: 'Revoked' },
    run: async ({ params }, { deps, store, principal, req, res }) => {
      await revokeDevice(scanServiceOf(deps), store, params.deviceId, actorOf(principal), keyOf(req.headers['idempotency-key']));
      res.status(204).end();
    },
  }),
  defineRoute({
    name: 'unlockPin',
    method: 'delete',
    path: '/api/stores/:storeId/scan/pin-locks/:personId',
    access: rolesFor('unlockPin'),
    tag,
    summary: "Clear a person's wrong PIN tries: the run in the log, today's count and the delay for other devices",
    params: z.strictObject({ storeId: IdSchema, personId: IdSchema }),
    response: { status: 204, description: 'Unlocked' },
    run: async ({ params }, { deps, store, principal, req, res }) => {
      await unlockPin(scanServiceOf(deps), store, params.personId, actorOf(principal), keyOf(req.headers['idempotency-key']), limiterOf(deps));
      res.status(204).end();
    },
  }),
  defineRoute({
    name: 'setPin',
    method: 'post',
    path: '/api/stores/:storeId/people/:personId/pin',
    access: rolesFor('setPin'),
    tag,
    summary: "Set a person's scan-page PIN (4–6 digits, not one digit repeated, not a run); stored as an scrypt hash",
    params: z.strictObject({ storeId: IdSchema, personId: IdSchema }),
    body: z.strictObject({ pin: z.string().regex(/^[0-9]{4,6}$/, 'a PIN has 4 to 6 digits') }),
    response: { status: 204, description: 'Set' },
    run: async ({ params, body }, { deps, store, principal, req, res }) => {
      await setPin(scanServiceOf(deps), store, params.personId, body.pin, actorOf(principal), keyOf(req.headers['idempotency-key']));
      res.status(204).end();
    },
  }),
  defineRoute({
    name: 'revokeScanCodes',
    method: 'post',
    path: '/api/stores/:storeId/scan/revocations',
    access: rolesFor('revokeCodes'),
    tag,
    summary: 'Withdraw every printed code of a job card (kind ro), bay label or badge so far; print new ones afterwards',
    params: storeParams,
    body: z.strictObject({ kind: z.enum(['ro', 'bay', 'badge']), id: IdSchema }),
    response: {
      status: 201,
      description: 'Withdrawn; codes issued at or before `before` are refused',
      schema: z.object({ data: z.object({ before: z.string() }) }),
    },
    run: async ({ body }, { deps, store, principal, req }) =>
      data({ before: await revokeCodes(scanServiceOf(deps), store, body.kind, body.id, actorOf(principal), keyOf(req.headers['idempotency-key'])) }, 201),
  }),
  defineRoute({
    name: 'getBayScanCode',
    method: 'get',
    path: '/api/stores/:storeId/bays/:bayId/scan-code',
    access: 'signed-in',
    tag,
    summary: 'The signed code of a bay, for the bay board to show as QR and to pass as ?bay= with a keyboard-wedge scan',
    params: z.strictObject({ storeId: IdSchema, bayId: IdSchema }),
    response: { status: 200, description: "The bay's code, its scan-page path and full URL", schema: CodeSchema },
    run: async ({ params }, { deps, store, req }) => {
      if (!store.bays.some((b) => b.id === params.bayId)) throw new HttpError(404, 'not_found', `There is no bay "${params.bayId}" in this store`);
      const token = await scanServiceOf(deps).issue({ kind: 'bay', storeId: store.id, bayId: params.bayId });
      return data({ token, path: scanPath(token), url: publicBase(req, store) + scanPath(token) });
    },
  }),
  defineRoute({
    name: 'getJobCardCodes',
    method: 'get',
    path: '/api/stores/:storeId/repair-orders/:roId/scan-codes',
    access: READS.jobCards,
    tag,
    summary: 'The signed codes of a job card: one for the repair order and one per operation (for a DMS that prints its own cards)',
    params: z.strictObject({ storeId: IdSchema, roId: IdSchema }),
    response: { status: 200, description: 'Codes and URLs' },
    run: async ({ params }, { deps, store, req }) => {
      const scan = scanServiceOf(deps);
      const ro = (await deps.service.state(store.id)).ros.get(params.roId);
      if (!ro) throw new HttpError(404, 'not_found', `There is no repair order "${params.roId}"`);
      const base = publicBase(req, store);
      const code = async (token: string) => ({ token, url: base + scanPath(token) });
      return data({
        repairOrder: await code(await scan.issue({ kind: 'ro', storeId: store.id, roId: ro.id })),
        operations: await Promise.all(
          ro.operations.map(async (op) => ({
            operationId: op.id,
            ...(await code(await scan.issue({ kind: 'operation', storeId: store.id, roId: ro.id, operationId: op.id }))),
          })),
        ),
      });
    },
  }),
];
