import type { Customer } from '../../shared/domain/people';
import type { Vehicle } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import type { Command } from '../../shared/workflow/commands';
import { localDate, roNumber } from '../ids';
import type { Rng } from './simulate';

/**
 * The plan of a store's past: every command of `days` days with the instant it happened at, in
 * time order. Pure and deterministic for a seed (ids, plates and tokens come from the seed too),
 * so the same seed gives the same log. Work is scheduled on the store's real technicians and
 * bays, one job at a time each, so the workflow's rules (a technician or a bay busy) never refuse.
 */

export interface TimedCommand {
  at: number;
  command: Command;
  tag?: string;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Arrivals per opening hour from 08:00 (morning drop-off peak, a smaller one after lunch). */
const ARRIVAL_WEIGHTS = [14, 16, 12, 8, 5, 9, 10, 8, 6, 4, 2];
/** Sunday first: Saturday is the busiest day, Sunday the quietest. */
const WEEKDAY_FACTOR = [0.65, 1.1, 1, 0.95, 1, 1.05, 1.3];
const APPOINTMENT_SHARE = 0.45;
export const PAST_RATES = { noShow: 0.09, cancelAppointment: 0.1, cancelAtDesk: 0.02, rework: 0.07, partsWait: 0.08, survey: 0.62, comeback: 0.03 } as const;
const CANCEL_REASONS = ['客户临时有事，改约', '行程变更，出差', '车辆已在其他店维修', '价格原因', '天气原因，改日再来', '车辆故障已自行排除'];
const DESK_CANCEL_REASONS = ['客户不同意报价', '客户临时有事，改约下周', '配件无货，客户决定改日'];
const QC_REASONS = ['试车仍有异响', '扭矩复检不合格', '故障灯未熄灭', '四轮定位数据超差', '漆面有橘皮，需返工'];
const PARTS = ['前刹车片（原厂）', '空调压缩机皮带', '变速箱油滤芯总成', '左前大灯总成', '电子节气门', '后保险杠支架'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['伟', '芳', '娜', '强', '静', '磊', '敏', '洋', '婷', '杰', '涛', '丽', '军', '鹏', '雪', '浩', '佳', '昊', '欣', '晨'];
const MAKES: [string, string][] = [
  ['Audi', 'A6L'],
  ['Audi', 'Q5L'],
  ['Audi', 'A4L'],
  ['BMW', '530Li'],
  ['BMW', 'X3'],
  ['Mercedes-Benz', 'C260L'],
  ['Toyota', 'Camry'],
  ['Honda', 'Accord'],
  ['Volkswagen', 'Passat'],
  ['BYD', 'Han EV'],
  ['Tesla', 'Model Y'],
  ['Buick', 'GL8'],
  ['Nissan', 'Sylphy'],
  ['Geely', 'Xingyue L'],
];
const COLORS = ['黑色', '白色', '银色', '灰色', '蓝色', '红色'];
const PLATE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
/** The plate's province by the store's city (its Chinese name). */
const PROVINCES: [string, string][] = [
  ['上海', '沪'],
  ['广州', '粤'],
  ['深圳', '粤'],
  ['天津', '津'],
  ['北京', '京'],
];

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length) % items.length];
const between = (rng: Rng, lo: number, hi: number) => lo + rng() * (hi - lo);
const quarter = (ms: number) => Math.ceil(ms / (15 * MIN)) * 15 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();
const weighted = (rng: Rng, weights: readonly number[]) => {
  let r = rng() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) < 0) return i;
  return weights.length - 1;
};

/** Milliseconds of the store-local midnight starting `date` (YYYY-MM-DD) in `timeZone`. */
export function localMidnight(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
      .formatToParts(new Date(guess))
      .map((p) => [p.type, Number(p.value)]),
  );
  return guess - (Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute) - guess);
}

interface Fleet {
  vehicle: Vehicle;
  customer: Customer;
  lastCodes: string[];
  lastAt: number;
  firstAt?: number;
}

/** A number from a plate (FNV-1a), so a car's driving and dates need no draw from the rng (the rest of the past stays as it was). */
const plateHash = (plate: string, salt: string) => {
  let h = 0x811c9dc5;
  for (const ch of salt + plate) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h;
};

/**
 * The car as it comes in on this visit (维修提醒 needs the odometer moving): each car drives its
 * own 20–140 km a day from its first visit; one in eight has an insurance expiry and one in ten
 * an annual inspection on record, from ten days ago to about three months ahead.
 */
function visitVehicle(car: Fleet, arrive: number, todayStart: number): Vehicle {
  car.firstAt ??= arrive;
  const plate = car.vehicle.plate;
  const kmPerDay = 20 + (plateHash(plate, 'km') % 121);
  const dateIn = (salt: string) => new Date(todayStart + ((plateHash(plate, salt) % 110) - 10) * DAY + 12 * HOUR).toISOString().slice(0, 10);
  return {
    ...car.vehicle,
    mileageKm: Math.round((car.vehicle.mileageKm ?? 0) + kmPerDay * ((arrive - car.firstAt) / DAY)),
    ...(plateHash(plate, 'ins') % 8 === 0 ? { insuranceExpiresOn: dateIn('ins-date') } : {}),
    ...(plateHash(plate, 'insp') % 10 === 0 ? { inspectionDueOn: dateIn('insp-date') } : {}),
  };
}

/** Plan `days` whole local days before `now`'s local date for one store. */
export function planPast(store: Store, now: Date, days: number, rng: Rng, prefix = 'p'): TimedCommand[] {
  const out: TimedCommand[] = [];
  const push = (at: number, command: Command, tag?: string) => out.push({ at, command, ...(tag ? { tag } : {}) });
  const bays = store.bays.filter((b) => b.kind !== 'wash');
  const workers = store.technicians.filter((t) => t.roles.includes('technician'));
  const work = store.catalogue.filter((c) => c.bayKind !== 'wash');
  if (!bays.length || !workers.length || !work.length) return out;
  // How well each technician works: standard hours over worked hours, 0.8–1.3 (docs/kpis.md: efficiency).
  const efficiency = new Map(workers.map((t) => [t.id, between(rng, 0.8, 1.3)]));
  const techFree = new Map(workers.map((t) => [t.id, 0]));
  const bayFree = new Map(bays.map((b) => [b.id, 0]));
  const province = PROVINCES.find(([city]) => store.name['zh-CN'].includes(city))?.[1] ?? '京';
  const plateLetter = pick(rng, ['N', 'Q', 'H', 'P', 'E', 'K']);
  let ids = 0;
  const id = (kind: string) => `${kind}-${prefix}${(++ids).toString(36)}`;
  const token = () =>
    Array.from({ length: 24 }, () => PLATE_CHARS[Math.floor(rng() * PLATE_CHARS.length)])
      .join('')
      .toLowerCase();
  const newFleet = (): Fleet => {
    const [make, model] = pick(rng, MAKES);
    const plate = province + plateLetter + Array.from({ length: 5 }, () => pick(rng, [...PLATE_CHARS])).join('');
    const salutation = rng() < 0.55 ? ('mr' as const) : ('ms' as const);
    const phone = `1${pick(rng, ['38', '39', '58', '86', '36'])}${String(Math.floor(rng() * 1e8)).padStart(8, '0')}`;
    return {
      vehicle: { plate, make, model, color: pick(rng, COLORS), mileageKm: Math.round(between(rng, 3_000, 150_000)) },
      customer: { name: pick(rng, SURNAMES) + pick(rng, GIVEN) + (rng() < 0.5 ? pick(rng, GIVEN) : ''), phone, salutation },
      lastCodes: [],
      lastAt: 0,
    };
  };
  const fleet: Fleet[] = [];
  const base = Math.max(6, Math.round(workers.length * 2.6));
  const today = localDate(now, store.timezone);
  const todayStart = localMidnight(today, store.timezone);
  const openH = Number(store.openingHours.open.slice(0, 2));

  const firstDay = localMidnight(localDate(new Date(todayStart - days * DAY + 12 * HOUR), store.timezone), store.timezone);
  for (let d = days; d >= 1; d--) {
    const dayStart = localMidnight(localDate(new Date(todayStart - d * DAY + 12 * HOUR), store.timezone), store.timezone);
    const date = localDate(new Date(dayStart + 12 * HOUR), store.timezone);
    const weekday = new Date(dayStart + 12 * HOUR).getUTCDay();
    const open = dayStart + openH * HOUR;
    let roCount = 0;

    // Technicians clock in (the scan page's sign-in) and out; each has one day off a week.
    const onShift = workers.filter((t, i) => (d + i) % 7 !== 0);
    for (const t of onShift) {
      const start = open - 15 * MIN + between(rng, 0, 30) * MIN;
      const end = open + 9.5 * HOUR + between(rng, 0, 60) * MIN;
      techFree.set(t.id, Math.max(techFree.get(t.id)!, start));
      push(start, { type: 'signInDevice', deviceId: `phone-${t.id}`, personId: t.id, method: 'badge', until: iso(open + 11 * HOUR) });
      push(end, { type: 'signOutDevice', deviceId: `phone-${t.id}` });
    }

    const arrivals = Math.round(base * WEEKDAY_FACTOR[weekday] * between(rng, 0.85, 1.15));
    const times = Array.from({ length: arrivals }, () => open + (weighted(rng, ARRIVAL_WEIGHTS) + rng()) * HOUR).sort((a, b) => a - b);
    for (const arrive of times) {
      // A returning car: some come back within the month for the same job (a comeback).
      const recent = fleet.filter((f) => f.lastAt > arrive - 30 * DAY && f.lastAt < arrive - DAY);
      const comeback = recent.length > 0 && rng() < PAST_RATES.comeback;
      const car = comeback ? pick(rng, recent) : fleet.length > 40 && rng() < 0.2 ? pick(rng, fleet) : newFleet();
      if (!fleet.includes(car)) fleet.push(car);
      const vehicle = visitVehicle(car, arrive, todayStart);
      const opCount = comeback ? 1 : weighted(rng, [55, 32, 13]) + 1;
      const jobs = comeback
        ? [work.find((w) => w.code === car.lastCodes[0]) ?? pick(rng, work)]
        : [...new Set(Array.from({ length: opCount }, () => pick(rng, work)))];
      const advisorId = store.advisors.length ? pick(rng, store.advisors).id : undefined;
      let appointmentId: string | undefined;
      if (rng() < APPOINTMENT_SHARE) {
        appointmentId = id('ap');
        const due = quarter(arrive - between(rng, 0, 20) * MIN);
        // Booked up to a week ahead, but not before the first day of the past.
        const booked = Math.max(due - between(rng, 0.5, 7) * DAY, firstDay + between(rng, 7, 8) * HOUR);
        push(booked, {
          type: 'createAppointment',
          appointmentId,
          at: iso(due),
          vehicle,
          customer: car.customer,
          services: jobs.map((j) => j.code),
          ...(advisorId ? { advisorId } : {}),
        });
        const fate = rng();
        if (fate < PAST_RATES.noShow) {
          push(due + between(rng, 60, 120) * MIN, { type: 'markAppointmentNoShow', appointmentId });
          continue;
        }
        if (fate < PAST_RATES.noShow + PAST_RATES.cancelAppointment) {
          push(booked + (due - booked) * between(rng, 0.2, 0.95), { type: 'cancelAppointment', appointmentId, reason: pick(rng, CANCEL_REASONS) });
          continue;
        }
      }
      const roId = id('ro');
      const operations = jobs.map((j) => ({ id: id('op'), code: j.code, title: j.title[store.locale] ?? j.title['zh-CN'], standardHours: j.standardHours }));
      const wash = rng() < 0.75;
      car.lastCodes = jobs.map((j) => j.code);
      car.lastAt = arrive;
      const create = (promised: number) =>
        push(
          arrive,
          {
            type: 'createRepairOrder',
            roId,
            number: roNumber(date, roCount++),
            stage: 'checked_in',
            vehicle,
            customer: car.customer,
            ...(advisorId ? { advisorId } : {}),
            ...(appointmentId ? { appointmentId } : {}),
            promisedAt: iso(promised),
            priority: 'normal',
            wash,
            trackingToken: token(),
            operations,
          },
          comeback ? 'comeback' : undefined,
        );
      if (rng() < PAST_RATES.cancelAtDesk) {
        create(quarter(arrive + 2 * HOUR));
        push(arrive + between(rng, 5, 30) * MIN, { type: 'cancel', roId, reason: pick(rng, DESK_CANCEL_REASONS) });
        continue;
      }
      let t = arrive + between(rng, 8, 30) * MIN;
      push(t, { type: 'sendToWorkshop', roId });
      const done: { opId: string; tech: string; bay: string; hours: number }[] = [];
      const partsOn = rng() < PAST_RATES.partsWait ? Math.floor(rng() * jobs.length) : -1;
      for (let i = 0; i < jobs.length; i++) {
        const job = jobs[i];
        const skilled = onShift.filter((w) => w.skills.includes(job.bayKind));
        const pool = skilled.length ? skilled : onShift.length ? onShift : workers;
        const tech = pool.reduce((a, b) => (techFree.get(b.id)! < techFree.get(a.id)! ? b : a));
        const ofKind = bays.filter((b) => b.kind === job.bayKind);
        const bayPool = ofKind.length ? ofKind : bays.filter((b) => b.kind === 'general').length ? bays.filter((b) => b.kind === 'general') : bays;
        const bay = bayPool.reduce((a, b) => (bayFree.get(b.id)! < bayFree.get(a.id)! ? b : a));
        const assignAt = t + between(rng, 3, 25) * MIN;
        push(assignAt, { type: 'assignOperation', roId, operationId: operations[i].id, bayId: bay.id, technicianId: tech.id });
        const start = Math.max(assignAt + MIN, techFree.get(tech.id)! + MIN, bayFree.get(bay.id)! + MIN);
        push(start, { type: 'startOperation', roId, operationId: operations[i].id });
        let end = start + (job.standardHours / efficiency.get(tech.id)!) * between(rng, 0.85, 1.15) * HOUR;
        if (i === partsOn) {
          // Waiting for a part: the car and the technician wait with it (held, so nothing else is started there).
          const pausedAt = start + (end - start) * between(rng, 0.2, 0.6);
          const eta = quarter(pausedAt + between(rng, 1, 3) * HOUR);
          const back = eta + between(rng, -45, 90) * MIN;
          push(
            pausedAt,
            { type: 'pauseOperation', roId, operationId: operations[i].id, pause: { reason: 'parts', part: pick(rng, PARTS), eta: iso(eta) } },
            'parts',
          );
          push(back, { type: 'resumeOperation', roId, operationId: operations[i].id });
          end += back - pausedAt;
        }
        push(end, { type: 'finishOperation', roId, operationId: operations[i].id });
        techFree.set(tech.id, end);
        bayFree.set(bay.id, end);
        done.push({ opId: operations[i].id, tech: tech.id, bay: bay.id, hours: job.standardHours });
        t = end;
      }
      // The advisor promised what the board showed at check-in (the work as planned, QC and wash),
      // give or take: a rework, a slow wash or an optimistic promise makes a car late.
      const promised = quarter(t + (wash ? 70 : 35) * MIN + between(rng, -25, 80) * MIN);
      create(promised);
      t += between(rng, 10, 40) * MIN;
      if (rng() < PAST_RATES.rework) {
        // QC fails: the last job is redone by the same technician in the same bay.
        const redo = done[done.length - 1];
        push(t, { type: 'qcFail', roId, reason: pick(rng, QC_REASONS), operationIds: [redo.opId] }, 'rework');
        const start = Math.max(t + 5 * MIN, techFree.get(redo.tech)! + MIN, bayFree.get(redo.bay)! + MIN);
        push(start, { type: 'startOperation', roId, operationId: redo.opId });
        const end = start + redo.hours * between(rng, 0.3, 0.6) * HOUR;
        push(end, { type: 'finishOperation', roId, operationId: redo.opId });
        techFree.set(redo.tech, end);
        bayFree.set(redo.bay, end);
        t = end + between(rng, 10, 30) * MIN;
      }
      push(t, { type: 'qcPass', roId });
      if (wash) push((t += between(rng, 20, 45) * MIN), { type: 'washDone', roId });
      // Most customers come at the promised time or a little before; a car ready late leaves late.
      const pickup = t <= promised ? Math.max(t + 5 * MIN, promised - between(rng, 0, 90) * MIN) : t + between(rng, 10, 60) * MIN;
      const deliveredAt = rng() < 0.06 ? pickup + between(rng, 30, 120) * MIN : pickup;
      push(deliveredAt, { type: 'deliver', roId }, deliveredAt > promised ? 'late' : undefined);
      if (rng() < PAST_RATES.survey) {
        const late = deliveredAt > promised;
        const score = 5 - weighted(rng, late ? [30, 35, 20, 10, 5] : [66, 24, 6, 2, 2]);
        push(deliveredAt + between(rng, 1, 30) * HOUR, { type: 'submitSurvey', roId, score });
      }
    }
  }
  // Nothing reaches into today, which is the seed's: a visit not over by midnight is left out
  // whole (with its appointment), so no car of the past holds a bay or a technician today.
  const spills = new Set<string>();
  for (const c of out) if (c.at >= todayStart && c.command.type !== 'submitSurvey' && 'roId' in c.command) spills.add(c.command.roId);
  for (const c of out) if (c.command.type === 'createRepairOrder' && spills.has(c.command.roId) && c.command.appointmentId) spills.add(c.command.appointmentId);
  const refersTo = (c: Command) => ('roId' in c && spills.has(c.roId)) || ('appointmentId' in c && !!c.appointmentId && spills.has(c.appointmentId));
  return out.filter((c) => c.at < todayStart && !refersTo(c.command)).sort((a, b) => a.at - b.at);
}
