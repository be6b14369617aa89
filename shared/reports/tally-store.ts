import { zoneOffsetMs } from '../domain/local-date';
import { datesOf } from './range';
import { COMEBACK_DAYS, emptyDay, emptyTally, STAGES, type ReportRows, type Tally, type TallyContext } from './tally';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Every time zone's offset is a multiple of 15 minutes, so a piece this long never spans two local hours. */
const SLICE = 15 * MINUTE;

const ms = (iso: string | null) => (iso === null ? undefined : Date.parse(iso));
const clockMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const hourKey = (h: number) => String(h).padStart(2, '0');
const HOUR_KEYS = Array.from({ length: 24 }, (_, h) => hourKey(h));

/**
 * The local hour and date of an instant. Intl's formatting costs microseconds a call, and a
 * year's report asks for tens of thousands of instants: the zone's offset is looked up once per
 * UTC day, and used as arithmetic on every day it does not change; on a day it does (a
 * daylight-saving switch) each 15-minute slice is looked up instead.
 */
function zoneClock(timeZone: string) {
  const perDay = new Map<number, number | null>();
  const perSlice = new Map<number, number>();
  const offsetAt = (at: number) => {
    const day = Math.floor(at / DAY);
    let offset = perDay.get(day);
    if (offset === undefined) {
      const first = zoneOffsetMs(day * DAY, timeZone);
      perDay.set(day, (offset = first === zoneOffsetMs(day * DAY + DAY - MINUTE, timeZone) ? first : null));
    }
    if (offset !== null) return offset;
    const slice = Math.floor(at / SLICE);
    let sliced = perSlice.get(slice);
    if (sliced === undefined) perSlice.set(slice, (sliced = zoneOffsetMs(slice * SLICE, timeZone)));
    return sliced;
  };
  return {
    hour: (at: number) => {
      const local = at + offsetAt(at);
      return Math.floor((((local % DAY) + DAY) % DAY) / HOUR);
    },
    date: (at: number) => new Date(at + offsetAt(at)).toISOString().slice(0, 10),
  };
}
type ZoneClock = ReturnType<typeof zoneClock>;

/** Splits [a, b) into local hours: hour → ms. */
function byLocalHour(a: number, b: number, clock: ZoneClock, into: Record<string, number>, scale = 1): void {
  for (let t = a; t < b;) {
    const next = Math.min(b, (Math.floor(t / SLICE) + 1) * SLICE);
    const key = HOUR_KEYS[clock.hour(t)];
    into[key] = (into[key] ?? 0) + (next - t) * scale;
    t = next;
  }
}

/** Total length of the union of intervals (a technician signed in on two phones is there once). */
function unionLength(intervals: [number, number][]): number {
  let total = 0;
  let until = -Infinity;
  for (const [a, b] of [...intervals].sort((x, y) => x[0] - y[0])) {
    if (b <= until) continue;
    total += b - Math.max(a, until);
    until = b;
  }
  return total;
}

/** The bays' open minutes over the range, in all and by local hour of day (from the opening hours). */
export function openTime(ctx: Pick<TallyContext, 'openingHours' | 'range' | 'bayIds'>): Pick<Tally, 'openMinutesByHour'> & { bays: Tally['bays'] } {
  const open = clockMinutes(ctx.openingHours.open);
  const close = clockMinutes(ctx.openingHours.close);
  const openMinutesByHour: Record<string, number> = {};
  for (let h = 0; h < 24; h++) {
    const minutes = Math.max(0, Math.min(close, (h + 1) * 60) - Math.max(open, h * 60));
    openMinutesByHour[hourKey(h)] = minutes * ctx.range.days * ctx.bayIds.length;
  }
  return { openMinutesByHour, bays: { workedMinutes: 0, openMinutes: (close - open) * ctx.range.days * ctx.bayIds.length } };
}

/**
 * [start, end) cut where the zone's offset changes (a daylight-saving switch), each piece with its
 * offset: one piece in a zone without DST. SQL splits work into local hours piece by piece, each
 * with plain arithmetic. A switch falls on a 15-minute boundary; it is found to the minute.
 */
export function offsetPieces(start: number, end: number, timeZone: string): { from: number; to: number; offset: number }[] {
  const pieces: { from: number; to: number; offset: number }[] = [];
  let from = start;
  let offset = zoneOffsetMs(start, timeZone);
  for (let day = start; day < end; day += DAY) {
    const last = Math.min(end, day + DAY) - MINUTE;
    if (zoneOffsetMs(last, timeZone) === offset) continue;
    // The first minute of the new offset, by bisection within the day.
    let lo = day;
    let hi = last;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (zoneOffsetMs(mid, timeZone) === offset) lo = mid;
      else hi = mid;
    }
    pieces.push({ from, to: hi, offset });
    from = hi;
    offset = zoneOffsetMs(hi, timeZone);
  }
  pieces.push({ from, to: end, offset });
  return pieces;
}

/** One store's tally for a range: the counts and samples behind every KPI (definitions: docs/kpis.md). */
export function tallyStore(rows: ReportRows, ctx: TallyContext): Tally {
  const t = emptyTally();
  const { start, end, timeZone } = ctx.range;
  const clock = zoneClock(timeZone);
  const dateOf = clock.date;
  const inRange = (at: number | undefined): at is number => at !== undefined && at >= start && at < end;
  const now = Math.min(ctx.now, end);
  const tech = (id: string) => (t.technicians[`${ctx.storeId}/${id}`] ??= { attendedHours: 0, workedHours: 0, standardHours: 0 });
  for (const id of ctx.technicianIds) tech(id);

  // Throughput, delivery, cycle and stage times, QC, surveys: per visit.
  for (const date of datesOf(ctx.range)) t.byDay[date] = emptyDay();
  const opsOf = new Map<string, typeof rows.operations>();
  for (const o of rows.operations) (opsOf.get(o.ro_id) ?? opsOf.set(o.ro_id, []).get(o.ro_id)!).push(o);
  const laterVisits = new Map<string, typeof rows.visits>();
  for (const v of rows.visits) if (v.vehicle_ref) (laterVisits.get(v.vehicle_ref) ?? laterVisits.set(v.vehicle_ref, []).get(v.vehicle_ref)!).push(v);

  for (const v of rows.visits) {
    const checkedIn = ms(v.checked_in_at);
    const delivered = ms(v.delivered_at);
    if (inRange(checkedIn)) {
      t.rosIn++;
      t.byDay[dateOf(checkedIn)].in++;
    }
    if (!inRange(delivered)) continue;
    t.rosOut++;
    const day = t.byDay[dateOf(delivered)];
    day.out++;
    const promised = ms(v.promised_at);
    if (promised !== undefined) {
      t.onTime.withPromise++;
      day.withPromise++;
      if (delivered <= promised) {
        t.onTime.delivered++;
        day.onTime++;
      }
    }
    const ops = opsOf.get(v.ro_id) ?? [];
    t.soldHours += ops.reduce((sum, o) => sum + o.standard_hours, 0);
    if (checkedIn !== undefined) {
      t.sameDay.checkedIn++;
      if (dateOf(checkedIn) === dateOf(delivered)) t.sameDay.delivered++;
      const cycle = (delivered - checkedIn) / MINUTE;
      t.cycleMinutes.push(cycle);
      day.cycleMinutes += cycle;
      day.cycled++;
      t.touch.cycleMinutes += cycle;
      t.touch.workedMinutes += ops.reduce((sum, o) => sum + o.worked_minutes, 0);
    }
    for (const [stage, entered, minutes] of STAGES) if (v[entered] !== null) t.stageMinutes[stage].push(v[minutes] as number);
    if (v.qc_first_pass !== null) {
      t.qc.inspected++;
      t.qc.firstPass += v.qc_first_pass;
    }
    t.reworks += v.rework_count;
    if (v.survey_score !== null) {
      t.survey.responses++;
      t.survey.scoreSum += v.survey_score;
      t.survey.byScore[v.survey_score] = (t.survey.byScore[v.survey_score] ?? 0) + 1;
    }
    if (v.vehicle_ref) {
      t.comebacks.delivered++;
      const codes = new Set(v.op_codes.split(',').filter(Boolean));
      const back = (laterVisits.get(v.vehicle_ref) ?? []).some((w) => {
        const again = ms(w.checked_in_at);
        return (
          w.ro_id !== v.ro_id &&
          again !== undefined &&
          again > delivered &&
          again <= delivered + COMEBACK_DAYS * 24 * HOUR &&
          w.op_codes.split(',').some((c) => codes.has(c))
        );
      });
      if (back) t.comebacks.comeback++;
    }
  }

  // Bays: worked time of each run inside the range, and the open time of each bay.
  Object.assign(t, openTime(ctx));
  const bays = new Set(ctx.bayIds);
  for (const r of rows.runs) {
    const a = Math.max(Date.parse(r.started_at), start);
    const b = Math.min(ms(r.ended_at) ?? now, end);
    if (b <= a) continue;
    if (r.technician_id) tech(r.technician_id).workedHours += (b - a) / HOUR;
    if (!r.bay_id || !bays.has(r.bay_id)) continue;
    t.bays.workedMinutes += (b - a) / MINUTE;
    byLocalHour(a, b, clock, (t.bayHours[`${ctx.storeId}/${r.bay_id}`] ??= {}), 1 / MINUTE);
  }

  // Technicians: attendance (the union of their sign-ins) and standard hours of what they finished.
  const signIns = new Map<string, [number, number][]>();
  for (const a of rows.attendance) {
    const from = Math.max(Date.parse(a.clock_in), start);
    const until = Math.min(Date.parse(a.clock_out), now);
    if (until > from) (signIns.get(a.person_id) ?? signIns.set(a.person_id, []).get(a.person_id)!).push([from, until]);
  }
  for (const [person, intervals] of signIns) {
    // Inspectors and washers sign in on the scan page too; only technicians' time is attendance here.
    if (ctx.technicianIds.includes(person) || t.technicians[`${ctx.storeId}/${person}`]) tech(person).attendedHours += unionLength(intervals) / HOUR;
  }
  const counted = new Set<string>();
  for (const o of rows.operations) {
    const key = `${o.ro_id}\u0000${o.operation_id}`;
    if (counted.has(key) || o.status !== 'done' || !inRange(ms(o.finished_at)) || !o.technician_id) continue;
    counted.add(key);
    tech(o.technician_id).standardHours += o.standard_hours;
  }

  // Appointments.
  for (const a of rows.appointments) {
    if (inRange(ms(a.booked_at))) {
      t.appointments.booked++;
      t.appointments.leadHours.push(a.lead_minutes / 60);
    }
    if (!inRange(ms(a.due_at))) continue;
    t.appointments.due++;
    if (a.status === 'checked_in') t.appointments.arrived++;
    if (a.status === 'no_show') t.appointments.noShow++;
    if (a.status === 'cancelled') {
      t.appointments.cancelled++;
      const reason = a.cancel_reason ?? '';
      t.cancelReasons[reason] = (t.cancelReasons[reason] ?? 0) + 1;
    }
  }

  // Parts waits begun in the range (a wait still open counts until now).
  for (const p of rows.pauses) {
    const from = Date.parse(p.started_at);
    if (p.reason !== 'parts' || !inRange(from)) continue;
    const until = ms(p.ended_at) ?? ctx.now;
    t.partsWaits.count++;
    t.partsWaits.minutes += Math.max(0, until - from) / MINUTE;
    const eta = ms(p.eta);
    if (eta !== undefined) {
      t.partsWaits.withEta++;
      if (until > eta) t.partsWaits.late++;
    }
  }

  for (const c of rows.calls) {
    if (!inRange(ms(c.asked_at))) continue;
    t.calls.asked++;
    if (c.answer_minutes !== null) {
      t.calls.answered++;
      t.calls.answerMinutes.push(c.answer_minutes);
    }
  }
  return t;
}
