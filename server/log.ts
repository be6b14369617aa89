import pino, { type DestinationStream } from 'pino';

/**
 * The server's logger: pino, one JSON line per entry on stderr, quiet in tests unless
 * LOG_LEVEL asks otherwise. The call shape stays `log.info(ctx, msg)` everywhere.
 *
 * Personal data never reaches a line: fields that hold phones, plates, customer names and
 * tokens are replaced (pino's `redact`), and free text — the message and an error's message
 * and stack — has phone numbers and plates masked (`scrubText`), because a thrown message may
 * quote the input that caused it. Errors are reduced to type, message and stack; never sent
 * to clients.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error', 'silent'];

export interface Logger {
  debug(ctx: object, msg: string): void;
  info(ctx: object, msg: string): void;
  warn(ctx: object, msg: string): void;
  error(ctx: object, msg: string): void;
  /** A logger whose every line also carries `bindings` (a request's id); use `childLogger`, since test stand-ins may lack it. */
  child?(bindings: Record<string, unknown>): Logger;
}

/** `log.child(bindings)`, or `log` itself for a stand-in without children. */
export const childLogger = (log: Logger, bindings: Record<string, unknown>): Logger => log.child?.(bindings) ?? log;

/** Keys whose values are personal data or credentials, wherever they sit in a context object (up to three levels deep). */
const SECRET_KEYS = ['phone', 'phoneLast4', 'plate', 'vin', 'customerName', 'token', 'trackingToken', 'authorization', 'cookie', 'password', 'pin'];
const NAME_HOLDERS = ['customer', 'contact'];
const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]),
  // "name" alone is a store's or a bay's too; a customer's name sits under `customer`.
  ...NAME_HOLDERS.flatMap((h) => [`${h}.name`, `*.${h}.name`, `*.*.${h}.name`]),
  'req.headers["x-display-token"]',
];

// Chinese mobile numbers (and any long digit run that could be one), and plates: a province
// character, a letter, then five or six letters or digits, optionally split by a dot or spaces,
// in either case (a thrown message may quote a plate as it was typed: 京a·d1234 5).
const PHONE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)|(?<!\d)\d{7,}(?!\d)/g;
const PLATE = /([\u4e00-\u9fa5][A-Za-z])[·•.\s-]?[A-Za-z0-9](?:[\s-]?[A-Za-z0-9]){3,4}[A-Za-z0-9\u4e00-\u9fa5]?/g;

/** Free text with phone numbers and plates masked: `京A12345` → `京A*****`, `13812345678` → `***********`. */
export const scrubText = (text: string): string =>
  text.replace(PLATE, (m, head: string) => `${head}${'*'.repeat(m.length - head.length)}`).replace(PHONE, (m) => '*'.repeat(m.length));

const errSerializer = (err: unknown) => {
  if (!(err instanceof Error)) return err;
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  if (typeof out.message === 'string') out.message = scrubText(out.message);
  if (typeof out.stack === 'string') out.stack = scrubText(out.stack);
  return out;
};

type PinoLike = Pick<pino.Logger, Level> & { child(bindings: Record<string, unknown>): PinoLike };

const wrap = (p: PinoLike): Logger => ({
  // pino's own order is (object, message); the wrapper keeps that and scrubs the message.
  debug: (ctx, msg) => p.debug(ctx, scrubText(msg)),
  info: (ctx, msg) => p.info(ctx, scrubText(msg)),
  warn: (ctx, msg) => p.warn(ctx, scrubText(msg)),
  error: (ctx, msg) => p.error(ctx, scrubText(msg)),
  child: (bindings) => wrap(p.child(bindings)),
});

export interface LoggerOptions {
  /** Default LOG_LEVEL, else `info`. */
  level?: string;
  /** Where lines go; default stderr (tests pass a stream to read them). */
  destination?: DestinationStream;
}

export const createLogger = (opts: LoggerOptions | string = {}): Logger => {
  const o = typeof opts === 'string' ? { level: opts } : opts;
  const wanted = o.level ?? process.env.LOG_LEVEL ?? 'info';
  const level = LEVELS.includes(wanted) ? wanted : 'info';
  return wrap(
    pino(
      {
        level,
        base: undefined,
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        redact: { paths: REDACT_PATHS, censor: '[redacted]' },
        serializers: { err: errSerializer, error: errSerializer },
      },
      o.destination ?? pino.destination({ fd: 2, sync: true }),
    ),
  );
};

const silent = (): Logger => ({ debug() {}, info() {}, warn() {}, error() {}, child: () => silentLogger });
/** A logger that drops everything: the default in tests. */
export const silentLogger: Logger = silent();
