import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import type { WorkflowError } from '../../shared/workflow/lifecycle';
import type { Logger } from '../log';
import { StoreUnavailableError } from '../store/event-store';
import { requestLog } from './security';

/** One problem with a request, named by where it is: `body.vehicle.plate`, `query.limit`, `headers.idempotency-key`. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** The error body every route answers with: `{error: {code, message, details}}`. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** An error meant for the client: thrown anywhere in a handler, answered as-is by the wrapper. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** 400 `invalid_input` for one or more named fields. */
export const invalidInput = (problems: FieldProblem[]): HttpError =>
  new HttpError(400, 'invalid_input', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);

/** zod issues → field problems, prefixed with where the value came from (`body`, `query`, `params`). */
export const fieldProblems = (where: string, error: z.ZodError): FieldProblem[] =>
  error.issues.flatMap((issue) => {
    const at = [where, ...issue.path.map(String)].join('.');
    // "Unrecognized keys" is one issue for several fields; name each so a client can find it.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: `${at}.${key}`, message: 'unknown field' }));
    return [{ path: at, message: issue.message }];
  });

const WORKFLOW_STATUS: Record<string, number> = {
  // The service's last guard: input our route schemas let through but the command schema refuses.
  invalid_command: 400,
  invalid_value: 400,
  not_found: 404,
  unknown_store: 404,
  illegal_transition: 409,
  conflict: 409,
  over_capacity: 409,
  invalid_reference: 422,
};

/** A refusal from the workflow (or the service) as the HTTP error a client can act on. */
export const fromWorkflow = (error: WorkflowError | { code: string; message: string; details?: unknown }): HttpError => {
  // A value the rules refuse is a bad field, named the way schema problems are.
  const field = error.code === 'invalid_value' ? (error.details as { field?: unknown } | undefined)?.field : undefined;
  if (typeof field === 'string') return new HttpError(400, 'invalid_input', error.message, [{ path: field, message: error.message.replace(`${field}: `, '') }]);
  return new HttpError(WORKFLOW_STATUS[error.code] ?? 409, error.code, error.message, error.details);
};

// body-parser marks its errors with a `type`; these are the ones a client can cause.
const BODY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'invalid_json', message: 'The request body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'payload_too_large', message: 'The request body is larger than 100 kB' },
  'encoding.unsupported': { status: 415, code: 'unsupported_media_type', message: 'The request body uses an unsupported content encoding' },
  'charset.unsupported': { status: 415, code: 'unsupported_media_type', message: 'The request body uses an unsupported charset; send UTF-8' },
  'request.aborted': { status: 400, code: 'request_aborted', message: 'The request was aborted before its body arrived' },
  'request.size.invalid': { status: 400, code: 'invalid_input', message: 'The request body does not match its Content-Length' },
};

/** Whether an error is (or was caused by) the event store being unreachable. */
export const isStoreUnavailable = (err: unknown): boolean => {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    if (e instanceof StoreUnavailableError || e.name === 'StoreUnavailableError') return true;
  return false;
};

/** zlib's decompression errors: `Z_DATA_ERROR` (gzip, deflate), `ERR__ERROR_FORMAT_…` (brotli), `ZSTD_…`. */
const isZlibError = (err: unknown): boolean => {
  const code = err instanceof Error ? (err as NodeJS.ErrnoException).code : undefined;
  return typeof code === 'string' && /^(Z_|ZSTD_|ERR__ERROR_|ERR_ZLIB|ERR_BROTLI)/.test(code);
};

/** Anything thrown while serving a request, as an HttpError; unexpected errors are logged, never shown. */
export function toHttpError(err: unknown, log: Logger, context: object): HttpError {
  if (err instanceof HttpError) return err;
  const bodyError = err && typeof err === 'object' && 'type' in err ? BODY_ERRORS[String(err.type)] : undefined;
  if (bodyError) return new HttpError(bodyError.status, bodyError.code, bodyError.message);
  // Content-Encoding says gzip (or deflate, br) but the body is not: zlib's error, passed on by body-parser.
  if (isZlibError(err))
    return new HttpError(
      400,
      'invalid_content_encoding',
      'The request body does not match its Content-Encoding; send it compressed as declared, or without Content-Encoding',
    );
  // The router could not percent-decode a path parameter (`/api/stores/%E0%A4%A`): the client's mistake.
  if (err instanceof URIError) return new HttpError(400, 'invalid_path', 'The request path has malformed percent-encoding');
  if (isStoreUnavailable(err)) {
    log.warn({ ...context, err }, 'event store unavailable');
    return new HttpError(503, 'store_unavailable', 'The event store cannot be reached; nothing was changed. Try again shortly.');
  }
  log.error({ ...context, err }, 'request failed');
  return new HttpError(500, 'server_error', 'Something went wrong on the server; it has been logged.');
}

export const sendError = (res: Response, error: HttpError): void => {
  if (res.headersSent) return;
  const body: ErrorBody = { error: { code: error.code, message: error.message, details: error.details ?? null } };
  res.status(error.status).json(body);
};

/** Last in the router: errors from middleware (and anything a handler let escape) in the standard shape. */
export const errorMiddleware =
  (log: Logger) =>
  (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    sendError(res, toHttpError(err, requestLog(log, req), { method: req.method, path: req.path }));
  };
