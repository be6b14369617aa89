import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';
import { PauseSchema } from '../../shared/domain/repair-order';
import { RepairOrderSchema } from '../../shared/domain/repair-order';
import { IdempotencyKeySchema } from '../../shared/workflow/events';
import { scanAction } from '../scan/scan-actions';
import { myJobs } from '../scan/my-jobs';
import { scanServiceOf } from '../scan/scan-service';
import { signInWithBadge, signInWithPin, signOut } from '../scan/sign-in';
import { limiterOf } from '../kiosk/rate-limit';
import { fieldProblems, HttpError, invalidInput } from './errors';
import { data, defineRoute } from './route';

/**
 * The technician scan page's API (/s/<code> in the browser). A device signs in by badge or
 * PIN and gets the `tw_scan` cookie; every action then carries the page's own action id as
 * `Idempotency-Key`. See server/scan for the rules.
 */
const tag = 'Scan page';
const TOKEN = z
  .string()
  .min(10)
  .max(300)
  .regex(/^[A-Za-z0-9_.~-]+$/, 'not a scan code');

const strictPause = z.discriminatedUnion('reason', [PauseSchema.options[0].strict(), PauseSchema.options[1].strict(), PauseSchema.options[2].strict()]);
const ActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('startOperation'), bayId: IdSchema.optional() }),
  z.strictObject({ type: z.literal('pauseOperation'), pause: strictPause }),
  z.strictObject({ type: z.literal('resumeOperation') }),
  z.strictObject({ type: z.literal('finishOperation') }),
  z.strictObject({ type: z.literal('qcPass'), note: z.string().trim().max(200).optional() }),
  z.strictObject({ type: z.literal('qcFail'), reason: z.string().trim().min(1).max(200), operationIds: z.array(IdSchema).min(1).max(50) }),
  z.strictObject({ type: z.literal('washDone') }),
  z.strictObject({ type: z.literal('markReady') }),
  z.strictObject({ type: z.literal('deliver') }),
]);

const MeSchema = z.object({
  personId: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  storeId: z.string(),
  deviceId: z.string(),
  method: z.enum(['badge', 'pin']),
  until: z.string(),
});

const scanOf = (deps: Parameters<typeof scanServiceOf>[0]) => scanServiceOf(deps);
const device = (req: { headers: import('node:http').IncomingHttpHeaders; secure: boolean; ip?: string }) => ({
  headers: req.headers,
  secure: req.secure,
  ip: req.ip,
});

export const scanRoutes = [
  defineRoute({
    name: 'getScanSession',
    method: 'get',
    path: '/api/scan/session',
    access: 'public',
    tag,
    summary: 'Who this device is signed in as on the scan page (null when nobody)',
    response: { status: 200, description: 'The sign-in, or null', schema: z.object({ data: MeSchema.nullable() }) },
    run: async (_input, { deps, req, res }) => {
      res.set('Cache-Control', 'no-store');
      const scan = scanOf(deps);
      const session = await scan.session(req.headers);
      return data(session ? scan.me(session) : null);
    },
  }),
  defineRoute({
    name: 'getMyScanJobs',
    method: 'get',
    path: '/api/scan/my-jobs',
    access: 'public',
    tag,
    summary: "The signed-in person's open operations (and those at `bay`, a bay id or code), each with its signed operation code; 401 when nobody is signed in",
    query: z.strictObject({ bay: z.string().max(300).optional() }),
    response: { status: 200, description: 'Running work first, then paused, then waiting' },
    run: async ({ query }, { deps, req, res }) => {
      res.set('Cache-Control', 'no-store');
      return data(await myJobs(scanOf(deps), req.headers, query.bay));
    },
  }),
  defineRoute({
    name: 'resolveScanCode',
    method: 'get',
    path: '/api/scan/codes/:token',
    access: 'public',
    tag,
    summary:
      'What a scanned code shows: the repair order or operation with its current state, a bay and its cars, or a badge. Refuses altered (400), foreign-store (403) and withdrawn (410) codes',
    params: z.strictObject({ token: TOKEN }),
    query: z.strictObject({ bay: z.string().max(300).optional() }),
    response: { status: 200, description: 'The scanned thing; details only for a device signed in at its store' },
    run: async ({ params, query }, { deps, req, res }) => {
      res.set('Cache-Control', 'no-store');
      return data(await scanOf(deps).resolve(params.token, req.headers, query.bay));
    },
  }),
  defineRoute({
    name: 'signInWithBadge',
    method: 'post',
    path: '/api/scan/sign-in/badge',
    access: 'public',
    tag,
    summary: 'Sign this device in by a scanned staff badge, until the end of the shift',
    body: z.strictObject({ token: TOKEN }),
    response: { status: 200, description: 'Signed in; sets the tw_scan cookie', schema: z.object({ data: MeSchema }) },
    run: async ({ body }, { deps, req, res }) => {
      const signedIn = await signInWithBadge(scanOf(deps), body.token, device(req));
      for (const cookie of signedIn.cookies) res.append('Set-Cookie', cookie);
      return data(signedIn.me);
    },
  }),
  defineRoute({
    name: 'signInWithPin',
    method: 'post',
    path: '/api/scan/sign-in/pin',
    access: 'public',
    tag,
    summary:
      "Sign this device in by name and 4–6 digit PIN. A wrong PIN answers 401; the next try from the same device or address waits 1, 2, 4 … s (429 with Retry-After); past the day's guesses for the person, 423 with Retry-After",
    body: z.strictObject({ storeId: IdSchema, personId: IdSchema, pin: z.string().regex(/^[0-9]{4,6}$/, 'a PIN has 4 to 6 digits') }),
    response: { status: 200, description: 'Signed in; sets the tw_scan cookie', schema: z.object({ data: MeSchema }) },
    run: async ({ body }, { deps, req, res }) => {
      const signedIn = await signInWithPin(scanOf(deps), limiterOf(deps), body, device(req)).catch((err: unknown) => {
        const wait = err instanceof HttpError ? (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds : undefined;
        if (wait) res.set('Retry-After', String(wait));
        throw err;
      });
      for (const cookie of signedIn.cookies) res.append('Set-Cookie', cookie);
      return data(signedIn.me);
    },
  }),
  defineRoute({
    name: 'signOutScanDevice',
    method: 'post',
    path: '/api/scan/sign-out',
    access: 'public',
    tag,
    summary: 'Sign this device out of the scan page',
    response: { status: 204, description: 'Signed out' },
    run: async (_input, { deps, req, res }) => {
      const scan = scanOf(deps);
      await signOut(scan, req.headers);
      res.append('Set-Cookie', scan.sessions.clearCookie(req.secure)).status(204).end();
    },
  }),
  defineRoute({
    name: 'scanAction',
    method: 'post',
    path: '/api/scan/actions',
    access: 'public',
    tag,
    summary:
      "Do one action on the scanned repair order or operation as the signed-in person (role checked). `Idempotency-Key` (required) is the page's action id: sent twice, applied once. A stale action answers 409 with the lifecycle's reason",
    body: z.strictObject({
      token: TOKEN.optional(),
      roId: IdSchema.optional(),
      operationId: IdSchema.optional(),
      action: ActionSchema,
    }),
    response: {
      status: 200,
      description: 'The repair order after the action',
      schema: z.object({ data: z.object({ repairOrder: RepairOrderSchema.omit({ trackingToken: true }), seq: z.number().int(), duplicate: z.boolean() }) }),
    },
    run: async ({ body }, { deps, req }) => {
      const header = req.headers['idempotency-key'];
      if (header === undefined)
        throw new HttpError(400, 'invalid_input', 'Send the action id as Idempotency-Key', [{ path: 'headers.idempotency-key', message: 'required' }]);
      const key = IdempotencyKeySchema.safeParse(header);
      if (!key.success) throw invalidInput(fieldProblems('headers.idempotency-key', key.error));
      return data(await scanAction(scanOf(deps), req.headers, key.data, body));
    },
  }),
];
