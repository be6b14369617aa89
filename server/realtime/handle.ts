import type { z } from 'zod';
import type { Ack, ErrorPayload } from '../../shared/protocol';
import type { Logger } from '../log';

export const ok = <T>(data: T) => ({ ok: true as const, data });
export const fail = (code: string, message: string, details?: unknown) => ({ ok: false as const, error: { code, message, details } satisfies ErrorPayload });

/** A refusal that reaches the client as an error payload rather than a crash. */
export class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * Every socket event goes through here: parse with zod, run, answer the ack with a Result.
 * Bugs are logged with context and answered with a bare `server_error`, never a stack trace.
 */
export const handle =
  <I, O>(schema: z.ZodType<I>, log: Logger, event: string, run: (input: I) => Promise<O>) =>
  async (raw: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as Ack<O>) : () => undefined;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      return reply(
        fail(
          'invalid_input',
          `Invalid ${event} payload`,
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        ),
      );
    }
    try {
      reply(ok(await run(parsed.data)));
    } catch (err) {
      if (err instanceof Refusal) return reply(fail(err.code, err.message, err.details));
      log.error({ err, event }, 'socket handler failed');
      reply(fail('server_error', 'Something went wrong on the server'));
    }
  };
