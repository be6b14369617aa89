import type { Request } from 'express';
import { z } from 'zod';
import { ExternalIdSchema, IdSchema } from '../../shared/domain/ids';
import { AppointmentSchema, RepairOrderSchema } from '../../shared/domain/repair-order';
import { rolesFor } from '../../shared/workflow/permissions';
import { actorOfPrincipal } from '../actors';
import { mayCommit } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { importJobsOf, ImportJobSchema } from '../dms/import-jobs';
import { CSV_COLUMNS, type ImportFormat } from '../dms/import-rows';
import { appointmentUpsertBody, roUpsertBody, upsertAppointment, upsertRepairOrder, type UpsertContext, type UpsertResult } from '../dms/upsert';
import { HttpError } from './errors';
import { data, defineRoute, type Reply } from './route';
import type { Store } from '../../shared/domain/shop';
import type { AppDeps } from '../deps';

/**
 * The DMS side of the API: create-or-update by the DMS's own id, and import files of them.
 * The upsert rules are in server/dms/upsert.ts, the file formats in server/dms/import-rows.ts.
 */
const tag = 'DMS import';
const byExternalId = z.strictObject({ storeId: IdSchema, externalId: ExternalIdSchema });
const FILE_LIMIT = 5 * 1024 * 1024;

const OutcomeSchema = z
  .enum(['created', 'updated', 'unchanged', 'stale'])
  .describe('`unchanged`: the body matched the record, nothing was committed; `stale`: its updatedAt is older than the one applied, so it was ignored');
const upserted = (name: string, record: z.ZodType) =>
  z.object({
    data: z.object({ [name]: record, outcome: OutcomeSchema, seq: z.number().int().optional(), appliedUpdatedAt: z.string().optional() }),
  });

const contextOf = (deps: AppDeps, principal: Principal, store: Store): UpsertContext => {
  if (!mayCommit(principal)) throw new HttpError(403, 'forbidden', 'A display cannot import');
  return { service: deps.service, store, actor: actorOfPrincipal(principal), source: 'api' };
};

const answer = (name: string, r: UpsertResult<unknown>): Reply =>
  data(
    {
      [name]: r.record,
      outcome: r.outcome,
      ...(r.seq !== undefined ? { seq: r.seq } : {}),
      ...(r.appliedUpdatedAt ? { appliedUpdatedAt: r.appliedUpdatedAt } : {}),
    },
    r.outcome === 'created' ? 201 : 200,
  );

const FORMAT_OF_TYPE: Record<string, ImportFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
  'application/jsonlines': 'jsonl',
};

async function readFile(req: Request): Promise<{ format: ImportFormat; text: string }> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const format = FORMAT_OF_TYPE[type];
  if (!format) throw new HttpError(415, 'unsupported_media_type', 'Send the file as text/csv or application/x-ndjson (JSON lines), UTF-8');
  const encoding = req.headers['content-encoding'];
  if (encoding && encoding !== 'identity') throw new HttpError(415, 'unsupported_media_type', 'Send the file uncompressed');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > FILE_LIMIT) throw new HttpError(413, 'payload_too_large', `An import file is at most ${FILE_LIMIT / 1024 / 1024} MB; split it`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FILE_LIMIT) throw new HttpError(413, 'payload_too_large', `An import file is at most ${FILE_LIMIT / 1024 / 1024} MB; split it`);
    chunks.push(chunk);
  }
  const buffer = Buffer.concat(chunks);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
  if (text.includes('\uFFFD')) throw new HttpError(400, 'invalid_file', 'The file is not UTF-8 text (save it as UTF-8; GBK exports need converting)');
  return { format, text };
}

export const dmsRoutes = [
  defineRoute({
    name: 'upsertRepairOrderByExternalId',
    method: 'put',
    path: '/api/stores/:storeId/repair-orders/by-external-id/:externalId',
    access: rolesFor('createRepairOrder'),
    tag,
    summary:
      'Create or update the repair order with this DMS id (the create body plus `updatedAt`); the same body twice changes nothing, an older `updatedAt` is ignored',
    params: byExternalId,
    body: roUpsertBody,
    response: { status: 200, description: 'The repair order and what happened (201 when it was created)', schema: upserted('repairOrder', RepairOrderSchema) },
    run: async ({ params, body }, { deps, principal, store }) =>
      answer('repairOrder', await upsertRepairOrder(contextOf(deps, principal, store), params.externalId, body)),
  }),
  defineRoute({
    name: 'upsertAppointmentByExternalId',
    method: 'put',
    path: '/api/stores/:storeId/appointments/by-external-id/:externalId',
    access: rolesFor('createAppointment'),
    tag,
    summary:
      'Create or update the appointment with this DMS id (the create body plus `updatedAt`); the same body twice changes nothing, an older `updatedAt` is ignored',
    params: byExternalId,
    body: appointmentUpsertBody,
    response: { status: 200, description: 'The appointment and what happened (201 when it was created)', schema: upserted('appointment', AppointmentSchema) },
    run: async ({ params, body }, { deps, principal, store }) =>
      answer('appointment', await upsertAppointment(contextOf(deps, principal, store), params.externalId, body)),
  }),
  defineRoute({
    name: 'startImport',
    method: 'post',
    path: '/api/stores/:storeId/imports',
    access: rolesFor('createRepairOrder'),
    tag,
    summary: `Import a file of repair orders or appointments (body: text/csv or application/x-ndjson; ?kind=repair-orders|appointments). CSV columns: repair orders ${CSV_COLUMNS['repair-orders'].join(', ')}; appointments ${CSV_COLUMNS.appointments.join(', ')}. Runs as a job: poll GET …/imports/{importId}`,
    params: z.strictObject({ storeId: IdSchema }),
    query: z.strictObject({ kind: z.enum(['repair-orders', 'appointments']) }),
    response: { status: 202, description: 'The job, started', schema: z.object({ data: ImportJobSchema }) },
    run: async ({ query }, { deps, req, principal, store }) => {
      const ctx = contextOf(deps, principal, store);
      const { format, text } = await readFile(req);
      return data(await (await importJobsOf(deps)).start(ctx, query.kind, format, text), 202);
    },
  }),
  defineRoute({
    name: 'getImport',
    method: 'get',
    path: '/api/stores/:storeId/imports/:importId',
    access: rolesFor('createRepairOrder'),
    tag,
    summary: 'An import job: progress, counts per outcome, and each bad line (line, field, message)',
    params: z.strictObject({ storeId: IdSchema, importId: IdSchema }),
    response: { status: 200, description: 'The job', schema: z.object({ data: ImportJobSchema }) },
    run: async ({ params }, { deps, store }) => {
      const job = await (await importJobsOf(deps)).get(store.id, params.importId);
      if (!job)
        throw new HttpError(404, 'not_found', `There is no import "${params.importId}" in this store (finished jobs are kept 30 days)`, {
          importId: params.importId,
        });
      return data(job);
    },
  }),
];
