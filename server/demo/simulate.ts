import { randomUUID } from 'node:crypto';
import type { Customer } from '../../shared/domain/people';
import { CN_PROVINCES, isValidPlate } from '../../shared/domain/plate';
import { TERMINAL_STAGES, type Operation, type RepairOrder, type Vehicle } from '../../shared/domain/repair-order';
import type { BayKind, Store } from '../../shared/domain/shop';
import type { Command } from '../../shared/workflow/commands';
import type { Actor } from '../../shared/workflow/events';
import { activeJobOf } from '../../shared/workflow/lifecycle';
import { workedMsAt } from '../../shared/domain/stages';
import type { StoreState } from '../../shared/workflow/state';
import { localDate, newId, newTrackingToken, roNumber } from '../ids';
import { silentLogger, type Logger } from '../log';
import type { WorkshopService } from '../workshop-service';
import { systemActor } from '../actors';
import { shiftEndAfter, shiftOf } from '../alarms/detect';
import type { PacedTiming } from './paced-timing';

/**
 * Keeps the demo store alive: every few seconds one plausible thing happens — a car arrives,
 * a job is dispatched, started, paused for parts, finished, checked, washed or handed over.
 * It only proposes moves the workflow accepts (it asks `state.decide` first), so the log
 * stays free of refusals and the boards show a workshop that behaves like a real one.
 */

/** A source of numbers in [0, 1); tests pass a seeded one to get the same day every run. */
export type Rng = () => number;

export interface SimulationOptions {
  /** Time between steps; default 4000 ms. */
  intervalMs?: number;
  rng?: Rng;
  log?: Logger;
  /** Clock for appointment times and parts ETAs; the service's own clock stamps the events. */
  now?: () => Date;
  /** Open repair orders the simulator aims to keep on the floor; default 14. */
  targetOpen?: number;
  /** Jobs, parts, QC and wash take drawn times on the clock instead of finishing at random (bench:eta). */
  timing?: PacedTiming;
  /**
   * Now and then something goes wrong, as it does on a real floor, so the alarms have something
   * to catch (the demo turns this on): see `Incidents` below. Off for tests and benches that
   * measure the floor itself.
   */
  incidents?: boolean;
}

export interface SimStepResult {
  /** What was attempted, e.g. `startOperation`. */
  action: Command['type'];
  command: Command;
  ok: boolean;
  /** Why the service refused, when another writer got in between deciding and committing. */
  error?: string;
}

const SIM_ACTOR: Actor = systemActor('demo-simulator');
const MINUTE = 60_000;

/** A small, fast, seedable generator (mulberry32), good enough for picking demo moves. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length) % items.length];
const weightedPick = <T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T => {
  let r = rng() * items.reduce((sum, item) => sum + weight(item), 0);
  return items.find((item) => (r -= weight(item)) < 0) ?? items[items.length - 1];
};

// --- walk-in cars and customers ---

const MODELS: readonly [string, string][] = [
  ['Audi', 'A6L'],
  ['Audi', 'A4L'],
  ['Audi', 'Q5L'],
  ['BMW', '530Li'],
  ['BMW', 'X3'],
  ['Mercedes-Benz', 'C260L'],
  ['Mercedes-Benz', 'GLC 300L'],
  ['Volkswagen', 'Passat'],
  ['Volkswagen', 'Magotan'],
  ['Toyota', 'Camry'],
  ['Toyota', 'Corolla'],
  ['Honda', 'Accord'],
  ['Honda', 'CR-V'],
  ['Nissan', 'Sylphy'],
  ['Buick', 'GL8'],
  ['Haval', 'H6'],
  ['Geely', 'Xingyue L'],
];
const NEW_ENERGY_MODELS: readonly [string, string][] = [
  ['BYD', 'Han EV'],
  ['BYD', 'Seal'],
  ['Tesla', 'Model Y'],
  ['Tesla', 'Model 3'],
  ['NIO', 'ES6'],
  ['Li Auto', 'L7'],
  ['XPeng', 'P7'],
];
const COLOURS = ['黑色', '白色', '白色', '银色', '灰色', '蓝色', '红色'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '建华',
  '志强',
  '晓东',
  '雨桐',
  '子轩',
  '欣怡',
];
const FEMININE = new Set(['芳', '娜', '敏', '静', '丽', '艳', '娟', '秀英', '雨桐', '欣怡']);
// Letters in use for each province's passenger plates near a Beijing store.
const OFFICES: Record<string, string> = { 京: 'ACEFGHJKLMNPQ', 冀: 'AFRJ', 津: 'ACDE', 粤: 'AB', 沪: 'AB' };
const SERIAL = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const DIGITS = '0123456789';

function demoPlate(rng: Rng, newEnergy: boolean): string {
  const r = rng();
  const province = r < 0.75 ? '京' : r < 0.85 ? '冀' : r < 0.93 ? '津' : r < 0.97 ? '粤' : '沪';
  const office = pick(rng, [...(OFFICES[province] ?? 'A')]);
  const serial = newEnergy
    ? pick(rng, ['D', 'D', 'F']) + pick(rng, [...SERIAL]) + Array.from({ length: 4 }, () => pick(rng, [...DIGITS])).join('')
    : Array.from({ length: 5 }, (_, i) => (i === 0 || i === 3 || rng() < 0.25 ? pick(rng, [...SERIAL]) : pick(rng, [...DIGITS]))).join('');
  const plate = `${province}${office}${serial}`;
  return isValidPlate(plate, 'CN') && CN_PROVINCES.includes(province) ? plate : `京N${Array.from({ length: 5 }, () => pick(rng, [...DIGITS])).join('')}`;
}

function demoVehicle(rng: Rng): Vehicle {
  const newEnergy = rng() < 0.3;
  const [make, model] = pick(rng, newEnergy ? NEW_ENERGY_MODELS : MODELS);
  return { plate: demoPlate(rng, newEnergy), make, model, color: pick(rng, COLOURS), mileageKm: 2_000 + Math.floor(rng() * 150) * 1_000 };
}

function demoCustomer(rng: Rng): Customer {
  const given = pick(rng, GIVEN);
  const phone = `1${pick(rng, ['3', '5', '7', '8', '9'])}${Array.from({ length: 9 }, () => pick(rng, [...DIGITS])).join('')}`;
  return { name: pick(rng, [...SURNAMES]) + given, phone, salutation: FEMININE.has(given) ? 'ms' : 'mr' };
}

/** Whether a simulated customer ticks the kiosk's agreement to the visit's text messages (≈ 60 %). */
export const agreesToMessages = (phone: string) => Number(phone.at(-1)) % 5 < 3;

const PARTS = ['前刹车片（原厂）', '空调滤芯', '变速箱油滤芯总成', '左前大灯总成', '12V蓄电池 70Ah', '后保险杠支架', '火花塞（4支装）', '雨刮电机'];

// --- reading the floor ---

const isOpen = (ro: RepairOrder) => !TERMINAL_STAGES.includes(ro.stage);
const FLOOR_STAGES = ['waiting_dispatch', 'in_service'] as const;
const onFloor = (ro: RepairOrder) => (FLOOR_STAGES as readonly string[]).includes(ro.stage);

interface Floor {
  store: Store;
  state: StoreState;
  now: Date;
  /** Bay id → the repair order whose car holds it. */
  bayHolder: Map<string, string>;
  /** Technicians with a job assigned or running. */
  busyTechs: Set<string>;
  timing?: PacedTiming;
  incidents: boolean;
}

function readFloor(store: Store, state: StoreState, now: Date, timing?: PacedTiming, incidents = false): Floor {
  const bayHolder = new Map<string, string>();
  const busyTechs = new Set<string>();
  for (const ro of state.ros.values()) {
    if (!onFloor(ro)) continue;
    for (const op of ro.operations) {
      if (op.status === 'done' || op.status === 'unassigned') continue;
      if (op.bayId) bayHolder.set(op.bayId, ro.id);
      if (op.technicianId && op.status !== 'paused') busyTechs.add(op.technicianId);
    }
  }
  return { store, state, now, bayHolder, busyTechs, timing, incidents };
}

const bayKindOf = (store: Store, op: Operation): BayKind => store.catalogue.find((c) => c.code === op.code)?.bayKind ?? 'general';

/** A bay of the right kind that no other car holds, preferring one this car already uses. */
function freeBay(floor: Floor, ro: RepairOrder, kind: BayKind): string | undefined {
  const ofKind = floor.store.bays.filter((b) => b.kind === kind);
  const candidates = ofKind.length ? ofKind : floor.store.bays.filter((b) => b.kind === 'general');
  const own = candidates.find((b) => floor.bayHolder.get(b.id) === ro.id);
  return own?.id ?? candidates.find((b) => !floor.bayHolder.has(b.id))?.id;
}

function freeTechnician(floor: Floor, kind: BayKind, rng: Rng): string | undefined {
  const able = floor.store.technicians.filter(
    (t) =>
      t.roles.includes('technician') && (t.skills.length === 0 || t.skills.includes(kind)) && !floor.busyTechs.has(t.id) && !activeJobOf(floor.state, t.id),
  );
  return able.length ? pick(rng, able).id : undefined;
}

/** Kiosk tickets run A001, A002… through the day, after whatever the seed handed out. */
function nextQueueNumber(state: StoreState): string {
  let last = 0;
  for (const ro of state.ros.values()) {
    const n = /^A(\d+)$/.exec(ro.queueNumber ?? '')?.[1];
    if (n) last = Math.max(last, Number(n));
  }
  return `A${String(last + 1).padStart(3, '0')}`;
}

// --- incidents: what a dispatcher's alarms are for ---

/**
 * A fixed share of jobs, cars, parts and calls go wrong, picked by their ids (so the same ones in
 * every process and on every step, with no memory kept): a job runs long, at each shift's end one
 * technician still on a job forgets to clock out, a customer is late to pick up, a car is forgotten in the
 * queue, a part comes late (sometimes the dispatcher corrects its ETA instead), a kiosk call waits
 * too long. Each holds back only the move that would end it, until a few minutes past the alarm's
 * threshold, so the alarm is raised and then clears; and only one of a kind at a time: now and
 * then, not a wall of red. The
 * demo's floor turns over far faster than a real one (a job takes a minute or two of the 4 s
 * steps) while the alarms' thresholds are real minutes, so the shares are small: about one to
 * three alarms of each kind in an afternoon (server/demo/incidents.test.ts counts them).
 */
export const INCIDENT_RATES = {
  /** Jobs that run past the overrun factor × their standard hours. */
  overrun: 0.02,
  /** Ready cars collected after their stage limit. */
  latePickup: 0.006,
  /** Cars left waiting for dispatch past the limit. */
  forgottenInQueue: 0.004,
  /** Parts waits whose part comes after its ETA. */
  latePart: 0.2,
  /** Kiosk calls answered after the escalation time. */
  slowAnswer: 0.25,
} as const;
/** Chance per simulator step of a kiosk call (one about every 30 minutes at 4 s a step). */
const CALL_CHANCE = 1 / 450;
/** Minutes an incident lasts past its alarm's threshold before the simulator ends it. */
const INCIDENT_MINUTES = 8;

/** A stable number in [0, 1) for an id (FNV-1a): the same incident is picked every step. */
export function idFraction(id: string, salt: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${salt}:${id}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h / 4294967296;
}

const picked = (id: string, kind: keyof typeof INCIDENT_RATES) => idFraction(id, kind) < INCIDENT_RATES[kind];

/**
 * Hold the move that would end an incident until its alarm has been up a few minutes (the
 * dispatcher sees it, then it is dealt with), or, with no detector running or a longer limit
 * learned from history, until a while past the configured threshold.
 */
function holdFor(floor: Floor, alarmId: string, thresholdMs: number): boolean {
  const now = floor.now.getTime();
  const open = floor.state.alarms?.get(alarmId);
  if (open) return now < Date.parse(open.raisedAt) + INCIDENT_MINUTES * MINUTE;
  // One incident of a kind at a time: while another is up, this one is dealt with as usual.
  const kind = alarmId.slice(0, alarmId.indexOf(':'));
  for (const a of floor.state.alarms?.values() ?? []) if (a.kind === kind) return false;
  return now < thresholdMs + 2 * INCIDENT_MINUTES * MINUTE;
}

/**
 * An incident may hold this job's bay: not the store's only bay of its kind, which would back the
 * demo's fast floor up behind it (every car for that kind overdue in the queue at once).
 */
const mayHoldBay = (floor: Floor, op: Operation) => {
  const kind = op.bayId ? floor.store.bays.find((b) => b.id === op.bayId)?.kind : bayKindOf(floor.store, op);
  return floor.store.bays.filter((b) => b.kind === kind).length > 1;
};

/** The move that would end this job's work now is held back by an incident. */
function jobHeld(floor: Floor, ro: RepairOrder, op: Operation): boolean {
  if (!floor.incidents) return false;
  const now = floor.now.getTime();
  // Short jobs only: a long one held at its bay for hours would back the demo's fast floor up behind it.
  if (op.standardHours <= 1.5 && mayHoldBay(floor, op) && picked(`${op.id}:${op.reworks}`, 'overrun')) {
    const over = now + (floor.store.alarms.overrunFactor * op.standardHours * 3_600_000 - workedMsAt(op, now));
    if (holdFor(floor, `op_overrun:${ro.id}:${op.id}:${op.reworks}`, over)) return true;
  }
  if (op.status === 'in_progress' && op.runningSince) {
    const endOf = (o: Operation) => shiftEndAfter(shiftOf(floor.store, o.technicianId), Date.parse(o.runningSince!), floor.store.timezone);
    const end = endOf(op);
    // Of the clocks still running when a shift ends, one is forgotten (the same one every step).
    if (
      now >= end &&
      forgottenClock(floor, end, endOf) === op.id &&
      holdFor(floor, `clock_after_shift:${ro.id}:${op.id}:${op.runningSince}`, end + floor.store.alarms.clockGraceMinutes * MINUTE)
    )
      return true;
  }
  return false;
}

/** Which of the jobs running past the shift end `end` keeps its clock on: the one whose id draws lowest. */
function forgottenClock(floor: Floor, end: number, endOf: (o: Operation) => number): string | undefined {
  let best: { id: string; f: number } | undefined;
  for (const ro of floor.state.ros.values()) {
    if (ro.stage !== 'in_service') continue;
    for (const o of ro.operations) {
      if (o.status !== 'in_progress' || !o.runningSince || endOf(o) !== end) continue;
      const f = idFraction(o.id, 'forgottenClock');
      if (!best || f < best.f) best = { id: o.id, f };
    }
  }
  return best?.id;
}

/** This job's part, when it waits for one, comes after its ETA. */
const latePart = (floor: Floor, op: Operation) => floor.incidents && mayHoldBay(floor, op) && picked(`${op.id}:${op.reworks}`, 'latePart');

/** This car stays in its stage past its limit (a late pickup, a car forgotten in the queue). */
function carHeld(floor: Floor, ro: RepairOrder): boolean {
  if (!floor.incidents) return false;
  const kind = ro.stage === 'ready' ? 'latePickup' : ro.stage === 'waiting_dispatch' ? 'forgottenInQueue' : undefined;
  const limit = floor.store.stageLimitsMinutes[ro.stage];
  if (!kind || !limit || !picked(`${ro.id}:${ro.stageSince}`, kind)) return false;
  return holdFor(floor, `stage_overdue:${ro.id}:${ro.stage}:${ro.stageSince}`, Date.parse(ro.stageSince) + limit * MINUTE);
}

/** Incident moves of their own: a late part's ETA corrected, a kiosk call, a call answered. */
function incidentMoves(floor: Floor, rng: Rng): Move[] {
  if (!floor.incidents) return [];
  const { state, now } = floor;
  const moves: Move[] = [];
  const open = [...(state.calls?.values() ?? [])];
  // A customer presses "call an advisor" about every half hour of the demo's 4-second steps.
  if (open.length === 0 && rng() < CALL_CHANCE)
    moves.push({ weight: 20, build: () => ({ type: 'callAdvisor', callId: newId('call'), kioskId: 'kiosk-demo' }) });
  for (const call of open) {
    const late = picked(call.id, 'slowAnswer');
    const answered = late
      ? !holdFor(floor, `call_unanswered:${call.id}`, Date.parse(call.at) + floor.store.alarms.callUnansweredMinutes * MINUTE)
      : now.getTime() - Date.parse(call.at) >= 40_000;
    if (answered) moves.push({ weight: 20, build: () => ({ type: 'acknowledgeCall', callId: call.id }) });
  }
  return moves;
}

// --- choosing a move ---

interface Move {
  weight: number;
  build: () => Command | undefined;
}

function walkIn(floor: Floor, rng: Rng, appointmentId?: string): Command {
  const { store, state, now } = floor;
  const appt = appointmentId ? state.appointments.get(appointmentId) : undefined;
  const jobs = store.catalogue.filter((c) => c.bayKind !== 'wash');
  // Paced (bench:eta): jobs come as often as the store has bays for them per hour of work, so
  // the one paint bay is not sent as many 4-hour jobs as the quick bays get oil changes.
  const job = () => (floor.timing ? weightedPick(rng, jobs, (c) => store.bays.filter((b) => b.kind === c.bayKind).length / c.standardHours) : pick(rng, jobs));
  const codes = appt?.services.length ? appt.services : [...new Set(Array.from({ length: 1 + Math.floor(rng() * 2) }, () => job().code))];
  const operations = codes.flatMap((code) => {
    const item = store.catalogue.find((c) => c.code === code);
    return item ? [{ id: newId('op'), code, title: item.title[store.locale] ?? item.title['zh-CN'], standardHours: item.standardHours }] : [];
  });
  if (operations.length === 0)
    operations.push({ id: newId('op'), code: 'GEN', title: store.locale === 'en' ? 'General repair' : '常规维修', standardHours: 1 });
  const today = localDate(now, store.timezone);
  const prefix = roNumber(today, 0).slice(0, -4);
  const todays = [...state.ros.values()].filter((r) => r.number.startsWith(prefix)).length;
  const hours = operations.reduce((sum, o) => sum + o.standardHours, 0);
  // Drawn in this order (vehicle, then customer) so a seeded day stays the same day.
  const vehicle = appt?.vehicle ?? demoVehicle(rng);
  const customer = appt?.customer ?? demoCustomer(rng);
  return {
    type: 'createRepairOrder',
    roId: newId('ro'),
    number: roNumber(today, todays),
    stage: 'checked_in',
    vehicle,
    customer,
    // About three in five agree to the visit's text messages at the kiosk (server/notify; the
    // demo's go to a stand-in's log). Read off the phone number, so the draws stay as they were.
    ...(agreesToMessages(customer.phone) ? { contactConsent: { sms: true, locale: store.locale, via: 'kiosk' as const } } : {}),
    advisorId: appt?.advisorId ?? (store.advisors.length ? pick(rng, store.advisors).id : undefined),
    appointmentId,
    promisedAt: new Date(Math.ceil((now.getTime() + (hours + 1) * 60 * MINUTE) / (15 * MINUTE)) * 15 * MINUTE).toISOString(),
    priority: rng() < 0.1 ? 'high' : 'normal',
    wash: rng() < 0.8,
    queueNumber: nextQueueNumber(state),
    trackingToken: newTrackingToken(),
    operations,
  };
}

function candidateMoves(floor: Floor, rng: Rng, targetOpen: number): Move[] {
  const { store, state, now } = floor;
  const moves: Move[] = [];
  const ros = [...state.ros.values()];
  const timing = floor.timing;
  // With paced timing a stage ends when its drawn time is up, then at once.
  const stageWeight = (ro: RepairOrder, weight: number) => (!timing ? weight : timing.stageOver(ro, ro.stage, now.getTime()) ? 20 : 0);
  const open = ros.filter(isOpen).length;
  const recentDelivery = new Date(now.getTime() - 10 * MINUTE).toISOString();

  // Arrivals keep the floor about as full as it started.
  const arrivalWeight = open < targetOpen - 3 ? 6 : open < targetOpen ? 2 : open < targetOpen + 3 ? 0.3 : 0;
  if (arrivalWeight && store.catalogue.length) moves.push({ weight: arrivalWeight, build: () => walkIn(floor, rng) });

  for (const appt of state.appointments.values()) {
    if (appt.status !== 'booked') continue;
    const due = Date.parse(appt.at) - now.getTime();
    // An appointment with a prepared RO is checked in through that RO (below).
    if (!appt.roId && due < 2 * 60 * MINUTE && due > -90 * MINUTE && arrivalWeight) moves.push({ weight: 1.5, build: () => walkIn(floor, rng, appt.id) });
    if (!appt.roId && due <= -90 * MINUTE) moves.push({ weight: 0.5, build: () => ({ type: 'markAppointmentNoShow', appointmentId: appt.id }) });
  }
  const booked = [...state.appointments.values()].filter((a) => a.status === 'booked' && !a.roId).length;
  if (booked < 3 && store.catalogue.length)
    moves.push({
      weight: 0.3,
      build: () => ({
        type: 'createAppointment',
        appointmentId: newId('ap'),
        at: new Date(Math.ceil((now.getTime() + (3 + rng() * 20) * 60 * MINUTE) / (30 * MINUTE)) * 30 * MINUTE).toISOString(),
        vehicle: demoVehicle(rng),
        customer: demoCustomer(rng),
        services: [
          pick(
            rng,
            store.catalogue.filter((c) => c.bayKind !== 'wash'),
          ).code,
        ],
        advisorId: store.advisors.length ? pick(rng, store.advisors).id : undefined,
      }),
    });

  for (const ro of ros) {
    const roId = ro.id;
    switch (ro.stage) {
      case 'scheduled':
        if (Date.parse(ro.appointmentId ? (state.appointments.get(ro.appointmentId)?.at ?? ro.createdAt) : ro.createdAt) - now.getTime() < 2 * 60 * MINUTE)
          moves.push({ weight: 1, build: () => ({ type: 'checkIn', roId, queueNumber: nextQueueNumber(state) }) });
        break;
      case 'checked_in':
        if (ro.operations.length && stageWeight(ro, 1.5)) moves.push({ weight: stageWeight(ro, 1.5), build: () => ({ type: 'sendToWorkshop', roId }) });
        break;
      case 'waiting_dispatch':
      case 'in_service':
        if (carHeld(floor, ro)) break;
        for (const op of ro.operations) moves.push(...operationMoves(floor, ro, op, rng));
        break;
      case 'quality_check':
        if (!stageWeight(ro, 1.5)) break;
        moves.push({
          weight: stageWeight(ro, 1.5),
          build: () => {
            const done = ro.operations.filter((o) => o.status === 'done');
            // About one car in sixteen fails its first check; a car already reworked passes.
            if (ro.reworkCount === 0 && done.length && rng() < 0.06)
              return {
                type: 'qcFail',
                roId,
                reason: pick(rng, ['试车仍有异响', '螺栓扭矩复检不合格', '漆面有流挂，需返工']),
                operationIds: [pick(rng, done).id],
              };
            return { type: 'qcPass', roId };
          },
        });
        break;
      case 'washing':
        if (stageWeight(ro, 1)) moves.push({ weight: stageWeight(ro, 1), build: () => ({ type: 'washDone', roId }) });
        break;
      case 'ready':
        if (!carHeld(floor, ro)) moves.push({ weight: 0.4, build: () => ({ type: 'deliver', roId }) });
        break;
      case 'delivered':
        // About a third of customers answer, within minutes of driving off.
        // Compared as ISO strings (events' times are all toISOString()): months of delivered cars
        // made a Date.parse per car per step the simulator's main cost (bench/history).
        if (!ro.survey && ro.deliveredAt && ro.deliveredAt > recentDelivery)
          moves.push({ weight: 0.04, build: () => ({ type: 'submitSurvey', roId, score: rng() < 0.75 ? 5 : 4 }) });
        break;
    }
  }
  moves.push(...incidentMoves(floor, rng));
  return moves;
}

function operationMoves(floor: Floor, ro: RepairOrder, op: Operation, rng: Rng): Move[] {
  const ref = { roId: ro.id, operationId: op.id };
  const kind = bayKindOf(floor.store, op);
  const timing = floor.timing;
  const now = floor.now.getTime();
  // Paced: dispatching and starting take a few steps, as a dispatcher and a technician would.
  const handWeight = timing ? 10 : 2;
  switch (op.status) {
    case 'unassigned': {
      const bayId = freeBay(floor, ro, kind);
      if (!bayId) return [];
      // Paced: the dispatcher serves each kind of bay first come, first served.
      if (timing && earlierWaiting(floor, ro, kind)) return [];
      return [
        {
          weight: handWeight,
          build: () => {
            const technicianId = freeTechnician(floor, kind, rng);
            return technicianId ? { type: 'assignOperation', ...ref, bayId, technicianId } : undefined;
          },
        },
      ];
    }
    case 'assigned': {
      const holder = op.bayId ? floor.bayHolder.get(op.bayId) : undefined;
      // Wait while another car holds the bay, or while the technician is on another job.
      if (holder && holder !== ro.id) return [];
      if (op.technicianId && activeJobOf(floor.state, op.technicianId)) return [];
      return [
        {
          weight: handWeight,
          build: () => {
            if (op.technicianId) return { type: 'startOperation', ...ref };
            // Dispatched to a bay without a name: whoever is free there takes it.
            const technicianId = freeTechnician(floor, kind, rng);
            return technicianId ? { type: 'startOperation', ...ref, technicianId } : undefined;
          },
        },
      ];
    }
    case 'in_progress': {
      const partsWait = ro.operations.some((o) => o.pause?.reason === 'parts');
      if (timing) return pacedWork(floor, timing, ro, op, rng, partsWait);
      if (jobHeld(floor, ro, op)) return [];
      const moves: Move[] = [{ weight: 1, build: () => ({ type: 'finishOperation', ...ref }) }];
      moves.push({ weight: 0.1, build: () => ({ type: 'pauseOperation', ...ref, pause: { reason: 'break' } }) });
      if (!partsWait)
        moves.push({
          weight: 0.08,
          build: () => ({
            type: 'pauseOperation',
            ...ref,
            // A part that will come late was promised soon (the supplier said "this morning"): it holds the bay a while, not for hours.
            pause: {
              reason: 'parts',
              part: pick(rng, PARTS),
              eta: new Date(
                floor.now.getTime() + (latePart(floor, op) ? 15 + Math.floor(rng() * 3) * 5 : 60 + Math.floor(rng() * 8) * 15) * MINUTE,
              ).toISOString(),
            },
          }),
        });
      return moves;
    }
    case 'paused': {
      if (op.technicianId && activeJobOf(floor.state, op.technicianId)) return [];
      if (timing) return timing.pauseOver(op, now) ? [{ weight: 20, build: () => ({ type: 'resumeOperation', ...ref }) }] : [];
      if (op.pause?.reason === 'parts' && op.pause.eta && latePart(floor, op)) {
        // A late part: nothing until its ETA has passed; then it comes, or the dispatcher hears it is
        // later still and corrects the ETA (a new wait, which may come on time).
        if (holdFor(floor, `parts_overdue:${ro.id}:${op.id}:${op.pause.eta}`, Date.parse(op.pause.eta))) return [];
        return [
          { weight: 1, build: () => ({ type: 'resumeOperation', ...ref }) },
          { weight: 0.5, build: () => ({ type: 'correctPartsEta', ...ref, eta: new Date(now + (10 + Math.floor(rng() * 3) * 5) * MINUTE).toISOString() }) },
        ];
      }
      // Parts take a while to arrive; a break is short.
      return [{ weight: op.pause?.reason === 'parts' ? 0.3 : 1.5, build: () => ({ type: 'resumeOperation', ...ref }) }];
    }
    default:
      return [];
  }
}

/** A car checked in before this one has a job for this kind of bay still waiting for one. */
function earlierWaiting(floor: Floor, ro: RepairOrder, kind: BayKind): boolean {
  const since = ro.checkedInAt ?? ro.createdAt;
  for (const other of floor.state.ros.values()) {
    if (other.id === ro.id || !onFloor(other) || (other.checkedInAt ?? other.createdAt) >= since) continue;
    if (other.operations.some((o) => o.status === 'unassigned' && bayKindOf(floor.store, o) === kind && freeBay(floor, other, kind))) return true;
  }
  return false;
}

const partsPause = (floor: Floor, rng: Rng) => ({
  reason: 'parts' as const,
  part: pick(rng, PARTS),
  eta: new Date(floor.now.getTime() + (60 + Math.floor(rng() * 8) * 15) * MINUTE).toISOString(),
});

/** A running job under paced timing: it finishes when its drawn time is worked, and now and then stops. */
function pacedWork(floor: Floor, timing: PacedTiming, ro: RepairOrder, op: Operation, rng: Rng, partsWait: boolean): Move[] {
  const ref = { roId: ro.id, operationId: op.id };
  if (timing.jobDone(op, floor.now.getTime())) return [{ weight: 20, build: () => ({ type: 'finishOperation', ...ref }) }];
  const r = rng();
  if (r < timing.breakChance) return [{ weight: 20, build: () => ({ type: 'pauseOperation', ...ref, pause: { reason: 'break' } }) }];
  if (!partsWait && r < timing.breakChance + timing.partsChance)
    return [{ weight: 20, build: () => ({ type: 'pauseOperation', ...ref, pause: partsPause(floor, rng) }) }];
  return [];
}

/**
 * Take one plausible step for the store, or none when nothing can move. Every command is
 * checked with the workflow before it is committed; refused ideas are dropped quietly.
 */
export async function simulateStep(
  service: WorkshopService,
  storeId: string,
  rng: Rng = Math.random,
  options: Pick<SimulationOptions, 'log' | 'now' | 'targetOpen' | 'timing' | 'incidents'> = {},
): Promise<SimStepResult | undefined> {
  const log = options.log ?? silentLogger;
  const store = service.storeConfig(storeId);
  if (!store) throw new Error(`simulateStep: there is no store "${storeId}" in the shop config`);
  const state = await service.state(storeId);
  const now = (options.now ?? (() => new Date()))();
  const floor = readFloor(store, state, now, options.timing, options.incidents ?? false);
  const moves = candidateMoves(floor, rng, options.targetOpen ?? 14);

  while (moves.length) {
    const total = moves.reduce((sum, m) => sum + m.weight, 0);
    let r = rng() * total;
    let index = moves.findIndex((m) => (r -= m.weight) < 0);
    if (index < 0) index = moves.length - 1;
    const [move] = moves.splice(index, 1);
    const command = move.build();
    if (!command) continue;
    const decision = state.decide(command, now.toISOString());
    if (!decision.ok) {
      log.debug({ storeId, command: command.type, reason: decision.error.message }, 'simulator skipped a move the workflow would refuse');
      continue;
    }
    const result = await service.commit({ storeId, command, actor: SIM_ACTOR, source: 'system', key: `sim:${randomUUID()}` });
    if (!result.ok) {
      log.debug({ storeId, command: command.type, reason: result.error.message }, 'simulator move refused after a concurrent change');
      return { action: command.type, command, ok: false, error: result.error.message };
    }
    return { action: command.type, command, ok: true };
  }
  return undefined;
}

/**
 * Run `simulateStep` every `intervalMs` until stopped. Steps never overlap; a failing step is
 * logged and the next one still runs. `stop()` resolves once any step in flight has ended.
 */
export function startSimulation(service: WorkshopService, storeId: string, options: SimulationOptions = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 4000;
  const rng = options.rng ?? Math.random;
  const log = options.log ?? silentLogger;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const tick = () => {
    inFlight = simulateStep(service, storeId, rng, options)
      .then((step) => {
        if (step?.ok) log.debug({ storeId, action: step.action }, 'simulated');
      })
      .catch((err) => log.warn({ err, storeId }, 'simulation step failed'))
      .finally(() => {
        if (!stopped) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(tick, intervalMs);
    // The simulation alone should never keep the process alive.
    timer.unref();
  };
  schedule();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await inFlight;
  };
}
