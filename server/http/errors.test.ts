import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import type { Logger } from '../log';
import { StoreUnavailableError } from '../store/event-store';
import { fieldProblems, fromWorkflow, toHttpError } from './errors';

/** A logger that keeps what it was told, to check that failures are logged with context. */
const recordingLogger = () => {
  const lines: { level: string; ctx: object; msg: string }[] = [];
  const at = (level: string) => (ctx: object, msg: string) => void lines.push({ level, ctx, msg });
  const log: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
};

test('an unexpected error becomes a 500 without its message or stack, and is logged with the context', () => {
  const { log, lines } = recordingLogger();
  const err = new Error('secret detail at /srv/data/journal');
  const http = toHttpError(err, log, { route: 'createRepairOrder', storeId: 'store-a' });
  assert.equal([http.status, http.code], [500, 'server_error']);
  assert.not.match(http.message, /secret|journal/);
  assert.is(lines.length, 1);
  assert.equal(lines[0]!.ctx, { route: 'createRepairOrder', storeId: 'store-a', err });
});

test('a StoreUnavailableError, even wrapped as a cause, becomes 503 store_unavailable', () => {
  const { log } = recordingLogger();
  const wrapped = new Error('commit failed', { cause: new StoreUnavailableError('redis down') });
  assert.equal([toHttpError(wrapped, log, {}).status, toHttpError(wrapped, log, {}).code], [503, 'store_unavailable']);
});

test('workflow refusals map to 404, 409 and 422 keeping their message and details', () => {
  assert.is(fromWorkflow({ code: 'not_found', message: 'x' }).status, 404);
  assert.is(fromWorkflow({ code: 'unknown_store', message: 'x' }).status, 404);
  assert.is(fromWorkflow({ code: 'illegal_transition', message: 'a → b', details: { current: 'a' } }).status, 409);
  assert.is(fromWorkflow({ code: 'conflict', message: 'x' }).status, 409);
  assert.is(fromWorkflow({ code: 'invalid_command', message: 'x' }).status, 400);
  const ref = fromWorkflow({ code: 'invalid_reference', message: 'no bay', details: { bayId: 'b' } });
  assert.equal([ref.status, ref.message, ref.details], [422, 'no bay', { bayId: 'b' }]);
});

test('field problems name nested paths and each unknown key', () => {
  const schema = z.strictObject({ vehicle: z.strictObject({ plate: z.string() }) });
  const parsed = schema.safeParse({ vehicle: { plate: 1, colour: 'red', wheels: 4 } });
  assert.equal(
    fieldProblems('body', parsed.error!)
      .map((p) => p.path)
      .sort(),
    ['body.vehicle.colour', 'body.vehicle.plate', 'body.vehicle.wheels'],
  );
});

test.run();
