import { randomUUID } from 'node:crypto';
import type { Role } from '../../shared/domain/people';
import type { Store } from '../../shared/domain/shop';
import type { DeviceAccess } from '../../shared/workflow/access';
import { accountOf } from '../../shared/workflow/accounts';
import type { Command } from '../../shared/workflow/commands';
import type { Actor } from '../../shared/workflow/events';
import type { AppDeps } from '../deps';
import { actorOfPrincipal } from '../actors';
import type { Principal } from '../auth/principal';
import type { StaffPrincipal, StaffSignIn } from '../auth';
import { hashSecret, verifySecret } from '../auth/scrypt';
import { pinKey, type PinAccess } from '../../shared/workflow/access';
import { admitPin } from '../scan/pin-limits';
import { verifyPin } from '../scan/pins';
import { scanServiceOf } from '../scan/scan-service';
import { HttpError } from '../http/errors';
import { limiterOf, type Backoff } from '../kiosk/rate-limit';
import { accountStatus, homeStoreOf, peopleAt, reachOf, type AccountStatus, type StaffPerson } from './directory';

/**
 * Staff accounts: signing in with a staff number (or name) and password, an admin adding,
 * disabling and resetting people, and the person choosing their own password. Every change is a
 * command in the home store's log (shared/workflow/accounts.ts); disabling or resetting also ends
 * the person's sessions everywhere (auth.endSessionsOf) and their scan-page sign-ins.
 */

/** OWASP's scrypt floor for passwords (N=2^15, r=8, p=3: 32 MiB, three passes). */
const PASSWORD_COST = { N: 2 ** 15, r: 8, p: 3 };

/** Per person: each wrong password doubles the wait before the next try (1 s … 60 s), never a lock. */
export const PASSWORD_BACKOFF: Backoff = { baseMs: 1000, capMs: 60_000, forgetMs: 15 * 60_000 };
/** Per client address: tries in 15 minutes, right ones given back. */
export const SIGN_INS_PER_ADDRESS = { max: 20, windowSeconds: 900 };

export const hashPassword = (password: string): Promise<string> => hashSecret(password, PASSWORD_COST);

const COMMON = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '87654321',
  'password',
  'password1',
  'qwertyui',
  'qwerty123',
  '11111111',
  '88888888',
  '66666666',
  'abcd1234',
  'a1234567',
  'iloveyou',
  '00000000',
]);

export interface PersonView extends StaffPerson, AccountStatus {}

export type PersonRef = { person: StaffPerson; store: Store; home: Store };

export const PASSWORD_PROBLEMS = {
  short: 'a password has at least 8 characters',
  long: 'a password has at most 128 characters',
  repeated: 'a password cannot be one character repeated',
  common: 'this password is on the list of the most common ones',
  personal: 'a password cannot contain your staff number or name',
} as const;
export type PasswordProblem = keyof typeof PASSWORD_PROBLEMS;

/** Why `password` will not do for `person`, or undefined. */
export function passwordProblem(password: string, person: Pick<StaffPerson, 'id' | 'name'>): PasswordProblem | undefined {
  if (password.length < 8) return 'short';
  if (password.length > 128) return 'long';
  if (/^(.)\1+$/u.test(password)) return 'repeated';
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'common';
  if (lower.includes(person.id.toLowerCase()) || password.includes(person.name)) return 'personal';
  return undefined;
}

const storeOf = (deps: AppDeps, storeId: string): Store => {
  const store = deps.shop.stores.find((s) => s.id === storeId);
  if (!store) throw new HttpError(404, 'unknown_store', `There is no store "${storeId}"`);
  return store;
};

/** A person of `store` by staff number, with their home store. */
export async function findPerson(deps: AppDeps, store: Store, personId: string): Promise<PersonRef | undefined> {
  const person = peopleAt(store, await deps.service.state(store.id)).find((p) => p.id === personId);
  return person && { person, store, home: homeStoreOf(deps.shop, person.id, store) };
}

/** Find a person for a staff principal (a session's id), looking in the stores the session reaches. */
export async function personOfSession(deps: AppDeps, p: StaffPrincipal): Promise<PersonRef | undefined> {
  const stores = p.storeIds === '*' ? deps.shop.stores : deps.shop.stores.filter((s) => p.storeIds.includes(s.id));
  for (const store of stores) {
    const found = await findPerson(deps, store, p.id);
    if (found) return found;
  }
  return undefined;
}

export async function statusOf(deps: AppDeps, ref: PersonRef): Promise<AccountStatus> {
  return accountStatus(ref.home.id, accountOf(await deps.service.state(ref.home.id), ref.person.id));
}

/** Everyone of a store with their account's state, for /admin/people. */
export async function listPeople(deps: AppDeps, store: Store): Promise<PersonView[]> {
  const people = peopleAt(store, await deps.service.state(store.id));
  return Promise.all(
    people.map(async (person) => ({ ...person, ...(await statusOf(deps, { person, store, home: homeStoreOf(deps.shop, person.id, store) })) })),
  );
}

const commitTo = async (deps: AppDeps, store: Store, command: Command, actor: Actor): Promise<void> => {
  const result = await deps.service.commit({ storeId: store.id, command, actor, source: 'dispatch', key: `account:${randomUUID()}` });
  if (!result.ok) {
    const status = result.error.code === 'not_found' ? 404 : result.error.code === 'unknown_store' ? 404 : 409;
    throw new HttpError(status, result.error.code, result.error.message, 'details' in result.error ? result.error.details : undefined);
  }
};

const required = async (deps: AppDeps, store: Store, personId: string): Promise<PersonRef> => {
  const ref = await findPerson(deps, store, personId);
  if (!ref) throw new HttpError(404, 'not_found', `There is no one with staff number "${personId}" in ${store.id}`, { personId });
  return ref;
};

/** What a sign-in link or session of this person carries: their own stores and roles, never "*". */
export const signInOf = (deps: AppDeps, ref: PersonRef): StaffSignIn => ({
  id: ref.person.id,
  name: ref.person.name,
  ...reachOf(deps.shop, ref.person, ref.store),
});

/** A one-time sign-in link token for a person who may sign in. */
export async function linkTokenFor(deps: AppDeps, storeId: string, personId: string): Promise<{ token: string; person: StaffPerson }> {
  const ref = await required(deps, storeOf(deps, storeId), personId);
  if ((await statusOf(deps, ref)).disabled) throw new HttpError(409, 'disabled', `${ref.person.name} is disabled; enable them first`, { personId });
  return { token: deps.auth.issueOneTimeLogin(signInOf(deps, ref)), person: ref.person };
}

export interface NewPerson {
  id: string;
  name: string;
  roles: Role[];
}

/** Add a person to a store (the config lists everyone else); they set a password from a sign-in link. */
export async function addPerson(deps: AppDeps, storeId: string, input: NewPerson, actor: Actor): Promise<void> {
  const store = storeOf(deps, storeId);
  if (await findPerson(deps, store, input.id))
    throw new HttpError(409, 'conflict', `Staff number "${input.id}" is already taken in ${store.id}`, { personId: input.id });
  await commitTo(deps, store, { type: 'addPerson', personId: input.id, name: input.name, roles: input.roles }, actor);
}

/** Disable: no sign-in anywhere; every session ends and every scan-page sign-in of the person is revoked. */
export async function disablePerson(deps: AppDeps, storeId: string, personId: string, actor: Actor): Promise<void> {
  const ref = await required(deps, storeOf(deps, storeId), personId);
  if (actor.id === personId) throw new HttpError(409, 'conflict', 'You cannot disable yourself; ask another admin');
  await commitTo(deps, ref.home, { type: 'disablePerson', personId }, actor);
  await deps.auth.endSessionsOf(personId);
  for (const id of reachOf(deps.shop, ref.person, ref.store).storeIds) {
    const state = await deps.service.state(id);
    for (const r of state.access.values()) {
      if (r.type !== 'device' || r.personId !== personId || r.ended) continue;
      await commitTo(deps, storeOf(deps, id), { type: 'revokeDevice', deviceId: (r as DeviceAccess).deviceId }, actor);
    }
  }
}

export async function enablePerson(deps: AppDeps, storeId: string, personId: string, actor: Actor): Promise<void> {
  const ref = await required(deps, storeOf(deps, storeId), personId);
  await commitTo(deps, ref.home, { type: 'enablePerson', personId }, actor);
}

/** Reset: the password stops working, sessions end, and the admin hands over a link to choose a new one. */
export async function resetPassword(deps: AppDeps, storeId: string, personId: string, actor: Actor): Promise<{ token: string; person: StaffPerson }> {
  const ref = await required(deps, storeOf(deps, storeId), personId);
  if ((await statusOf(deps, ref)).hasPassword) await commitTo(deps, ref.home, { type: 'clearPassword', personId }, actor);
  await deps.auth.endSessionsOf(personId);
  return linkTokenFor(deps, storeId, personId);
}

/**
 * The signed-in person chooses a new password (their current one first, when they have one).
 * Their other sessions end; the caller issues this browser a fresh one.
 */
export async function setOwnPassword(deps: AppDeps, p: StaffPrincipal, input: { current?: string; password: string }): Promise<PersonRef> {
  const ref = await personOfSession(deps, p);
  if (!ref)
    throw new HttpError(
      409,
      'no_account',
      "This sign-in is not one of the people of a store (the console's administrator has no password); sign in as yourself",
    );
  const home = await deps.service.state(ref.home.id);
  const account = accountOf(home, ref.person.id);
  if (account?.passwordHash && !(input.current && (await verifySecret(input.current, account.passwordHash))))
    throw new HttpError(400, 'invalid_input', 'Your current password is not right', [{ path: 'body.current', message: 'not right', problem: 'current' }]);
  const problem = passwordProblem(input.password, ref.person);
  if (problem) throw new HttpError(400, 'invalid_input', PASSWORD_PROBLEMS[problem], [{ path: 'body.password', message: PASSWORD_PROBLEMS[problem], problem }]);
  await commitTo(
    deps,
    ref.home,
    { type: 'setPassword', personId: ref.person.id, passwordHash: await hashPassword(input.password) },
    { kind: 'staff', id: ref.person.id, name: ref.person.name },
  );
  await deps.auth.endSessionsOf(ref.person.id);
  return ref;
}

export type SignInResult = { ok: true; ref: PersonRef } | { ok: false; status: 401 | 429; code: string; retryAfterMs?: number };

/** The person of a badge scanned into the login field (its URL or its code), if the store signs in by badge. */
async function badgeHolder(deps: AppDeps, store: Store, login: string): Promise<StaffPerson | undefined> {
  if (!store.staffSignIn.includes('badge-pin')) return undefined;
  const token = login.includes('/s/') ? login.slice(login.lastIndexOf('/s/') + 3).split(/[?#]/)[0]! : login;
  const scan = scanServiceOf(deps);
  const verified = scan.signer.verify(token);
  if (!verified.ok || verified.code.kind !== 'badge' || verified.code.storeId !== store.id) return undefined;
  const checked = await scan.check(token).catch(() => undefined);
  if (!checked || checked.code.kind !== 'badge') return undefined;
  const personId = checked.code.personId;
  return peopleAt(store, checked.state).find((p) => p.id === personId);
}

/** Badge + PIN at a shared desk screen: the scan page's PIN and its limits (pin-limits.ts), as from a stranger's device. */
async function checkBadgePin(deps: AppDeps, store: Store, person: StaffPerson, pin: string, address: string): Promise<SignInResult> {
  let admitted;
  try {
    admitted = await admitPin(limiterOf(deps), { store, personId: person.id, address, ownDevice: false }, Date.now);
  } catch (err) {
    if (err instanceof HttpError && (err.status === 429 || err.status === 423)) {
      const retryAt = (err.details as { retryAt?: string } | undefined)?.retryAt;
      return { ok: false, status: 429, code: 'slow_down', retryAfterMs: retryAt ? Math.max(1000, Date.parse(retryAt) - Date.now()) : 60_000 };
    }
    throw err;
  }
  const hash = ((await deps.service.state(store.id)).access.get(pinKey(person.id)) as PinAccess | undefined)?.hash;
  const right = !!hash && (await verifyPin(pin, hash));
  await admitted.settle(!right);
  if (!right) return { ok: false, status: 401, code: 'wrong' };
  const ref = { person, store, home: homeStoreOf(deps.shop, person.id, store) };
  if ((await statusOf(deps, ref)).disabled) return { ok: false, status: 401, code: 'disabled' };
  return { ok: true, ref };
}

/**
 * Check a staff number (or unique name) and password at a store, or a scanned badge and its PIN
 * where the store signs in that way too. Wrong tries slow down that
 * person's next try (PASSWORD_BACKOFF) and count against the client's address; none locks anyone
 * out. A disabled person is told so only after the right password.
 */
export async function checkPassword(deps: AppDeps, input: { storeId: string; login: string; password: string; address: string }): Promise<SignInResult> {
  const store = storeOf(deps, input.storeId);
  const limiter = limiterOf(deps);
  const perAddress = await limiter.take('sign-in-address', input.address, SIGN_INS_PER_ADDRESS);
  if (!perAddress.ok) return { ok: false, status: 429, code: 'too_many', retryAfterMs: perAddress.retryAfterMs };
  const login = input.login.trim();
  const badge = await badgeHolder(deps, store, login);
  if (badge) {
    const result = await checkBadgePin(deps, store, badge, input.password, input.address);
    if (result.ok) await limiter.refund('sign-in-address', input.address);
    return result;
  }
  const people = peopleAt(store, await deps.service.state(store.id));
  const byId = people.find((p) => p.id.toLowerCase() === login.toLowerCase());
  const byName = people.filter((p) => p.name === login);
  const person = byId ?? (byName.length === 1 ? byName[0] : undefined);
  if (!person) return { ok: false, status: 401, code: byName.length > 1 ? 'name_ambiguous' : 'wrong' };
  const claim = await limiter.claim('sign-in-person', `${store.id}/${person.id}`, PASSWORD_BACKOFF);
  if (!claim.ok) return { ok: false, status: 429, code: 'slow_down', retryAfterMs: claim.retryAfterMs };
  const ref = { person, store, home: homeStoreOf(deps.shop, person.id, store) };
  let right = false;
  try {
    const hash = accountOf(await deps.service.state(ref.home.id), person.id)?.passwordHash;
    right = !!hash && (await verifySecret(input.password, hash));
  } finally {
    await limiter.settle('sign-in-person', `${store.id}/${person.id}`, !right, PASSWORD_BACKOFF);
  }
  if (!right) return { ok: false, status: 401, code: 'wrong' };
  await limiter.reset('sign-in-person', `${store.id}/${person.id}`);
  await limiter.refund('sign-in-address', input.address);
  if ((await statusOf(deps, ref)).disabled) return { ok: false, status: 401, code: 'disabled' };
  return { ok: true, ref };
}

/** Whether the person behind a session id is disabled (a link minted before they were). */
export async function isDisabled(deps: AppDeps, p: StaffPrincipal): Promise<boolean> {
  const ref = await personOfSession(deps, p);
  return !!ref && (await statusOf(deps, ref)).disabled;
}

/** The actor of an admin's request (server/actors.ts names everyone the same way). */
export const adminActor = (p: Principal): Actor => actorOfPrincipal(p);
