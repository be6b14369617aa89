import { z } from 'zod';
import { IdSchema } from './ids';

export const SalutationSchema = z.enum(['mr', 'ms', 'none']);
export type Salutation = z.infer<typeof SalutationSchema>;

/** Staff roles; who may do what is in shared/workflow/permissions.ts. A manager reads everything and acts at the front desk. */
export const RoleSchema = z.enum(['technician', 'inspector', 'washer', 'advisor', 'dispatcher', 'manager', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/**
 * A working shift, store-local 24-hour HH:MM; an `end` not after `start` ends the next day. A
 * clock still running past its end (plus the store's `alarms.clockGraceMinutes`) raises an alarm.
 */
export const ShiftSchema = z
  .object({
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, e.g. "08:30"'),
    end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, e.g. "17:30"'),
  })
  .strict();
export type Shift = z.infer<typeof ShiftSchema>;

export const TechnicianSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(40),
  teamId: IdSchema,
  /** This person's shift; without one, their team's; without that, the store's opening hours. */
  shift: ShiftSchema.optional(),
  skills: z.array(z.string().max(30)).default([]),
  roles: z.array(RoleSchema).default(['technician']),
});
export type Technician = z.infer<typeof TechnicianSchema>;

export const TeamSchema = z.object({ id: IdSchema, name: z.string().min(1).max(40), shift: ShiftSchema.optional() });
export type Team = z.infer<typeof TeamSchema>;

export const AdvisorSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(40),
  desk: z.string().max(20).optional(),
  roles: z.array(RoleSchema).default(['advisor']),
});
export type Advisor = z.infer<typeof AdvisorSchema>;

/** Other people who sign in: dispatchers, inspectors, washers, admins. */
export const StaffMemberSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(40),
  roles: z.array(RoleSchema).min(1),
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;

export const PhoneSchema = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\+?[0-9]{6,15}$/, 'phone number must be 6–15 digits'));

export const CustomerSchema = z.object({
  name: z.string().trim().min(1).max(40),
  phone: PhoneSchema,
  salutation: SalutationSchema.default('none'),
});
export type Customer = z.infer<typeof CustomerSchema>;
