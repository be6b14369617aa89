import type { Appointment } from '../../../shared/domain/repair-order';
import type { CancelReason } from '../../../shared/domain/plan-config';
import type { Bay, CatalogueItem } from '../../../shared/domain/shop';
import type { DayCapacity } from '../../../shared/workflow/capacity';
import { call, type ApiError } from '../../common/actions';

/** The planner's REST calls (server/http/plan.ts and appointments.ts) with the session cookie; answers typed without zod. */

export type PlannedAppointment = Appointment & { startsAt: string; endsAt: string };

export interface Plan {
  from: string;
  days: number;
  timezone: string;
  openingHours: { open: string; close: string };
  slotMinutes: number;
  bays: Bay[];
  catalogue: CatalogueItem[];
  cancelReasons: CancelReason[];
  capacity: DayCapacity[];
  appointments: PlannedAppointment[];
  cancellations: { code: string; label: { 'zh-CN': string; en: string }; count: number }[];
}

export interface BookingInput {
  at: string;
  bayId?: string;
  services: string[];
  vehicle: { plate: string; make: string };
  customer: { name: string; phone: string };
  note?: string;
  override?: { reason: string };
}

export type MoveInput = { at?: string; bayId?: string; override?: { reason: string } };

export type Written = { ok: true } | { ok: false; error: ApiError & { details?: unknown } };

const seg = encodeURIComponent;
const base = (storeId: string) => `/api/stores/${seg(storeId)}/appointments`;
const written = async (p: Promise<{ ok: boolean; error?: ApiError }>): Promise<Written> => {
  const r = await p;
  return r.ok ? { ok: true } : { ok: false, error: r.error! };
};

export async function loadPlan(storeId: string, from: string, days: number): Promise<{ ok: true; plan: Plan } | { ok: false; message: string }> {
  const r = await call<{ data: Plan }>('GET', `/api/stores/${seg(storeId)}/plan?from=${seg(from)}&days=${days}`);
  return r.ok ? { ok: true, plan: r.data.data } : { ok: false, message: r.error.message };
}

export const bookAppointment = (storeId: string, input: BookingInput) => written(call('POST', base(storeId), input));
export const moveAppointment = (storeId: string, id: string, input: MoveInput) => written(call('PATCH', `${base(storeId)}/${seg(id)}`, input));
export const cancelAppointment = (storeId: string, id: string, reason: string) => written(call('DELETE', `${base(storeId)}/${seg(id)}?reason=${seg(reason)}`));
export const markNoShow = (storeId: string, id: string) => written(call('POST', `${base(storeId)}/${seg(id)}/no-show`, {}));

/** The skills a refusal says are short, when it is `over_capacity`. */
export const shortOf = (error: ApiError & { details?: unknown }): { skill: string; neededHours: number; freeHours: number }[] | undefined =>
  error.code === 'over_capacity' ? ((error.details as { short?: { skill: string; neededHours: number; freeHours: number }[] })?.short ?? []) : undefined;
