import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';
import { RoleSchema, type Role } from '../../shared/domain/people';
import type { ShopConfig } from '../../shared/domain/shop';
import type { Logger } from '../log';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './cookies';
import type { Principal } from './principal';
import { loadSecrets, secretsPath, type Secrets } from './secrets';
import { MemorySessionEnds, sessionIdOf, type SessionEnds } from './session-ends';
import { secretMatcher, signToken, verifyToken } from './tokens';

export type { Principal } from './principal';
export { hasRole, maySeeStore } from './policy';

export type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;
export type DisplayPrincipal = Extract<Principal, { kind: 'display' }>;
export type Board = DisplayPrincipal['board'];

/** Who is signing in, with what they may do. No roles is no access: there is no default. */
export interface StaffSignIn {
  id: string;
  name: string;
  roles: Role[];
  storeIds: '*' | string[];
}

export interface DisplayGrant {
  id: string;
  storeId: string;
  board: Board;
  bayId?: string;
}

export interface AuthOptions {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  shop: ShopConfig;
  log: Logger;
  /** Demo mode: the server prints sign-in links and display URLs at start. */
  demo?: boolean;
  /** What events written with the API key call their writer (INTEGRATION_NAME; default "DMS"). */
  integrationName?: string;
  /** Clock in milliseconds; tests pass their own to check expiry without waiting. */
  now?: () => number;
}

export const DEFAULT_INTEGRATION_NAME = 'DMS';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const ONE_TIME_TTL_MS = 10 * 60 * 1000;

const SessionClaimsSchema = z.object({
  v: z.literal(1),
  sub: z.string().min(1).max(64),
  name: z.string().max(80),
  roles: z.array(RoleSchema),
  stores: z.union([z.literal('*'), z.array(IdSchema)]),
  iat: z.number().int(),
  exp: z.number().int(),
});
type SessionClaims = z.infer<typeof SessionClaimsSchema>;

const DisplayClaimsSchema = z.object({
  v: z.literal(1),
  id: z.string().min(1).max(64),
  store: IdSchema,
  board: z.enum(['customer', 'dispatch', 'bay']),
  bay: IdSchema.optional(),
  iat: z.number().int(),
});
type DisplayClaims = z.infer<typeof DisplayClaimsSchema>;

/** A sign-in link: a session's claims for 10 minutes, with a nonce that can be used up once. */
const LinkClaimsSchema = SessionClaimsSchema.extend({ once: z.string().length(22) });
type LinkClaims = z.infer<typeof LinkClaimsSchema>;

/**
 * Records the first use of a link's nonce and answers true then, false ever after (for at least
 * `ttlMs`, the link's lifetime). The application passes its shared limiter.
 */
export type FirstUse = (once: string, ttlMs: number) => Promise<boolean>;

/**
 * Tells who is asking, from an HTTP request or a socket.io handshake, and issues the tokens
 * that say so: staff sessions (cookie), one-time sign-in links, display tokens, and the
 * integration API key. Tokens are HMAC-signed; a one-time link's single use is recorded by
 * whoever redeems it (the shared limiter, so it holds across processes), and a session that was
 * signed out or ended by an admin is refused through `SessionEnds` (session-ends.ts).
 */
export class Auth {
  readonly #secrets: Secrets;
  readonly #isApiKey: (guess: string) => boolean;
  readonly #shop: ShopConfig;
  readonly #now: () => number;
  readonly #startedAt: number;
  #ends: SessionEnds = new MemorySessionEnds();
  readonly demo: boolean;
  readonly #integrationName: string;
  /** Where the keys live; the application keeps ended sessions there too. */
  readonly dataDir?: string;

  /** Load (or generate) the keys and build the authenticator. */
  static async create(opts: AuthOptions): Promise<Auth> {
    const secrets = await loadSecrets({ dataDir: opts.dataDir, env: opts.env });
    if (secrets.generated) opts.log.info({ file: secretsPath(opts.dataDir) }, 'generated a new signing key and API key');
    return new Auth(secrets, opts);
  }

  constructor(secrets: Secrets, opts: Pick<AuthOptions, 'shop' | 'demo' | 'now' | 'integrationName'> & { dataDir?: string }) {
    this.dataDir = opts.dataDir;
    this.#secrets = secrets;
    this.#isApiKey = secretMatcher(secrets.apiKey);
    this.#shop = opts.shop;
    this.#now = opts.now ?? Date.now;
    this.#startedAt = this.#now();
    this.demo = opts.demo ?? false;
    this.#integrationName = opts.integrationName ?? DEFAULT_INTEGRATION_NAME;
  }

  get apiKey(): string {
    return this.#secrets.apiKey;
  }

  get signingKey(): Buffer {
    return this.#secrets.signingKey;
  }

  /** True when this start generated the API key, so main prints it once. */
  get apiKeyGenerated(): boolean {
    return this.#secrets.generated;
  }

  /**
   * The principal of an HTTP request. The first credential present decides, and a bad one is
   * refused rather than falling back to another: `Authorization: Bearer <API key>`, then a
   * display token (`X-Display-Token` header or `display` query), then the session cookie.
   */
  fromRequest(req: Pick<IncomingMessage, 'headers' | 'url'>): Principal | undefined {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      return match ? this.#fromApiKey(match[1]) : undefined;
    }
    const displayHeader = firstHeader(req.headers['x-display-token']);
    if (displayHeader !== undefined) return this.verifyDisplayToken(displayHeader);
    const displayQuery = new URL(req.url ?? '/', 'http://local').searchParams.get('display');
    if (displayQuery !== null) return this.verifyDisplayToken(displayQuery);
    return this.#fromCookie(req.headers);
  }

  /**
   * The principal of a socket.io handshake: `auth.token` (a display token or the API key),
   * else `auth.session` (a session token), else the session cookie sent with the upgrade.
   */
  fromHandshake({ headers, auth }: { headers: IncomingHttpHeaders; auth?: Record<string, unknown> }): Principal | undefined {
    const token = auth?.token;
    if (token !== undefined) {
      if (typeof token !== 'string') return undefined;
      return this.verifyDisplayToken(token) ?? this.#fromApiKey(token);
    }
    const session = auth?.session;
    if (session !== undefined) return typeof session === 'string' ? this.verifySession(session) : undefined;
    return this.#fromCookie(headers);
  }

  /**
   * A single-use sign-in link token, valid for 10 minutes. It is signed, so any server process
   * can redeem it; `firstUse` makes the second redemption fail wherever it is tried.
   */
  issueOneTimeLogin(staff: StaffSignIn): string {
    const claims: LinkClaims = {
      v: 1,
      sub: staff.id,
      name: staff.name,
      roles: staff.roles,
      stores: staff.storeIds,
      iat: this.#now(),
      exp: this.#now() + ONE_TIME_TTL_MS,
      once: randomBytes(16).toString('base64url'),
    };
    return signToken(this.signingKey, 'sign-in-link', claims);
  }

  /**
   * Use up a one-time token and return a fresh session token for it, or undefined. When uses are
   * remembered in this process only (`sinceThisStart`), links minted before it started are refused
   * too, so a restart cannot make a used link work again.
   */
  async consumeOneTimeLogin(
    token: string,
    firstUse: FirstUse,
    opts: { sinceThisStart?: boolean } = {},
  ): Promise<{ principal: StaffPrincipal; session: string } | undefined> {
    const claims = verifyToken(this.signingKey, 'sign-in-link', token, LinkClaimsSchema);
    if (!claims || claims.exp <= this.#now() || (opts.sinceThisStart && claims.iat < this.#startedAt)) return undefined;
    if (!(await firstUse(claims.once, ONE_TIME_TTL_MS))) return undefined;
    const session = this.issueSession({ id: claims.sub, name: claims.name, roles: claims.roles, storeIds: claims.stores });
    return { principal: this.verifySession(session)!, session };
  }

  /** A signed staff session token, valid for 12 hours. */
  issueSession(staff: StaffSignIn): string {
    // A session issued in the same millisecond as an ending of all the person's sessions (a new
    // password: the others end, this browser gets a fresh one) would count as ended with them.
    let iat = this.#now();
    for (let i = 0; i < 60_000 && this.#ends.ended({ id: '', personId: staff.id, issuedAt: iat }); i++) iat++;
    const claims: SessionClaims = {
      v: 1,
      sub: staff.id,
      name: staff.name,
      roles: staff.roles,
      stores: staff.storeIds,
      iat,
      exp: iat + SESSION_TTL_MS,
    };
    return signToken(this.signingKey, 'session', claims);
  }

  /** The staff principal of an untampered, unexpired session token that has not been ended. */
  verifySession(token: string): StaffPrincipal | undefined {
    const claims = verifyToken(this.signingKey, 'session', token, SessionClaimsSchema);
    if (!claims || claims.exp <= this.#now()) return undefined;
    const session = { id: sessionIdOf(token), issuedAt: claims.iat, expiresAt: claims.exp };
    if (this.#ends.ended({ id: session.id, personId: claims.sub, issuedAt: claims.iat })) return undefined;
    return { kind: 'staff', id: claims.sub, name: claims.name, roles: claims.roles, storeIds: claims.stores, session };
  }

  /** Use this record of ended sessions (the application's: data dir or Redis). */
  useSessionEnds(ends: SessionEnds): void {
    this.#ends = ends;
  }

  /** End one session everywhere (sign-out). A token that is not a genuine session changes nothing. */
  async endSession(token: string): Promise<boolean> {
    const claims = verifyToken(this.signingKey, 'session', token, SessionClaimsSchema);
    if (!claims || claims.exp <= this.#now()) return false;
    await this.#ends.end(sessionIdOf(token), claims.exp);
    return true;
  }

  /** End every session of a person issued until now (disabled, new password). */
  async endSessionsOf(personId: string): Promise<void> {
    await this.#ends.endAllOf(personId, this.#now());
  }

  /** Whether a principal taken from a session earlier (a socket's) no longer holds: expired or ended. */
  sessionOver(p: StaffPrincipal): boolean {
    if (!p.session) return false;
    return p.session.expiresAt <= this.#now() || this.#ends.ended({ id: p.session.id, personId: p.id, issuedAt: p.session.issuedAt });
  }

  /** The session token in a request's cookie, if any (for sign-out). */
  sessionTokenOf(headers: IncomingHttpHeaders): string | undefined {
    return readCookie(firstHeader(headers.cookie), SESSION_COOKIE);
  }

  /**
   * A signed token that makes a screen a display of one store and board. Throws for a store
   * or bay that is not configured: issuing one is a programming or admin mistake.
   */
  issueDisplayToken(grant: DisplayGrant): string {
    const problem = this.#grantProblem(grant);
    if (problem) throw new Error(`cannot issue a display token: ${problem}`);
    const claims: DisplayClaims = { v: 1, id: grant.id, store: grant.storeId, board: grant.board, bay: grant.bayId, iat: this.#now() };
    return signToken(this.signingKey, 'display', claims);
  }

  /** The display principal of a valid, signed display token for a configured store and bay. */
  verifyDisplayToken(token: string): DisplayPrincipal | undefined {
    const grant = this.#signedGrant(token);
    if (!grant || this.#grantProblem(grant) || !this.#displayAllowed(grant)) return undefined;
    return { kind: 'display', ...grant };
  }

  /** `Set-Cookie` value for a session token. Pass `secure` when the request came over HTTPS. */
  sessionCookie(token: string, secure = false): string {
    return sessionCookie(token, SESSION_TTL_MS / 1000, secure);
  }

  /** `Set-Cookie` value that signs the browser out. */
  clearedSessionCookie(secure = false): string {
    return clearedSessionCookie(secure);
  }

  /**
   * The one place a display grant is checked beyond its signature: the realtime fleet installs
   * "is this display id still paired?" (setDisplayCheck), so an unpaired screen's token stops working.
   */
  #displayAllowed(grant: DisplayGrant): boolean {
    return this.#displayCheck(grant);
  }

  #displayCheck: (grant: DisplayGrant) => boolean = () => true;

  /** A genuine display token whose screen is no longer paired (so the screen can be told). */
  isRevokedDisplayToken(token: string): boolean {
    const grant = this.#signedGrant(token);
    return !!grant && !this.#displayAllowed(grant);
  }

  /** Install the pairing lookup (the realtime fleet owns which displays are still paired). */
  setDisplayCheck(check: (grant: DisplayGrant) => boolean): void {
    this.#displayCheck = check;
  }

  #signedGrant(token: string): DisplayGrant | undefined {
    const claims = verifyToken(this.signingKey, 'display', token, DisplayClaimsSchema);
    return claims && { id: claims.id, storeId: claims.store, board: claims.board, ...(claims.bay ? { bayId: claims.bay } : {}) };
  }

  #grantProblem(grant: DisplayGrant): string | undefined {
    const store = this.#shop.stores.find((s) => s.id === grant.storeId);
    if (!store) return `there is no store "${grant.storeId}"`;
    if (grant.board === 'bay' && !grant.bayId) return 'a bay board needs a bayId';
    if (grant.bayId && !store.bays.some((b) => b.id === grant.bayId)) return `store ${store.id} has no bay "${grant.bayId}"`;
    return undefined;
  }

  #fromApiKey(key: string): Principal | undefined {
    return this.#isApiKey(key) ? { kind: 'integration', id: 'api-key', name: this.#integrationName } : undefined;
  }

  #fromCookie(headers: IncomingHttpHeaders): Principal | undefined {
    const token = readCookie(firstHeader(headers.cookie), SESSION_COOKIE);
    return token ? this.verifySession(token) : undefined;
  }
}

const firstHeader = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
