import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';
import { CustomerSchema, SalutationSchema } from '../../shared/domain/people';
import { normalisePlate, plateSchema, type Country } from '../../shared/domain/plate';
import { VehicleSchema } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import type { OperationDraft } from '../../shared/workflow/commands';

/**
 * Request shapes shared by several route files. Every object is strict: a misspelt field is a
 * 400 naming it, never silently dropped.
 */

/** A vehicle as a client sends it: the plate is checked for the store's country and normalised. */
export const vehicleInput = (country: Country) => VehicleSchema.extend({ plate: plateSchema(country) }).strict();

export const customerInput = CustomerSchema.strict();

/**
 * Partial vehicle and customer for PATCH. Built without the full schemas' defaults, which a
 * plain `.partial()` keeps: `{plate}` alone would otherwise also set model and colour to ''.
 */
export const vehiclePatchInput = (country: Country) =>
  VehicleSchema.extend({
    plate: plateSchema(country),
    model: VehicleSchema.shape.model.unwrap(),
    color: VehicleSchema.shape.color.unwrap(),
  })
    .partial()
    .strict();

export const customerPatchInput = CustomerSchema.extend({ salutation: SalutationSchema }).partial().strict();

export const nonEmpty = (value: object) => Object.keys(value).length > 0;

/**
 * An operation as a client asks for it: a catalogue code fills the title (in the store's
 * locale) and standard hours; any other code must bring both.
 */
export const operationInput = (store: Pick<Store, 'catalogue' | 'locale'>) =>
  z
    .strictObject({
      code: z.string().trim().min(1).max(20),
      title: z.string().trim().min(1).max(80).optional(),
      standardHours: z.number().positive().max(100).optional(),
      bayId: IdSchema.optional(),
      technicianId: IdSchema.optional(),
    })
    .transform((op, ctx): Omit<OperationDraft, 'id'> => {
      const item = store.catalogue.find((c) => c.code === op.code);
      const title = op.title ?? item?.title[store.locale];
      const standardHours = op.standardHours ?? item?.standardHours;
      if (title === undefined || standardHours === undefined) {
        ctx.addIssue({ code: 'custom', path: ['code'], message: `"${op.code}" is not in the service catalogue; give title and standardHours too` });
        return z.NEVER;
      }
      return compact({ code: op.code, title, standardHours, bayId: op.bayId, technicianId: op.technicianId });
    });

/** A catalogue service code (appointments ask for services by code). */
export const serviceCode = (store: Pick<Store, 'catalogue'>) =>
  z
    .string()
    .max(20)
    .refine((code) => store.catalogue.some((c) => c.code === code), {
      error: (issue) => `"${String(issue.input)}" is not in the service catalogue`,
    });

/** `a,b` or `a` → one or more values of an enum, for list filters. */
export const csvOf = <T extends string>(values: z.ZodType<T>) =>
  // The cast only widens the enum's input type to string[]: the array schema still checks every value.
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()))
    .pipe(z.array(values).min(1) as unknown as z.ZodType<T[], string[]>);

export const plateFilter = z.string().max(20).transform(normalisePlate);

export const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
};

export const page = <T>(items: T[], q: { limit: number; offset: number }) => ({
  data: items.slice(q.offset, q.offset + q.limit),
  total: items.length,
});

/** Drop undefined fields: commands are stored verbatim, and a replay must see exactly what was decided. */
export const compact = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
