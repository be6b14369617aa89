/**
 * A small structured logger: one JSON line per entry on stderr, quiet in tests unless
 * LOG_LEVEL asks otherwise. Errors are reduced to message and stack; never sent to clients.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(ctx: object, msg: string): void;
  info(ctx: object, msg: string): void;
  warn(ctx: object, msg: string): void;
  error(ctx: object, msg: string): void;
}

const serialise = (ctx: object) =>
  JSON.stringify(ctx, (_k, v) => (v instanceof Error ? { message: v.message, stack: v.stack } : v));

export const createLogger = (level: Level = (process.env.LOG_LEVEL as Level) || 'info'): Logger => {
  const min = ORDER[level] ?? ORDER.info;
  const write = (lvl: Level) => (ctx: object, msg: string) => {
    if (ORDER[lvl] < min) return;
    process.stderr.write(`${serialise({ level: lvl, time: new Date().toISOString(), msg, ...ctx })}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
};

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
