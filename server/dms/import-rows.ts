import { parse } from 'csv-parse/sync';

/**
 * The lines of an import file: CSV with a header row (columns named as a STAR RepairOrder /
 * ServiceAppointment names its fields, flattened; see README "Importing from a DMS") or JSON lines,
 * each line the body of the PUT …/by-external-id route plus its `externalId`.
 */

export type ImportKind = 'repair-orders' | 'appointments';
export type ImportFormat = 'csv' | 'jsonl';

export interface LineProblem {
  line: number;
  field: string;
  message: string;
}

/** One line read from the file: the upsert it asks for, or what was wrong with it. */
export type ImportLine =
  { line: number; externalId: string; body: Record<string, unknown>; columns: Record<string, string> } | { line: number; problem: LineProblem };

/** CSV columns → where they go in the upsert body. The external id column comes first. */
export const CSV_COLUMNS: Record<ImportKind, readonly string[]> = {
  'repair-orders': [
    'ro_number',
    'status',
    'opened',
    'promised',
    'advisor',
    'plate',
    'vin',
    'make',
    'model',
    'color',
    'mileage_km',
    'insurance_expires',
    'inspection_due',
    'customer_name',
    'customer_phone',
    'customer_salutation',
    'priority',
    'description',
    'jobs',
    'updated_at',
  ],
  appointments: [
    'appointment_id',
    'at',
    'advisor',
    'bay',
    'plate',
    'vin',
    'make',
    'model',
    'color',
    'mileage_km',
    'insurance_expires',
    'inspection_due',
    'customer_name',
    'customer_phone',
    'customer_salutation',
    'services',
    'note',
    'updated_at',
  ],
};

/** Which CSV column a body path came from, so a problem names the column the DMS wrote. */
const COLUMN_OF_PATH: Record<string, string> = {
  'vehicle.plate': 'plate',
  'vehicle.vin': 'vin',
  'vehicle.make': 'make',
  'vehicle.model': 'model',
  'vehicle.color': 'color',
  'vehicle.mileageKm': 'mileage_km',
  'vehicle.insuranceExpiresOn': 'insurance_expires',
  'vehicle.inspectionDueOn': 'inspection_due',
  'customer.name': 'customer_name',
  'customer.phone': 'customer_phone',
  'customer.salutation': 'customer_salutation',
  promisedAt: 'promised',
  advisorId: 'advisor',
  bayId: 'bay',
  updatedAt: 'updated_at',
  stage: 'status',
  at: 'at',
  note: 'note',
  priority: 'priority',
  description: 'description',
};

/** The field a problem at `path` names: the CSV column for a CSV line, the JSON path otherwise. */
export function fieldOf(format: ImportFormat, path: readonly PropertyKey[]): string {
  const joined = path.map(String).join('.');
  if (format === 'jsonl') return joined;
  if (path[0] === 'operations') return 'jobs';
  if (path[0] === 'services') return 'services';
  return COLUMN_OF_PATH[joined] ?? joined;
}

const blank = (v: string | undefined) => v === undefined || v.trim() === '';
const text = (v: string | undefined) => (blank(v) ? undefined : v!.trim());

/** `12.5` → 12.5, `abc` → the string itself (the schema then names the column). */
const num = (v: string | undefined): number | string | undefined => {
  const t = text(v);
  if (t === undefined) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
};

const STAGE_OF_STATUS: Record<string, string> = {
  open: 'checked_in',
  'checked-in': 'checked_in',
  checked_in: 'checked_in',
  'in-progress': 'checked_in',
  scheduled: 'scheduled',
  'pre-ro': 'scheduled',
  preliminary: 'scheduled',
  booked: 'scheduled',
};

/** `OIL;BRK:1.2;LOF9:0.8:Lube, oil, filter` → operations (labour operation id, allowance hours, description). */
function jobs(v: string | undefined): unknown[] {
  const t = text(v);
  if (!t) return [];
  return t
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((job) => {
      const [code, hours, ...title] = job.split(':');
      return Object.fromEntries(
        Object.entries({
          code: code?.trim(),
          standardHours: num(hours),
          title: text(title.join(':')) ?? (hours !== undefined ? code?.trim() : undefined),
        }).filter(([, x]) => x !== undefined),
      );
    });
}

const clean = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function vehicleAndCustomer(c: Record<string, string>) {
  return {
    vehicle: clean({
      plate: text(c.plate) ?? '',
      vin: text(c.vin)?.toUpperCase(),
      make: text(c.make) ?? '',
      model: text(c.model),
      color: text(c.color),
      mileageKm: num(c.mileage_km),
      insuranceExpiresOn: text(c.insurance_expires),
      inspectionDueOn: text(c.inspection_due),
    }),
    customer: clean({ name: text(c.customer_name) ?? '', phone: text(c.customer_phone) ?? '', salutation: text(c.customer_salutation) }),
  };
}

function bodyOfCsv(kind: ImportKind, c: Record<string, string>): Record<string, unknown> {
  if (kind === 'repair-orders') {
    const status = text(c.status)?.toLowerCase();
    return clean({
      ...vehicleAndCustomer(c),
      stage: status === undefined ? undefined : (STAGE_OF_STATUS[status] ?? status),
      promisedAt: text(c.promised),
      advisorId: text(c.advisor),
      priority: text(c.priority)?.toLowerCase(),
      description: text(c.description),
      operations: jobs(c.jobs),
      updatedAt: text(c.updated_at),
    });
  }
  return clean({
    ...vehicleAndCustomer(c),
    at: text(c.at) ?? '',
    advisorId: text(c.advisor),
    bayId: text(c.bay),
    services: (text(c.services) ?? '')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean),
    note: text(c.note),
    updatedAt: text(c.updated_at),
  });
}

/** Parse a CSV file into lines; a line the parser cannot read becomes that line's problem, the rest go on. */
export function csvLines(kind: ImportKind, file: string): ImportLine[] {
  const idColumn = CSV_COLUMNS[kind][0]!;
  const out: ImportLine[] = [];
  const records = parse(file, {
    bom: true,
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      const line = Number((err as { lines?: unknown } | undefined)?.lines ?? 0);
      out.push({ line, problem: { line, field: '', message: err?.message ?? 'unreadable line' } });
      return undefined;
    },
    on_record: (record: Record<string, string>, ctx) => ({ record, line: ctx.lines }),
  }) as unknown as { record: Record<string, string>; line: number }[];
  const known = new Set(CSV_COLUMNS[kind]);
  for (const { record, line } of records) {
    const unknown = Object.keys(record).filter((k) => !known.has(k));
    if (unknown.length) {
      out.push({ line, problem: { line, field: unknown[0]!, message: `unknown column "${unknown[0]}"; the columns are ${CSV_COLUMNS[kind].join(', ')}` } });
      continue;
    }
    const externalId = text(record[idColumn]);
    if (!externalId) {
      out.push({ line, problem: { line, field: idColumn, message: `${idColumn} is required` } });
      continue;
    }
    out.push({ line, externalId, body: bodyOfCsv(kind, record), columns: record });
  }
  return out.sort((a, b) => a.line - b.line);
}

/** Parse JSON lines; blank lines are skipped, every other line is one object with `externalId`. */
export function jsonLines(file: string): ImportLine[] {
  const out: ImportLine[] = [];
  file
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      if (!raw.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (err) {
        out.push({ line, problem: { line, field: '', message: `not valid JSON: ${(err as Error).message}` } });
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        out.push({ line, problem: { line, field: '', message: 'each line is one JSON object' } });
        return;
      }
      const { externalId, ...body } = value as Record<string, unknown>;
      if (typeof externalId !== 'string' || !externalId.trim()) {
        out.push({ line, problem: { line, field: 'externalId', message: 'externalId is required (a string)' } });
        return;
      }
      out.push({ line, externalId: externalId.trim(), body, columns: {} });
    });
  return out;
}
