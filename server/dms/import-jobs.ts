import { z } from 'zod';
import { ExternalIdSchema } from '../../shared/domain/ids';
import { HttpError } from '../http/errors';
import { newId } from '../ids';
import { csvLines, fieldOf, jsonLines, type ImportFormat, type ImportKind, type LineProblem } from './import-rows';
import type { Logger } from '../log';
import { openImportJobDb, type ImportJobDb, type ImportJobRow } from './job-store';
import { appointmentUpsertBody, roUpsertBody, upsertAppointment, upsertRepairOrder, type UpsertContext, type UpsertOutcome } from './upsert';

/**
 * Import jobs: a file's lines applied one after another through the same upsert as the PUT
 * routes, in the background. A bad line is recorded (line, field, message) and the next one goes
 * on; a file imported twice applies nothing the second time (every line is `unchanged`).
 *
 * A job's progress, counts and errors are kept in a table (./job-store.ts: `imports.sqlite`
 * embedded, PostgreSQL when scaled out), written as the job goes on, so `GET …/imports/{id}`
 * answers after a restart and from any process. A job whose process stopped before its end is
 * reported as it is: `interrupted`, with the file's line from which lines may not have been
 * applied. Importing the same file again finishes it: the lines already applied answer
 * `unchanged` (upserts by external id are idempotent), the others are applied.
 */

export const ImportJobSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  kind: z.enum(['repair-orders', 'appointments']),
  format: z.enum(['csv', 'jsonl']),
  status: z
    .enum(['running', 'done', 'interrupted'])
    .describe("`interrupted`: the server stopped before the job's end (see interruptedAtLine); import the file again to finish it"),
  lines: z.number().int().describe('Data lines in the file (header and blank lines not counted)'),
  processed: z.number().int().describe('Lines known to be done (applied or refused); while running it may lag a moment behind'),
  counts: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), stale: z.number().int(), failed: z.number().int() }),
  errors: z
    .array(z.object({ line: z.number().int(), field: z.string(), message: z.string() }))
    .describe('One entry per bad line: its line number in the file, the column (CSV) or JSON path, and what was wrong'),
  interruptedAtLine: z.number().int().optional().describe("With `interrupted`: the file's line number from which lines may not have been applied"),
  message: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
});
export type ImportJob = z.infer<typeof ImportJobSchema>;

/** Problems kept per job; after that only the count grows. */
const MAX_ERRORS = 1000;
/** Progress is written at least this often while a job runs (and the heartbeat renewed). */
const PROGRESS_EVERY_MS = 1000;
const PROGRESS_LINES = 100;
/** A `running` job whose heartbeat is older than this was in a process that stopped. */
export const STALE_MS = 30_000;
/** Finished jobs are kept this long. */
const KEEP_MS = 30 * 86_400_000;

const interruptedMessage = (line: number) =>
  `The server stopped while this import ran: lines from line ${line} on may not have been applied. Import the same file again to finish it; lines already applied are answered unchanged.`;

function jobOf(row: ImportJobRow): ImportJob {
  return {
    id: row.id,
    storeId: row.store_id,
    kind: row.kind as ImportJob['kind'],
    format: row.format as ImportJob['format'],
    status: row.status,
    lines: Number(row.lines),
    processed: Number(row.processed),
    counts: JSON.parse(row.counts),
    errors: JSON.parse(row.errors),
    ...(row.status === 'interrupted' && row.next_line !== null
      ? { interruptedAtLine: Number(row.next_line), message: interruptedMessage(Number(row.next_line)) }
      : {}),
    startedAt: row.started_at,
    ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
  };
}

interface Live {
  job: ImportJob;
  /** The file line of the first line not done yet. */
  nextLine: number | null;
  run: Promise<void>;
}

export class ImportJobs {
  readonly #live = new Map<string, Live>();
  #closing = false;

  constructor(
    readonly db: ImportJobDb,
    private readonly o: { now?: () => number; log?: Logger; onClose?: () => Promise<void> } = {},
  ) {}

  /**
   * Open the jobs' table. Embedded, this process holds the data dir's lock, so a job still marked
   * running was in a process that is gone: it is marked interrupted now. With PostgreSQL another
   * process may be running it: it is found interrupted once its heartbeat is STALE_MS old.
   */
  static async open(o: { dataDir: string; databaseUrl?: string; sqliteFile?: string; log?: Logger; now?: () => number }): Promise<ImportJobs> {
    const opened = await openImportJobDb(o);
    const jobs = new ImportJobs(opened.db, { now: o.now, log: o.log, onClose: opened.close });
    const now = jobs.#now();
    if (opened.dialect === 'sqlite') await jobs.#interruptStale(new Date(now + 1).toISOString());
    await opened.db
      .deleteFrom('import_jobs')
      .where('status', '!=', 'running')
      .where('started_at', '<', new Date(now - KEEP_MS).toISOString())
      .execute();
    return jobs;
  }

  #now(): number {
    return (this.o.now ?? Date.now)();
  }

  async #interruptStale(before: string, id?: string): Promise<void> {
    let q = this.db
      .updateTable('import_jobs')
      .set({ status: 'interrupted', finished_at: new Date(this.#now()).toISOString() })
      .where('status', '=', 'running')
      .where('heartbeat_at', '<', before);
    if (id) q = q.where('id', '=', id);
    const result = await q.executeTakeFirst();
    if (!id && Number(result.numUpdatedRows)) this.o.log?.warn({ jobs: Number(result.numUpdatedRows) }, 'imports: jobs of a stopped server marked interrupted');
  }

  async get(storeId: string, id: string): Promise<ImportJob | undefined> {
    const live = this.#live.get(id);
    if (live) return live.job.storeId === storeId ? structuredClone(live.job) : undefined;
    let row = await this.db.selectFrom('import_jobs').selectAll().where('id', '=', id).where('store_id', '=', storeId).executeTakeFirst();
    if (row?.status === 'running' && Date.parse(row.heartbeat_at) < this.#now() - STALE_MS) {
      await this.#interruptStale(new Date(this.#now() - STALE_MS).toISOString(), id);
      row = await this.db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    }
    return row ? jobOf(row) : undefined;
  }

  /** Resolves when the job has run to its end (tests). */
  async settled(id: string): Promise<void> {
    await this.#live.get(id)?.run;
  }

  async #save(live: Live, final?: 'done' | 'interrupted'): Promise<void> {
    const { job } = live;
    if (final) {
      job.status = final;
      job.finishedAt = new Date(this.#now()).toISOString();
    }
    await this.db
      .updateTable('import_jobs')
      .set({
        status: job.status,
        processed: job.processed,
        next_line: final === 'done' ? null : live.nextLine,
        counts: JSON.stringify(job.counts),
        errors: JSON.stringify(job.errors),
        finished_at: job.finishedAt ?? null,
        heartbeat_at: new Date(this.#now()).toISOString(),
      })
      .where('id', '=', job.id)
      .execute();
  }

  /** Read the file (refusing one that is not of the format at all), record the job and start applying it. */
  async start(ctx: UpsertContext, kind: ImportKind, format: ImportFormat, file: string): Promise<ImportJob> {
    if (this.#closing) throw new HttpError(503, 'unavailable', 'The server is stopping; send the file again in a moment');
    let lines;
    try {
      lines = format === 'csv' ? csvLines(kind, file) : jsonLines(file);
    } catch (err) {
      // Only the header can make the whole file unreadable; a bad data line is skipped by the parser.
      throw new HttpError(400, 'invalid_file', `The file cannot be read as ${format.toUpperCase()}: ${(err as Error).message}`);
    }
    if (lines.length === 0) throw new HttpError(400, 'invalid_file', 'The file has no data lines');
    const job: ImportJob = {
      id: newId('imp'),
      storeId: ctx.store.id,
      kind,
      format,
      status: 'running',
      lines: lines.length,
      processed: 0,
      counts: { created: 0, updated: 0, unchanged: 0, stale: 0, failed: 0 },
      errors: [],
      startedAt: new Date(this.#now()).toISOString(),
    };
    const live: Live = { job, nextLine: lines[0]!.line, run: Promise.resolve() };
    await this.db
      .insertInto('import_jobs')
      .values({
        id: job.id,
        store_id: job.storeId,
        kind,
        format,
        status: 'running',
        lines: job.lines,
        processed: 0,
        next_line: live.nextLine,
        counts: JSON.stringify(job.counts),
        errors: '[]',
        started_at: job.startedAt,
        finished_at: null,
        heartbeat_at: job.startedAt,
      })
      .execute();
    const answer = structuredClone(job);
    const problem = (p: LineProblem) => {
      job.counts.failed++;
      if (job.errors.length < MAX_ERRORS) job.errors.push(p);
    };
    const schema = kind === 'repair-orders' ? roUpsertBody(ctx.store) : appointmentUpsertBody(ctx.store);
    live.run = (async () => {
      let savedAt = this.#now();
      let savedLines = 0;
      for (const [i, line] of lines.entries()) {
        if (this.#closing) break;
        try {
          if ('problem' in line) {
            problem(line.problem);
            continue;
          }
          const id = ExternalIdSchema.safeParse(line.externalId);
          if (!id.success) {
            problem({
              line: line.line,
              field: format === 'csv' ? (kind === 'repair-orders' ? 'ro_number' : 'appointment_id') : 'externalId',
              message: id.error.issues[0]!.message,
            });
            continue;
          }
          const parsed = schema.safeParse(line.body);
          if (!parsed.success) {
            const issue = parsed.error.issues[0]!;
            problem({ line: line.line, field: fieldOf(format, issue.path), message: issue.message });
            continue;
          }
          const outcome: UpsertOutcome =
            kind === 'repair-orders'
              ? (await upsertRepairOrder(ctx, id.data, parsed.data as never)).outcome
              : (await upsertAppointment(ctx, id.data, parsed.data as never)).outcome;
          job.counts[outcome]++;
        } catch (err) {
          if (!(err instanceof HttpError) || err.status >= 500) {
            problem({ line: line.line, field: '', message: 'the line could not be applied (server error); import the file again to retry it' });
          } else {
            const details = err.details as Record<string, unknown> | undefined;
            const field = details && typeof details === 'object' ? (Object.keys(details).find((k) => k !== 'current' && k !== 'requested') ?? '') : '';
            problem({ line: line.line, field, message: err.message });
          }
        } finally {
          job.processed++;
          live.nextLine = lines[i + 1]?.line ?? null;
        }
        if (job.processed - savedLines >= PROGRESS_LINES || this.#now() - savedAt >= PROGRESS_EVERY_MS) {
          await this.#save(live).catch((err: unknown) => this.o.log?.warn({ err, importId: job.id }, 'imports: progress could not be written'));
          savedAt = this.#now();
          savedLines = job.processed;
        }
      }
      const final = job.processed === job.lines ? 'done' : 'interrupted';
      await this.#save(live, final).catch((err: unknown) => this.o.log?.error({ err, importId: job.id }, 'imports: the end of a job could not be written'));
    })();
    this.#live.set(job.id, live);
    void live.run.finally(() => this.#live.delete(job.id));
    return answer;
  }

  /** Stop every running job after its current line, record each as interrupted there, close the table. */
  async close(): Promise<void> {
    this.#closing = true;
    await Promise.allSettled([...this.#live.values()].map((l) => l.run));
    await this.o.onClose?.();
  }
}

const memoryJobs = new WeakMap<object, Promise<ImportJobs>>();
/**
 * The import jobs of an application: the durable ones main opens (deps.imports), or for an
 * application made without them (unit tests) an in-memory table of its own.
 */
export function importJobsOf(deps: { imports?: ImportJobs; service: object }): Promise<ImportJobs> {
  if (deps.imports) return Promise.resolve(deps.imports);
  let jobs = memoryJobs.get(deps.service);
  if (!jobs) memoryJobs.set(deps.service, (jobs = ImportJobs.open({ dataDir: '', sqliteFile: ':memory:' })));
  return jobs;
}
