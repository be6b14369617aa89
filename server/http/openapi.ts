import { DistributionSchema, RatioSchema, StoreReportSchema, SummarySchema } from '../../shared/reports/summary';
import { z } from 'zod';
import { AppointmentSchema, RepairOrderSchema } from '../../shared/domain/repair-order';
import { StoreSchema } from '../../shared/domain/shop';
import { ErrorBodySchema } from './errors';
import { bodySchemaFor, type AnyRoute } from './route';

type Json = Record<string, unknown>;

/**
 * The OpenAPI 3.1 document, generated from the very zod schemas the routes parse with, so
 * the docs cannot drift from what the server accepts. Built once at start-up.
 */
export function buildOpenApi(routes: readonly AnyRoute[], info: { version: string }): Json {
  const components: Record<string, Json> = {};
  const registry = z.registry<{ id: string }>();
  registry.add(RepairOrderSchema, { id: 'RepairOrder' });
  registry.add(AppointmentSchema, { id: 'Appointment' });
  registry.add(ErrorBodySchema, { id: 'Error' });
  registry.add(RatioSchema, { id: 'Ratio' });
  registry.add(DistributionSchema, { id: 'Distribution' });
  registry.add(SummarySchema, { id: 'ReportSummary' });
  registry.add(StoreReportSchema, { id: 'StoreReport' });

  const toJson = (schema: z.ZodType, io: 'input' | 'output'): Json => {
    const { $schema: _s, $defs, ...rest } = z.toJSONSchema(schema, { io, metadata: registry, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, Json>)) {
      const hoisted = toComponentRefs(def) as Json;
      if (components[id] && JSON.stringify(components[id]) !== JSON.stringify(hoisted))
        throw new Error(`OpenAPI: schema "${id}" differs between uses (request vs response?); give one of them another id`);
      components[id] = hoisted;
    }
    return toComponentRefs(rest) as Json;
  };

  const paths: Record<string, Record<string, Json>> = {};
  const names = new Set<string>();
  for (const route of routes) {
    if (names.has(route.name)) throw new Error(`OpenAPI: two routes are named "${route.name}"`);
    names.add(route.name);
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    (paths[path] ??= {})[route.method] = operation(route, toJson);
  }
  // The Error schema is referenced by every error response, whether or not a route used it.
  toJson(z.object({ e: ErrorBodySchema }), 'output');

  return {
    openapi: '3.1.0',
    info: {
      title: 'Transparent Workshop API',
      version: info.version,
      description:
        'Repair orders and appointments of a dealership service workshop. Every write takes an optional ' +
        '`Idempotency-Key` header (the same key twice is applied once and answers the first result) and an optional ' +
        '`X-Source` header. Errors are `{error: {code, message, details}}`.',
    },
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      responses: Object.fromEntries(
        Object.entries(ERRORS).map(([status, description]) => [
          `Error${status}`,
          { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        ]),
      ),
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'The API key of a system integration (DMS/ERP)' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'tw_session', description: 'A staff session, set by a one-time sign-in link' },
        displayToken: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Display-Token',
          description: 'A paired display (also accepted as the `display` query parameter)',
        },
      },
    },
  };
}

const ERRORS: Record<number, string> = {
  400: 'Invalid input (`invalid_input`, details name each field) or malformed JSON (`invalid_json`)',
  401: 'Not signed in (`unauthenticated`)',
  403: 'Signed in, but not allowed here (`forbidden`)',
  404: 'No such store, repair order, appointment or operation',
  409: 'Not allowed in the current state (`illegal_transition`, naming both states) or a `conflict`',
  413: 'Body larger than 100 kB (`payload_too_large`)',
  415: 'Body not sent as application/json (`unsupported_media_type`)',
  422: 'Names a bay, technician or advisor that does not exist (`invalid_reference`), or reuses an Idempotency-Key',
  500: 'Unexpected server error (`server_error`), logged on the server',
  503: 'The event store cannot be reached (`store_unavailable`); nothing was changed',
};

// Any store will do for the docs: per-store schemas differ only in checks JSON Schema cannot show.
const DOC_STORE = StoreSchema.parse({ id: 'docs', name: { 'zh-CN': '文档', en: 'docs' }, bays: [{ id: 'bay-1', name: '1', kind: 'general' }] });

function operation(route: AnyRoute, toJson: (s: z.ZodType, io: 'input' | 'output') => Json): Json {
  const isStoreRoute = route.path.includes(':storeId');
  const body = bodySchemaFor(route)?.(DOC_STORE);
  const parameters = [
    ...fields(route.params, toJson).map(({ name, schema }) => ({ name, in: 'path', required: true, schema })),
    ...fields(route.query, toJson).map(({ name, schema, required }) => ({ name, in: 'query', required, schema })),
  ];
  const errors = [
    ...(parameters.length || body ? [400] : []),
    ...(route.access === 'public' ? [] : [401, 403]),
    ...(isStoreRoute ? [404] : []),
    ...(isStoreRoute && route.method !== 'get' ? [409, 422] : []),
    ...(body || route.multipart ? [413, 415] : []),
    ...(route.multipart ? [422] : []),
    500,
    ...(isStoreRoute ? [503] : []),
  ];
  const success = route.response;
  return {
    operationId: route.name,
    summary: route.summary,
    tags: [route.tag],
    ...(parameters.length ? { parameters } : {}),
    ...(body ? { requestBody: { required: !body.safeParse({}).success, content: { 'application/json': { schema: toJson(body, 'input') } } } } : {}),
    ...(route.multipart ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: multipartSchema(route.multipart, toJson) } } } } : {}),
    responses: {
      [success.status]: {
        description: success.description,
        ...(success.schema ? { content: { [success.contentType ?? 'application/json']: { schema: toJson(success.schema, 'output') } } } : {}),
      },
      ...Object.fromEntries(errors.map((status) => [status, { $ref: `#/components/responses/Error${status}` }])),
    },
    security:
      route.access === 'public'
        ? []
        : route.access === 'signed-in'
          ? [{ bearerAuth: [] }, { sessionCookie: [] }, { displayToken: [] }]
          : [{ bearerAuth: [] }, { sessionCookie: [] }],
  };
}

/** A multipart form: its text fields (as the schema names them) and its files, each an image of a listed type. */
function multipartSchema(m: NonNullable<AnyRoute['multipart']>, toJson: (s: z.ZodType, io: 'input' | 'output') => Json): Json {
  const json = toJson(m.fields, 'input');
  return {
    ...json,
    properties: {
      ...((json.properties ?? {}) as Record<string, Json>),
      [m.files.name]: {
        type: 'array',
        maxItems: m.files.maxItems,
        description: `Up to ${m.files.maxItems} files of ${m.files.types.join(', ')}, ${m.files.maxBytes / 1048576} MB each`,
        items: { type: 'string', format: 'binary', contentMediaType: m.files.types[0] },
      },
    },
  };
}

/** The top-level fields of an object schema, for path and query parameters. */
function fields(schema: z.ZodType | undefined, toJson: (s: z.ZodType, io: 'input' | 'output') => Json) {
  if (!schema) return [];
  const json = toJson(schema, 'input');
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries((json.properties ?? {}) as Record<string, Json>).map(([name, s]) => ({ name, schema: s, required: required.has(name) }));
}

const toComponentRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(toComponentRefs);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace(/^#\/\$defs\//, '#/components/schemas/') : toComponentRefs(v)]),
  );
};
