import { z } from 'zod';
import { IdSchema } from './ids';

export const SalutationSchema = z.enum(['mr', 'ms', 'none']);
export type Salutation = z.infer<typeof SalutationSchema>;

/** Staff roles; who may do what is in shared/workflow/permissions.ts. A manager reads everything and acts at the front desk. */
export const RoleSchema = z.enum(['technician', 'inspector', 'washer', 'advisor', 'dispatcher', 'manager', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

export const TechnicianSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(40),
  teamId: IdSchema,
  skills: z.array(z.string().max(30)).default([]),
  roles: z.array(RoleSchema).default(['technician']),
});
export type Technician = z.infer<typeof TechnicianSchema>;

export const TeamSchema = z.object({ id: IdSchema, name: z.string().min(1).max(40) });
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
