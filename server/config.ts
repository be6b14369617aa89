import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { ShopConfigSchema, type ShopConfig, type Store } from '../shared/domain/shop';

/**
 * A configuration problem a person must fix before the server can start. The message lists
 * every problem found, one per line, each naming the file (or variable) and the field.
 */
export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    readonly source: string,
  ) {
    super(problems.length === 1 ? problems[0] : `${source}: ${problems.length} problems\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** `['stores', 0, 'bays', 3, 'kind']` → `stores[0].bays[3].kind`. */
export const fieldPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');

/** Line and column (1-based) of a character offset, so a JSON mistake can be found in an editor. */
const lineAndColumn = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
};

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Node 20 reports only a character offset; newer versions add the line and column themselves.
    const position = /at position (\d+)/.exec(message);
    const where = position ? lineAndColumn(text, Number(position[1])) : undefined;
    const detail = where ? message.replace(/\s*in JSON at position \d+/, '').replace(/\s*\(line \d+ column \d+\)/, '') : message;
    const at = where ? `line ${where.line}, column ${where.column}: ` : '';
    throw new ConfigError([`${file}: ${at}invalid JSON: ${detail}`], file);
  }
}

/**
 * Keys the schema does not know. zod drops them silently, so a typo such as
 * "pageDwelSeconds" would otherwise fall back to the default without anyone noticing.
 */
function unknownKeys(schema: z.ZodType, value: unknown, path: PropertyKey[] = []): string[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable)
    return unknownKeys(schema.unwrap() as z.ZodType, value, path);
  if (schema instanceof z.ZodArray && Array.isArray(value)) return value.flatMap((item, i) => unknownKeys(schema.element as z.ZodType, item, [...path, i]));
  if (schema instanceof z.ZodObject && value && typeof value === 'object' && !Array.isArray(value)) {
    const shape = schema.shape as Record<string, z.ZodType>;
    return Object.entries(value).flatMap(([key, child]) => {
      if (key === '$schema') return [];
      if (!(key in shape)) return [`${fieldPath([...path, key])}: unknown field (known fields: ${Object.keys(shape).join(', ')})`];
      return unknownKeys(shape[key], child, [...path, key]);
    });
  }
  return [];
}

const duplicates = (ids: readonly string[]): string[] => {
  const seen = new Set<string>();
  return [...new Set(ids.filter((id) => seen.has(id) || !seen.add(id)))];
};

/** Whether Intl knows a time zone; building a formatter to find out is slow, so each zone is asked once. */
function zoneIsKnown(zone: string, known: Map<string, boolean>): boolean {
  let ok = known.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      ok = true;
    } catch {
      ok = false;
    }
    known.set(zone, ok);
  }
  return ok;
}

/** Rules that span fields, which the per-field schema cannot see. */
function crossFieldProblems(shop: ShopConfig): string[] {
  const problems: string[] = [];
  const knownZones = new Map<string, boolean>();
  const dupStores = duplicates(shop.stores.map((s) => s.id));
  for (const id of dupStores) problems.push(`stores: store id "${id}" is used more than once`);
  shop.stores.forEach((store: Store, s) => {
    const at = (field: string, i: number) => `stores[${s}].${field}[${i}]`;
    const unique = (field: 'bays' | 'teams' | 'technicians' | 'advisors' | 'staff', what: string) => {
      const ids = store[field].map((x) => x.id);
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i) problems.push(`${at(field, i)}.id: ${what} id "${id}" is already used by ${at(field, ids.indexOf(id))}`);
      });
    };
    unique('bays', 'bay');
    unique('teams', 'team');
    unique('technicians', 'technician');
    unique('advisors', 'advisor');
    unique('staff', 'staff member');
    // A badge or PIN names one person, so a person id may appear in only one of the lists.
    const lists = ['technicians', 'advisors', 'staff'] as const;
    lists.forEach((field, l) =>
      store[field].forEach((person, i) => {
        const other = lists.slice(0, l).find((f) => store[f].some((p) => p.id === person.id));
        if (other) problems.push(`${at(field, i)}.id: "${person.id}" is already used in ${other}; a person has one id`);
      }),
    );
    const teamIds = new Set(store.teams.map((t) => t.id));
    store.technicians.forEach((tech, i) => {
      if (!teamIds.has(tech.teamId))
        problems.push(
          `${at('technicians', i)}.teamId: there is no team "${tech.teamId}" in store "${store.id}"${teamIds.size ? ` (teams: ${[...teamIds].join(', ')})` : ''}`,
        );
    });
    const codes = store.catalogue.map((c) => c.code);
    codes.forEach((code, i) => {
      if (codes.indexOf(code) !== i)
        problems.push(`${at('catalogue', i)}.code: catalogue code "${code}" is already used by ${at('catalogue', codes.indexOf(code))}`);
    });
    if (!zoneIsKnown(store.timezone, knownZones)) problems.push(`stores[${s}].timezone: "${store.timezone}" is not an IANA time zone such as Asia/Shanghai`);
    // Erased before its link expires, a survey link would open a visit with no customer on it.
    if (store.personalDataRetentionDays < store.trackingExpiryDays)
      problems.push(
        `stores[${s}].personalDataRetentionDays: ${store.personalDataRetentionDays} is shorter than trackingExpiryDays (${store.trackingExpiryDays}); keep personal data at least as long as the tracking link works`,
      );
  });
  return problems;
}

/** Validate an already-parsed shop config; `file` names where it came from in error messages. */
export function parseShopConfig(raw: unknown, file = 'config'): ShopConfig {
  const parsed = ShopConfigSchema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${fieldPath(issue.path) || '(root)'}: ${issue.message}`);
  problems.push(...unknownKeys(ShopConfigSchema, raw));
  if (parsed.success) problems.push(...crossFieldProblems(parsed.data));
  if (problems.length)
    throw new ConfigError(
      problems.map((p) => `${file}: ${p}`),
      file,
    );
  return parsed.data as ShopConfig;
}

/**
 * Read, parse and validate the shop configuration. Throws a ConfigError naming the file and
 * every offending field (or the line and column of a JSON syntax error).
 */
export function loadShopConfig(path = 'config/shop.json'): ShopConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError([`${path}: cannot read the shop configuration${code === 'ENOENT' ? ' (file not found)' : ` (${code ?? String(err)})`}`], path);
  }
  return parseShopConfig(parseJson(text.replace(/^\uFEFF/, ''), path), path);
}

const flag = (name: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off', ''].includes(v), `${name} must be 1/true or 0/false`)
    .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const optionalText = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();

/** Names express's `trust proxy` knows for address ranges. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * `TRUST_PROXY` as express's `trust proxy` setting: a hop count (`1`: the load balancer right in
 * front), or a comma-separated list of addresses, CIDR ranges and range names. `true` (trust any
 * X-Forwarded-For) is refused: any client could then pick the address rate limits count.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): number | string | false => {
    if (/^(false|no|off|0)$/i.test(v)) return false;
    if (/^\d+$/.test(v)) return Number(v);
    const parts = v
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const bad = parts.filter((p) => !PROXY_RANGES.includes(p) && !isIP(p.replace(/\/\d{1,3}$/, '')));
    if (!parts.length || bad.length) {
      ctx.addIssue({
        code: 'custom',
        message: `TRUST_PROXY must be a hop count (1), or addresses, CIDR ranges or ${PROXY_RANGES.join('/')} separated by commas; not ${bad.map((b) => `"${b}"`).join(', ') || `"${v}"`}`,
      });
      return z.NEVER;
    }
    return parts.join(',');
  });

const EnvSchema = z.object({
  PORT: z.coerce
    .number<string>({ error: 'PORT must be a number' })
    .int('PORT must be a whole number')
    .min(0, 'PORT must be 0–65535')
    .max(65535, 'PORT must be 0–65535')
    .default(8080),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must look like postgres://user@host:5432/database' }).optional()),
  REDIS_URL: optionalText.pipe(z.url({ protocol: /^rediss?$/, error: 'REDIS_URL must look like redis://host:6379' }).optional()),
  REDIS_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,32}$/, 'REDIS_PREFIX must be 1–32 letters, digits, "-", "_" or "."')
    .default('tw'),
  API_KEY: optionalText.pipe(z.string().min(24, 'API_KEY must be at least 24 characters').optional()),
  SIGNING_KEY: optionalText.pipe(z.string().min(32, 'SIGNING_KEY must be at least 32 characters').optional()),
  SHOP_CONFIG: z.string().trim().min(1).default('config/shop.json'),
  NODE_ENV: z.string().optional(),
  DEMO: flag('DEMO').optional(),
  SIMULATE: flag('SIMULATE').optional(),
  DEMO_PAST_DAYS: z.coerce
    .number<string>({ error: 'DEMO_PAST_DAYS must be a number' })
    .int('DEMO_PAST_DAYS must be a whole number')
    .min(0, 'DEMO_PAST_DAYS must be 0–365')
    .max(365, 'DEMO_PAST_DAYS must be 0–365')
    .optional(),
  JOURNAL_SEGMENT_MB: z.coerce.number<string>({ error: 'JOURNAL_SEGMENT_MB must be a number' }).positive('JOURNAL_SEGMENT_MB must be more than 0').default(64),
  IDEMPOTENCY_WINDOW_DAYS: z.coerce
    .number<string>({ error: 'IDEMPOTENCY_WINDOW_DAYS must be a number' })
    .positive('IDEMPOTENCY_WINDOW_DAYS must be more than 0')
    .default(7),
  TRUST_PROXY: trustProxy.default('loopback'),
  PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'PUBLIC_URL must look like https://workshop.example.com' }).optional()),
  FRAME_ANCESTORS: optionalText.pipe(
    z
      .string()
      .regex(/^(https?:\/\/[^\s'";,]+)(\s+https?:\/\/[^\s'";,]+)*$/, 'FRAME_ANCESTORS must be origins separated by spaces, such as https://signage.example.com')
      .optional(),
  ),
  METRICS_TOKEN: optionalText.pipe(z.string().min(24, 'METRICS_TOKEN must be at least 24 characters').optional()),
  MAX_SOCKETS_PER_ADDRESS: z.coerce
    .number<string>({ error: 'MAX_SOCKETS_PER_ADDRESS must be a number' })
    .int('MAX_SOCKETS_PER_ADDRESS must be a whole number')
    .min(1, 'MAX_SOCKETS_PER_ADDRESS must be at least 1')
    .default(200),
  INTEGRATION_NAME: z.string().trim().min(1).max(80, 'INTEGRATION_NAME must be at most 80 characters').default('DMS'),
  WEBHOOKS_ALLOW_LOOPBACK: flag('WEBHOOKS_ALLOW_LOOPBACK').default(false),
});

/**
 * Settings from the environment, parsed once at start-up. Keys keep the variable names so a
 * reader can grep from a deployment file straight to where the value is used.
 */
export interface Env {
  PORT: number;
  DATA_DIR: string;
  /** The shared event log (PostgreSQL); without it, the embedded journal in DATA_DIR. */
  DATABASE_URL?: string;
  /** Fan-out, rate limits and one-time links shared between processes; needs DATABASE_URL. */
  REDIS_URL?: string;
  REDIS_PREFIX: string;
  API_KEY?: string;
  SIGNING_KEY?: string;
  SHOP_CONFIG: string;
  NODE_ENV?: string;
  /** Demo mode: seed a believable day and print sign-in links. On unless NODE_ENV=production. */
  DEMO: boolean;
  /** Move demo cars through the workshop on a timer. */
  SIMULATE: boolean;
  /** Days of history the demo writes into an empty data dir before today (default 90; 0 for none). */
  DEMO_PAST_DAYS?: number;
  /** The embedded journal starts a new segment file once the current one reaches this size. */
  JOURNAL_SEGMENT_MB: number;
  /** How long after an event a retry with its idempotency key is still answered as that event (embedded journal). */
  IDEMPOTENCY_WINDOW_DAYS: number;
  /** Express's `trust proxy`: which peers' X-Forwarded-For / -Proto are believed (client address for limits, https for cookies). */
  TRUST_PROXY: number | string | false;
  /** The origin links are built with (sign-in links, QR codes, tracking links), without a trailing slash; required in production. */
  PUBLIC_URL?: string;
  /** Origins (space-separated) that may frame the lobby customer board and the kiosk; none by default. */
  FRAME_ANCESTORS?: string;
  /** A bearer token for scraping /metrics without the API key (a Prometheus server's). */
  METRICS_TOKEN?: string;
  /** Realtime connections one client address may hold per process. */
  MAX_SOCKETS_PER_ADDRESS: number;
  /** The name every event written with the API key records as its writer (a repair order's history shows it). */
  INTEGRATION_NAME: string;
  /** Let webhooks go to loopback addresses (a DMS on this host, tests); link-local and metadata addresses stay refused. */
  WEBHOOKS_ALLOW_LOOPBACK: boolean;
}

/**
 * Parse the process environment. Throws a ConfigError listing every bad variable.
 * Empty strings count as unset, as shells and compose files often export them that way.
 */
export function loadEnv(env: Record<string, string | undefined> = process.env): Env {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in EnvSchema.shape && v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success)
    throw new ConfigError(
      parsed.error.issues.map((i) => `environment: ${fieldPath(i.path)}: ${i.message}`),
      'environment',
    );
  const e = parsed.data;
  // Redis used to hold the event log. A deployment still configured that way would now give
  // every process a journal of its own, each with a different history: refuse to start instead.
  if (e.REDIS_URL && !e.DATABASE_URL)
    throw new ConfigError(
      [
        'environment: DATABASE_URL: REDIS_URL is set, so processes are meant to share one event log, and that log lives in PostgreSQL now (Redis no longer keeps events): set DATABASE_URL=postgres://user@host:5432/database, or unset REDIS_URL for a single process on the embedded journal. If this deployment kept its events in Redis (before the PostgreSQL store), copy them over first, with the servers stopped: npm run journal -- import-redis --from <REDIS_URL> --prefix <REDIS_PREFIX> --to <DATABASE_URL>',
      ],
      'environment',
    );
  // Links printed in QR codes and sent to phones must name the address people reach, which only
  // the deployment knows; the Host header would let any client choose it.
  if (e.NODE_ENV === 'production' && !e.PUBLIC_URL)
    throw new ConfigError(
      [
        'environment: PUBLIC_URL: NODE_ENV=production needs the address phones and browsers reach this server at, e.g. PUBLIC_URL=https://workshop.example.com (it is used to build sign-in links, QR codes and tracking links)',
      ],
      'environment',
    );
  return {
    ...e,
    DEMO: e.DEMO ?? e.NODE_ENV !== 'production',
    SIMULATE: e.SIMULATE ?? false,
    ...(e.PUBLIC_URL ? { PUBLIC_URL: e.PUBLIC_URL.replace(/\/+$/, '') } : {}),
  };
}
