import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Store } from '../../shared/domain/shop';
import type { AppDeps } from '../deps';
import { mayCall, maySeeStore, type Access } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { fieldProblems, HttpError, invalidInput, sendError, toHttpError } from './errors';
import { requestLog } from './security';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type { Access } from '../auth/policy';

/** What a handler answers; the wrapper sends it as JSON. A handler that wrote `res` itself returns nothing. */
export interface Reply {
  status: number;
  body: unknown;
}

/** `{data}` with a status (200 unless given). */
export const data = (value: unknown, status = 200): Reply => ({ status, body: { data: value } });

/** For the OpenAPI document: the success answer of a route. */
export interface ResponseDoc {
  status: number;
  description: string;
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
}

type StoreOf<Path extends string> = string extends Path ? Store | undefined : Path extends `${string}:storeId${string}` ? Store : undefined;
type PrincipalOf<A> = A extends 'public' ? Principal | undefined : Principal;

export interface HandlerContext<Path extends string, A extends Access> {
  deps: AppDeps;
  req: Request;
  res: Response;
  principal: PrincipalOf<A>;
  /** The store named by `:storeId`, already checked to exist and be visible to the principal. */
  store: StoreOf<Path>;
}

export interface RouteSpec<Path extends string = string, A extends Access = Access, P = unknown, Q = unknown, B = unknown> {
  /** Unique; the OpenAPI operationId. */
  name: string;
  method: Method;
  /** Express path, e.g. `/api/stores/:storeId/repair-orders/:roId`. */
  path: Path;
  access: A;
  summary: string;
  tag: string;
  params?: z.ZodType<P>;
  /** Default: no query parameters allowed. */
  query?: z.ZodType<Q>;
  /** A schema, or one built per store (plates depend on the country, operations on the catalogue). */
  body?: z.ZodType<B> | ((store: Store) => z.ZodType<B>);
  response: ResponseDoc;
  /**
   * For the OpenAPI document only: a multipart/form-data body the handler reads itself (add-on
   * photos), its text fields and its files.
   */
  multipart?: { fields: z.ZodType; files: { name: string; maxItems: number; types: readonly string[]; maxBytes: number } };
  run(input: { params: P; query: Q; body: B }, ctx: HandlerContext<Path, A>): Promise<Reply | void>;
}

// Routes of every shape live in one list; `defineRoute` checks each one's own types first.
export type AnyRoute = RouteSpec<string, Access, unknown, unknown, unknown>;

/** Declare a route; the types of `run`'s input follow from the schemas. */
export const defineRoute = <const Path extends string, const A extends Access, P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  spec: RouteSpec<Path, A, P, Q, B>,
): AnyRoute => spec as unknown as AnyRoute;

const NO_QUERY = z.strictObject({});

/** The body schema of a route for one store, built once per store. */
export const bodySchemaFor = (route: AnyRoute): ((store: Store | undefined) => z.ZodType) | undefined => {
  const body = route.body;
  if (!body) return undefined;
  if (typeof body !== 'function') return () => body;
  const cache = new WeakMap<Store, z.ZodType>();
  return (store) => {
    if (!store) throw new Error(`route ${route.name} builds its body per store but has no :storeId`);
    let schema = cache.get(store);
    if (!schema) cache.set(store, (schema = body(store)));
    return schema;
  };
};

const parse = <T>(where: string, schema: z.ZodType<T>, value: unknown): T => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(fieldProblems(where, parsed.error));
  return parsed.data;
};

const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

const BODY_LIMIT = 100 * 1024;
const jsonParser = express.json({ limit: BODY_LIMIT });

/** A body error as body-parser marks it, so toHttpError answers it the same way. */
const bodyError = (type: string, cause?: unknown) => Object.assign(new Error(type, { cause }), { type });

const plainJsonLength = (req: Request): number | undefined => {
  const { headers } = req;
  if (headers['transfer-encoding'] !== undefined) return undefined;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  const type = headers['content-type'] ?? '';
  const semicolon = type.indexOf(';');
  if (semicolon >= 0 && !/^\s*charset\s*=\s*"?utf-8"?\s*$/i.test(type.slice(semicolon + 1))) return undefined;
  const length = Number(headers['content-length']);
  return Number.isInteger(length) && length >= 0 && length <= BODY_LIMIT && /^\d+$/.test(headers['content-length']!) ? length : undefined;
};

const readPlainJson = (req: Request, length: number) =>
  new Promise<void>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const done = (err?: unknown) => {
      // The error listener stays: a connection reset after this must not become an unhandled 'error'.
      req.off('data', onData).off('end', onEnd).off('aborted', onAborted);
      if (err) reject(err);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      chunks.push(chunk);
    };
    const onAborted = () => done(bodyError('request.aborted'));
    const onEnd = () => {
      if (received !== length) return done(bodyError('request.size.invalid'));
      let text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received)).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.length === 0) {
        req.body = {};
        return done();
      }
      const first = /^[\x20\x09\x0a\x0d]*(.|$)/s.exec(text)![1];
      if (first !== '{' && first !== '[') return done(bodyError('entity.parse.failed'));
      try {
        req.body = JSON.parse(text);
      } catch (err) {
        return done(bodyError('entity.parse.failed', err));
      }
      done();
    };
    req.on('data', onData).on('end', onEnd).on('error', done).on('aborted', onAborted);
  });

/**
 * Reads the JSON body into req.body. The body of the plainest request — a Content-Length within the limit, no Content-Encoding,
 * UTF-8 — read and checked the way body-parser does (a leading BOM dropped, an empty body is `{}`,
 * only an object or array at the top), at a fraction of its cost per request: this is every scan
 * action's path. Anything else (compressed, chunked, another charset, too large) goes to
 * body-parser itself.
 */
const readJson = (req: Request, res: Response) => {
  const length = plainJsonLength(req);
  if (length !== undefined && !req.readableEnded) return readPlainJson(req, length);
  return new Promise<void>((resolve, reject) => jsonParser(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
};

/**
 * Answer JSON without express's res.json: an API answer is never cached, so the ETag (a SHA-1 of
 * every body) and the freshness check it pays for are work a scan action does for nothing.
 */
const sendJson = (res: Response, status: number, body: unknown) => {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
};

function visibleStore(deps: AppDeps, principal: Principal | undefined, storeId: string): Store {
  if (principal && !maySeeStore(principal, storeId)) throw new HttpError(403, 'forbidden', `You may not see store "${storeId}"`);
  const store = deps.service.storeConfig(storeId);
  if (!store) throw new HttpError(404, 'unknown_store', `There is no store "${storeId}"`);
  return store;
}

/**
 * The one wrapper every route goes through, in this order: who is asking (401), params (400),
 * the store and whether they may see it (403/404), their role (403), query (400), the JSON body
 * (415/413/400, read only now so strangers cannot make us parse), then the handler. Whatever
 * is thrown becomes `{error: {code, message, details}}`; unexpected errors are logged and
 * answered 500 without internals.
 */
export function toHandler(route: AnyRoute, deps: AppDeps): RequestHandler {
  const bodySchema = bodySchemaFor(route);
  return async (req, res) => {
    let storeId: string | undefined;
    try {
      const principal = deps.auth.fromRequest(req);
      if (route.access !== 'public' && !principal) throw new HttpError(401, 'unauthenticated', 'Sign in, or send Authorization: Bearer <API key>');
      const params = route.params ? parse('params', route.params, { ...req.params }) : {};
      storeId = typeof (params as { storeId?: unknown }).storeId === 'string' ? (params as { storeId: string }).storeId : undefined;
      const store = storeId ? visibleStore(deps, principal, storeId) : undefined;
      if (!mayCall(principal, route.access))
        throw new HttpError(
          403,
          'forbidden',
          `This needs one of the roles: ${Array.isArray(route.access) && route.access.length ? route.access.join(', ') : 'none may'}`,
        );
      // `display` is a credential (display token), not an input.
      const { display: _display, ...rawQuery } = req.query as Record<string, unknown>;
      const query = parse('query', route.query ?? NO_QUERY, rawQuery);
      let body: unknown;
      if (bodySchema) {
        if (hasBody(req) && !req.is('application/json'))
          throw new HttpError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
        await readJson(req, res);
        body = parse('body', bodySchema(store), req.body ?? {});
      }
      const reply = await route.run({ params, query, body }, { deps, req, res, principal, store });
      if (reply && !res.headersSent) sendJson(res, reply.status, reply.body);
    } catch (err) {
      sendError(res, toHttpError(err, requestLog(deps.log, req), { route: route.name, method: req.method, path: req.path, storeId }));
    }
    deps.metrics?.httpAnswers.inc({ route: route.name, status: res.statusCode });
  };
}
