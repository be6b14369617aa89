import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';
import { RoleSchema } from '../../shared/domain/people';
import { READS, rolesFor } from '../../shared/workflow/permissions';
import type { Principal } from '../auth/principal';
import { addPerson, adminActor, disablePerson, enablePerson, linkTokenFor, listPeople, resetPassword, setOwnPassword, signInOf } from '../people/accounts';
import { configStoresOf } from '../people/directory';
import { qrSvg } from '../scan/qr';
import { HttpError } from './errors';
import { linkOrigin } from './public-url';
import { data, defineRoute } from './route';
import { safeNext } from './auth';
import { requestLog } from './security';

/**
 * People and their accounts: an admin lists, adds, disables and resets them (/admin/people is the
 * page for the same); a signed-in person changes their own password. Links handed to a person
 * carry that person and only their stores.
 */
const tag = 'People';
const person = z.strictObject({ storeId: IdSchema, personId: IdSchema });
const LinkSchema = z.object({
  data: z.object({
    url: z.string(),
    qrSvg: z.string().describe("The link as a QR code (SVG) to scan with the person's phone"),
    personId: z.string(),
    name: z.string(),
    expiresInSeconds: z.number(),
  }),
});

const PeopleSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      roles: z.array(RoleSchema),
      fromConfig: z.boolean(),
      list: z.string(),
      homeStoreId: z.string(),
      disabled: z.boolean(),
      disabledAt: z.string().optional(),
      hasPassword: z.boolean(),
      passwordSetAt: z.string().optional(),
    }),
  ),
});

const noDisplay = (p: Principal) => {
  if (p.kind === 'display') throw new HttpError(403, 'forbidden', 'A display cannot change people');
  return adminActor(p);
};
export const signInUrl = (origin: string, token: string, next?: string) =>
  `${origin}/auth/one-time/${token}${next ? `?next=${encodeURIComponent(safeNext(next))}` : ''}`;
const linkData = async (url: string, p: { id: string; name: string }) =>
  data({ url, qrSvg: await qrSvg(url), personId: p.id, name: p.name, expiresInSeconds: 600 }, 201);

export const peopleRoutes = [
  defineRoute({
    name: 'listPeople',
    method: 'get',
    path: '/api/stores/:storeId/people',
    access: READS.admin,
    tag,
    summary: 'Everyone of the store (from the shop config and added by admins) with roles and account state: password set, disabled',
    params: z.strictObject({ storeId: IdSchema }),
    response: { status: 200, description: 'People: no PIN or password hash, only whether a password is set', schema: PeopleSchema },
    run: async (_input, { deps, store }) => data(await listPeople(deps, store)),
  }),
  defineRoute({
    name: 'addPerson',
    method: 'post',
    path: '/api/stores/:storeId/people',
    access: rolesFor('addPerson'),
    tag,
    summary: 'Add a person (desk or office staff the config does not list); answers a one-time link for them to choose a password',
    params: z.strictObject({ storeId: IdSchema }),
    body: z.strictObject({ id: IdSchema, name: z.string().trim().min(1).max(40), roles: z.array(RoleSchema).min(1).max(7) }),
    response: { status: 201, description: 'Added, with their first sign-in link', schema: LinkSchema },
    run: async ({ body }, { deps, store, principal, req }) => {
      await addPerson(deps, store.id, body, noDisplay(principal));
      const { token, person: added } = await linkTokenFor(deps, store.id, body.id);
      requestLog(deps.log, req).info({ by: principal.id, personId: body.id, storeId: store.id }, 'added a person');
      return linkData(signInUrl(linkOrigin(req), token, '/account/password'), added);
    },
  }),
  defineRoute({
    name: 'disablePerson',
    method: 'post',
    path: '/api/stores/:storeId/people/:personId/disable',
    access: rolesFor('disablePerson'),
    tag,
    summary: 'Disable a person: no sign-in anywhere; their sessions end and their scan-page sign-ins are revoked within seconds',
    params: person,
    response: { status: 204, description: 'Disabled' },
    run: async ({ params }, { deps, store, principal, res }) => {
      await disablePerson(deps, store.id, params.personId, noDisplay(principal));
      res.status(204).end();
    },
  }),
  defineRoute({
    name: 'enablePerson',
    method: 'post',
    path: '/api/stores/:storeId/people/:personId/enable',
    access: rolesFor('enablePerson'),
    tag,
    summary: 'Enable a disabled person again',
    params: person,
    response: { status: 204, description: 'Enabled' },
    run: async ({ params }, { deps, store, principal, res }) => {
      await enablePerson(deps, store.id, params.personId, noDisplay(principal));
      res.status(204).end();
    },
  }),
  defineRoute({
    name: 'resetPassword',
    method: 'post',
    path: '/api/stores/:storeId/people/:personId/password-reset',
    access: rolesFor('clearPassword'),
    tag,
    summary: "Reset a person's password: it stops working, their sessions end; answers a one-time link for them to choose a new one",
    params: person,
    response: { status: 201, description: 'The link to hand over', schema: LinkSchema },
    run: async ({ params }, { deps, store, principal, req }) => {
      const { token, person: p } = await resetPassword(deps, store.id, params.personId, noDisplay(principal));
      requestLog(deps.log, req).info({ by: principal.id, personId: p.id, storeId: store.id }, 'reset a password');
      return linkData(signInUrl(linkOrigin(req), token, '/account/password'), p);
    },
  }),
  defineRoute({
    name: 'createSignInLink',
    method: 'post',
    path: '/api/sign-in-links',
    access: READS.admin,
    tag: 'Sign-in',
    summary: 'Mint a one-time sign-in link (10 minutes, single use) for one person of a store: it carries that person, their roles and only their stores',
    body: z.strictObject({
      storeId: IdSchema.optional(),
      personId: IdSchema,
      next: z.string().max(2000).optional(),
    }),
    response: { status: 201, description: 'The link', schema: LinkSchema },
    run: async ({ body }, { deps, req, principal }) => {
      const storeId = body.storeId ?? configStoresOf(deps.shop, body.personId)[0]?.id;
      if (!storeId)
        throw new HttpError(404, 'not_found', `No store lists "${body.personId}"; pass storeId for someone an admin added`, { personId: body.personId });
      if (principal.kind === 'staff' && principal.storeIds !== '*' && !principal.storeIds.includes(storeId))
        throw new HttpError(403, 'forbidden', `You are not staff of ${storeId}`);
      const { token, person: p } = await linkTokenFor(deps, storeId, body.personId);
      requestLog(deps.log, req).info({ by: principal.id, personId: p.id }, 'minted a one-time sign-in link');
      return linkData(signInUrl(linkOrigin(req), token, body.next), p);
    },
  }),
  defineRoute({
    name: 'setOwnPassword',
    method: 'post',
    path: '/api/me/password',
    access: 'signed-in',
    tag,
    summary: 'Choose a new password for yourself (your current one first, if you have one); your other sessions end',
    body: z.strictObject({ current: z.string().max(200).optional(), password: z.string().max(200) }),
    response: { status: 204, description: 'Changed; this browser gets a fresh session cookie' },
    run: async ({ body }, { deps, req, res, principal }) => {
      if (principal.kind !== 'staff') throw new HttpError(403, 'forbidden', 'Only a signed-in person has a password');
      const ref = await setOwnPassword(deps, principal, body);
      res.append('Set-Cookie', deps.auth.sessionCookie(deps.auth.issueSession(signInOf(deps, ref)), req.secure));
      res.status(204).end();
    },
  }),
];
