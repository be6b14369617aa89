import type { Customer } from '../../shared/domain/people';
import { OPERATION_STATUSES, RO_STAGES, type AppointmentStatus, type OperationStatus, type RoStage, type Vehicle } from '../../shared/domain/repair-order';
import type { BayKind, Store } from '../../shared/domain/shop';
import type { Command, CommandOf, OperationDraft } from '../../shared/workflow/commands';
import type { Actor, WorkshopEvent } from '../../shared/workflow/events';
import { localDate, newId, newTrackingToken, roNumber } from '../ids';
import { WorkshopService } from '../workshop-service';
import { systemActor } from '../actors';
import { silentLogger } from '../log';
import { Pipelined } from './pipelined-store';

/**
 * A believable day at the demo store: appointments still to come, cars at every stage of the
 * lifecycle, a parts wait and a QC rework. Everything is committed through the service, so
 * the log, the boards and the reports see exactly what a real day would produce.
 */

export interface SeedSummary {
  /** False when the store already had events and nothing was added. */
  seeded: boolean;
  events: number;
  repairOrders: Record<RoStage, number>;
  appointments: Record<AppointmentStatus, number>;
}

const SEED_ACTOR: Actor = systemActor('demo-seed');
const HOUR = 3_600_000;
const MINUTE = 60_000;

// Stored plates are normalised (no dot): see normalisePlate in shared/domain/plate.ts.
const car = (plate: string, make: string, model: string, color: string, mileageKm: number, vin?: string): Vehicle => ({
  plate,
  make,
  model,
  color,
  mileageKm,
  ...(vin ? { vin } : {}),
});
const person = (name: string, phone: string, salutation: Customer['salutation']): Customer => ({ name, phone, salutation });

const FLEET = {
  a6l: car('京N8K2M6', 'Audi', 'A6L', '黑色', 46_210, 'LFV3A24G0L3045128'),
  bmw530: car('京Q5T318', 'BMW', '530Li', '白色', 31_870, 'LBV5S3102NSZ83417'),
  c260: car('京HJ7562', 'Mercedes-Benz', 'C260L', '银色', 22_430),
  passat: car('冀F8M223', 'Volkswagen', 'Passat', '灰色', 88_905),
  camry: car('京P3L9A1', 'Toyota', 'Camry', '白色', 9_860),
  accord: car('津A8G350', 'Honda', 'Accord', '蓝色', 57_340),
  han: car('京AD73918', 'BYD', 'Han EV', '红色', 38_120, 'LGXCE4CB8N0123457'),
  modelY: car('京ADF5023', 'Tesla', 'Model Y', '白色', 41_005, 'LRWYGCEK3PC512093'),
  es6: car('京AF80517', 'NIO', 'ES6', '蓝色', 27_660),
  gl8: car('冀R3K778', 'Buick', 'GL8', '黑色', 123_480),
  q5l: car('京E52Y66', 'Audi', 'Q5L', '灰色', 39_950),
  x3: car('京K1R7B3', 'BMW', 'X3', '蓝色', 64_200),
  e300: car('京L6W2F5', 'Mercedes-Benz', 'E300L', '黑色', 18_730),
  rav4: car('京M38X16', 'Toyota', 'RAV4', '白色', 10_120),
  crv: car('津C2P661', 'Honda', 'CR-V', '银色', 72_015),
  a4l: car('京G5H719', 'Audi', 'A4L', '白色', 29_580),
  model3: car('粤BD32867', 'Tesla', 'Model 3', '红色', 52_300),
  sylphy: car('京A6Z808', 'Nissan', 'Sylphy', '白色', 101_440),
  h6: car('冀A9N265', 'Haval', 'H6', '灰色', 66_780),
  l7: car('京ADR2716', 'Li Auto', 'L7', '灰色', 15_230),
  tiguan: car('京C7M1E9', 'Volkswagen', 'Tiguan L', '黑色', 43_610),
  xingyue: car('京F2K9T4', 'Geely', 'Xingyue L', '白色', 12_890),
};

const PEOPLE = {
  zhang: person('张宏伟', '13801126647', 'mr'),
  wang: person('王芳', '13911873302', 'ms'),
  li: person('李娜', '15010246618', 'ms'),
  liu: person('刘强', '18601337925', 'mr'),
  chen: person('陈静', '13701098815', 'ms'),
  yang: person('杨磊', '15811462290', 'mr'),
  zhao: person('赵敏', '13681275543', 'ms'),
  huang: person('黄志刚', '13511608831', 'mr'),
  zhou: person('周婷', '18911029476', 'ms'),
  wu: person('吴昊', '17710385520', 'mr'),
  xu: person('徐丽', '13020117364', 'ms'),
  sun: person('孙浩然', '13366285107', 'mr'),
  ma: person('马晓燕', '18810552938', 'ms'),
  zhu: person('朱军', '13910478826', 'mr'),
  hu: person('胡建华', '13552097413', 'mr'),
  guo: person('郭雪', '15901263350', 'ms'),
  lin: person('林涛', '18500816672', 'mr'),
  he: person('何佳', '13641159038', 'ms'),
  gao: person('高鹏', '13718824095', 'mr'),
  luo: person('罗敏', '15321470689', 'ms'),
  deng: person('邓子健', '13126604817', 'mr'),
  xie: person('谢雨桐', '18618209354', 'ms'),
};

/** A catalogue entry to build operations from; falls back when a custom config lacks the code. */
interface Job {
  code: string;
  title: string;
  standardHours: number;
  bayKind: BayKind;
}

function catalogueOf(store: Store) {
  const fallback: Job = { code: 'GEN', title: store.locale === 'en' ? 'General repair' : '常规维修', standardHours: 1, bayKind: 'general' };
  const toJob = (item: Store['catalogue'][number]): Job => ({
    code: item.code,
    title: item.title[store.locale] ?? item.title['zh-CN'],
    standardHours: item.standardHours,
    bayKind: item.bayKind,
  });
  return (code: string, kind: BayKind = 'general'): Job => {
    const item =
      store.catalogue.find((c) => c.code === code) ?? store.catalogue.find((c) => c.bayKind === kind) ?? store.catalogue.find((c) => c.bayKind !== 'wash');
    return item ? toJob(item) : fallback;
  };
}

/** Round up to the next quarter hour, as advisors promise "11:45", not "11:38". */
const quarter = (ms: number) => new Date(Math.ceil(ms / (15 * 60_000)) * 15 * 60_000).toISOString();

/** An instant at a local wall-clock time `days` after `now`'s local date. */
function localTime(now: Date, timeZone: string, days: number, hhmm: string): string {
  const [y, m, d] = localDate(now, timeZone).split('-').map(Number);
  const [hh, mm] = hhmm.split(':').map(Number);
  const guess = Date.UTC(y, m - 1, d + days, hh, mm);
  // The zone's offset at that instant: format the guess there and measure the difference.
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
      .formatToParts(new Date(guess))
      .map((p) => [p.type, Number(p.value)]),
  );
  const shown = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  return new Date(guess - (shown - guess)).toISOString();
}

const emptyCounts = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Repair orders per stage and appointments per status, as they stand now. */
export async function demoCounts(service: WorkshopService, storeId: string) {
  const state = await service.state(storeId);
  const repairOrders = emptyCounts(RO_STAGES);
  for (const ro of state.ros.values()) repairOrders[ro.stage]++;
  const appointments = emptyCounts(['booked', 'checked_in', 'no_show', 'cancelled'] as const);
  for (const a of state.appointments.values()) appointments[a.status]++;
  const operations = emptyCounts<OperationStatus>(OPERATION_STATUSES);
  for (const ro of state.ros.values()) for (const op of ro.operations) operations[op.status]++;
  return { seq: state.seq, repairOrders, appointments, operations };
}

/** A create command with the ids its stored fact carries (another seeder's, after a duplicate). */
function withStoredIds<C extends Command>(command: C, event: WorkshopEvent): C {
  if (command.type === 'createRepairOrder' && event.type === 'repairOrderCreated') {
    const { ro } = event.data;
    return { ...command, roId: ro.id, operations: command.operations.map((o, i) => ({ ...o, id: ro.operations[i]?.id ?? o.id })) };
  }
  if (command.type === 'createAppointment' && event.type === 'appointmentBooked') return { ...command, appointmentId: event.data.appointment.id };
  return command;
}

/**
 * Seed a demo day into an empty store. Does nothing when the store already has events.
 * Keys are `seed:<local date>:<n>` and every id is read back from the stored event, so two
 * processes seeding the same empty store at once produce one day, not two.
 */
export interface SeedOptions {
  /** The store holds the demo's past (server/demo/past.ts) already: seed unless it has a repair order of today. */
  afterPast?: boolean;
  /**
   * Nobody else writes to this store meanwhile (the embedded journal before the server answers:
   * one process owns its data dir), so the appends need not wait for the disk one by one.
   */
  exclusive?: boolean;
}

export async function seedDemoDay(service: WorkshopService, storeId: string, now: Date, options: SeedOptions = {}): Promise<SeedSummary> {
  const store = service.storeConfig(storeId);
  if (!store) throw new Error(`seedDemoDay: there is no store "${storeId}" in the shop config`);
  const today = localDate(now, store.timezone);
  const before = await service.state(storeId);
  // After the demo's past (server/demo/past.ts) the store has events, but no repair order of today.
  const todayPrefix = roNumber(today, 0).slice(0, -4);
  const seededBefore = options.afterPast ? [...before.ros.values()].some((ro) => ro.number.startsWith(todayPrefix)) : before.seq > 0;
  if (seededBefore) {
    const counts = await demoCounts(service, storeId);
    return { seeded: false, events: 0, repairOrders: counts.repairOrders, appointments: counts.appointments };
  }

  const t0 = now.getTime();
  const job = catalogueOf(store);
  let step = 0;
  // The day happened over the last hours, not at one instant: every step is committed at the
  // time it took place, through a service on the same log whose clock this walks (never past now).
  let clock = t0;
  const pipe = options.exclusive ? new Pipelined(service.events) : undefined;
  const walker = new WorkshopService(pipe?.store() ?? service.events, service.storeConfigs, silentLogger, () => new Date(Math.min(clock, t0)));
  /** Go back to `hours` before now (the next car's arrival). */
  const at = (hours: number) => void (clock = t0 - hours * HOUR);
  /** Time passes: `minutes` later. */
  const later = (minutes: number) => void (clock += minutes * MINUTE);

  const commit = async <C extends Command>(command: C): Promise<C> => {
    step++;
    const result = await walker.commit({ storeId, command, actor: SEED_ACTOR, source: 'system', key: `seed:${today}:${step}` });
    if (!result.ok) throw new Error(`demo seed step ${step} (${command.type}) was refused: ${result.error.message}`);
    // On a duplicate key another seeder stored this step first, with ids of its own: use those.
    return withStoredIds(command, result.event);
  };

  // --- people and places, tolerant of a config with fewer of them than the shipped one ---
  const advisor = (i: number) => store.advisors[i % Math.max(1, store.advisors.length)]?.id;
  const bayOfKind = (kind: BayKind, nth = 0): string => {
    const ofKind = store.bays.filter((b) => b.kind === kind);
    const pool = ofKind.length ? ofKind : store.bays.filter((b) => b.kind === 'general').length ? store.bays.filter((b) => b.kind === 'general') : store.bays;
    return pool[nth % pool.length].id;
  };
  const workers = store.technicians.filter((t) => t.roles.includes('technician'));
  const techFor = (kind: BayKind, nth = 0): string | undefined => {
    const skilled = workers.filter((t) => t.skills.includes(kind));
    const pool = skilled.length ? skilled : workers;
    return pool.length ? pool[nth % pool.length].id : undefined;
  };

  const op = (code: string, kind?: BayKind): OperationDraft => {
    const j = job(code, kind);
    return { id: newId('op'), code: j.code, title: j.title, standardHours: j.standardHours };
  };
  const kindOf = (draft: OperationDraft): BayKind => store.catalogue.find((c) => c.code === draft.code)?.bayKind ?? 'general';

  let queue = 0;
  const nextQueue = () => `A${String(++queue).padStart(3, '0')}`;
  const roCount = async () => {
    const prefix = roNumber(today, 0).slice(0, -4);
    let n = 0;
    for (const ro of (await walker.state(storeId)).ros.values()) if (ro.number.startsWith(prefix)) n++;
    return n;
  };

  interface RoPlan {
    vehicle: Vehicle;
    customer: Customer;
    ops: OperationDraft[];
    advisor: number;
    promiseHours?: number;
    stage?: 'scheduled' | 'checked_in';
    appointmentId?: string;
    wash?: boolean;
    priority?: 'normal' | 'high' | 'urgent';
    description?: string;
  }
  const createRo = async (plan: RoPlan): Promise<CommandOf<'createRepairOrder'>> => {
    const stage = plan.stage ?? 'checked_in';
    return commit({
      type: 'createRepairOrder',
      roId: newId('ro'),
      number: roNumber(today, await roCount()),
      stage,
      vehicle: plan.vehicle,
      customer: plan.customer,
      advisorId: advisor(plan.advisor),
      appointmentId: plan.appointmentId,
      promisedAt: plan.promiseHours === undefined ? undefined : quarter(t0 + plan.promiseHours * HOUR),
      priority: plan.priority ?? 'normal',
      wash: plan.wash ?? true,
      description: plan.description,
      queueNumber: stage === 'checked_in' ? nextQueue() : undefined,
      trackingToken: newTrackingToken(),
      operations: plan.ops,
    });
  };
  const appointment = async (
    at: string,
    vehicle: Vehicle,
    customer: Customer,
    services: string[],
    adv: number,
    extra: { bayId?: string; note?: string } = {},
  ) =>
    commit({
      type: 'createAppointment',
      appointmentId: newId('ap'),
      at,
      vehicle,
      customer,
      services: services.map((s) => job(s).code),
      advisorId: advisor(adv),
      ...extra,
    });

  // Work helpers: each takes the stored command, so ids are the ones really in the log.
  type Ro = CommandOf<'createRepairOrder'>;
  const opAt = (ro: Ro, i: number) => ({ roId: ro.roId, operationId: ro.operations[i].id });
  const assign = (ro: Ro, i: number, bayId: string, technicianId?: string) => commit({ type: 'assignOperation', ...opAt(ro, i), bayId, technicianId });
  const start = (ro: Ro, i: number) => commit({ type: 'startOperation', ...opAt(ro, i) });
  // The work takes about its standard hours.
  const finish = (ro: Ro, i: number) => {
    later(Math.round(ro.operations[i].standardHours * 55));
    return commit({ type: 'finishOperation', ...opAt(ro, i) });
  };
  /** Dispatch operation i to a bay of its kind with a technician who can do it. */
  const dispatch = async (ro: Ro, i: number, nth = 0) => {
    const kind = kindOf(ro.operations[i]);
    await assign(ro, i, bayOfKind(kind, nth), techFor(kind, nth));
  };
  const workThrough = async (ro: Ro, nth = 0) => {
    await commit({ type: 'sendToWorkshop', roId: ro.roId });
    for (let i = 0; i < ro.operations.length; i++) {
      later(8);
      await dispatch(ro, i, nth);
      later(4);
      await start(ro, i);
      await finish(ro, i);
    }
    later(10);
  };

  // --- appointments still to come: later today and tomorrow (booked this morning) ---
  at(6);
  await appointment(quarter(t0 + 1.5 * HOUR), FLEET.tiguan, PEOPLE.deng, ['MNT-40K'], 0, { bayId: bayOfKind('general', 2), note: '客户要求顺便检查雨刮' });
  await appointment(quarter(t0 + 3 * HOUR), FLEET.l7, PEOPLE.xie, ['EV-HV-CHK'], 1);
  await appointment(localTime(now, store.timezone, 1, '09:30'), FLEET.accord, PEOPLE.xu, ['MNT-10K'], 2);
  await appointment(localTime(now, store.timezone, 1, '10:30'), FLEET.es6, PEOPLE.sun, ['EV-HV-CHK', 'TYR-BAL'], 0);
  await appointment(localTime(now, store.timezone, 1, '14:00'), FLEET.xingyue, PEOPLE.ma, ['AC-SVC'], 1, { note: '空调不制冷' });

  // An appointment due within the hour; its repair order is prepared ahead (stage scheduled).
  at(5);
  const dueSoon = await appointment(quarter(t0 + 0.75 * HOUR), FLEET.a6l, PEOPLE.zhang, ['MNT-40K', 'BRK-FLUID'], 0);
  await createRo({
    vehicle: FLEET.a6l,
    customer: PEOPLE.zhang,
    ops: [op('MNT-40K'), op('BRK-FLUID')],
    advisor: 0,
    stage: 'scheduled',
    appointmentId: dueSoon.appointmentId,
    promiseHours: 5,
  });

  // A customer who booked for this morning and never came.
  const missed = await appointment(quarter(t0 - 3 * HOUR), FLEET.h6, PEOPLE.gao, ['MNT-OIL'], 2);
  const missedRo = await createRo({
    vehicle: FLEET.h6,
    customer: PEOPLE.gao,
    ops: [op('MNT-OIL', 'quick')],
    advisor: 2,
    stage: 'scheduled',
    appointmentId: missed.appointmentId,
  });
  // The appointment follows its prepared order to no-show (the lifecycle keeps them in step).
  at(1.5);
  await commit({ type: 'markNoShow', roId: missedRo.roId });

  // --- finished earlier today: one picked up in time, one after its promised time ---
  at(4.5);
  const model3 = await createRo({ vehicle: FLEET.model3, customer: PEOPLE.wu, ops: [op('TYR-4', 'quick')], advisor: 1, promiseHours: -1, wash: false });
  await workThrough(model3, 1);
  await commit({ type: 'qcPass', roId: model3.roId });
  later(30);
  await commit({ type: 'deliver', roId: model3.roId });
  later(20);
  await commit({ type: 'submitSurvey', roId: model3.roId, score: 5, comment: '手机上能随时看到进度，很方便' });

  at(3.2);
  const sylphy = await createRo({ vehicle: FLEET.sylphy, customer: PEOPLE.hu, ops: [op('MNT-OIL', 'quick')], advisor: 2, promiseHours: -0.5 });
  await workThrough(sylphy, 0);
  await commit({ type: 'qcPass', roId: sylphy.roId });
  later(35);
  await commit({ type: 'washDone', roId: sylphy.roId });
  at(0.3);
  await commit({ type: 'deliver', roId: sylphy.roId });

  // --- waiting for the customer ---
  at(3);
  const a4l = await createRo({ vehicle: FLEET.a4l, customer: PEOPLE.guo, ops: [op('BAT-REP', 'electrical')], advisor: 0, promiseHours: 0.5 });
  await workThrough(a4l, 1);
  await commit({ type: 'qcPass', roId: a4l.roId, note: '启动正常，电压12.6V' });
  later(30);
  await commit({ type: 'washDone', roId: a4l.roId });

  // --- in the wash bay ---
  at(2.6);
  const crv = await createRo({
    vehicle: FLEET.crv,
    customer: PEOPLE.lin,
    ops: [op('MNT-OIL', 'quick'), op('TYR-BAL', 'alignment')],
    advisor: 1,
    promiseHours: 1,
  });
  await workThrough(crv, 0);
  await commit({ type: 'qcPass', roId: crv.roId });

  // --- waiting for quality check ---
  at(1.8);
  const rav4 = await createRo({ vehicle: FLEET.rav4, customer: PEOPLE.he, ops: [op('MNT-10K', 'quick')], advisor: 2, promiseHours: 1.5 });
  await workThrough(rav4, 1);

  // --- failed QC: the alignment is redone, the technician is on it again ---
  at(3.4);
  const e300 = await createRo({
    vehicle: FLEET.e300,
    customer: PEOPLE.zhou,
    ops: [op('BRK-PAD-F'), op('ALN-4W', 'alignment')],
    advisor: 0,
    promiseHours: 2,
    description: '刹车异响，方向跑偏',
  });
  await workThrough(e300, 1);
  await commit({ type: 'qcFail', roId: e300.roId, reason: '试车方向盘仍偏左，需重新做四轮定位', operationIds: [e300.operations[1].id] });
  later(10);
  await start(e300, 1);

  // --- in service: work in progress at the bays ---
  at(1.4);
  const q5l = await createRo({ vehicle: FLEET.q5l, customer: PEOPLE.liu, ops: [op('MNT-40K')], advisor: 1, promiseHours: 2.5 });
  await commit({ type: 'sendToWorkshop', roId: q5l.roId });
  await dispatch(q5l, 0, 0);
  await start(q5l, 0);

  // The EV's battery check is done; the air-conditioning job is under way in the same bay.
  at(2.3);
  const han = await createRo({
    vehicle: FLEET.han,
    customer: PEOPLE.wang,
    ops: [op('EV-HV-CHK', 'electrical'), op('AC-SVC', 'electrical')],
    advisor: 2,
    promiseHours: 3,
  });
  await commit({ type: 'sendToWorkshop', roId: han.roId });
  const evBay = bayOfKind('electrical');
  await assign(han, 0, evBay, techFor('electrical', 1));
  await start(han, 0);
  await finish(han, 0);
  await assign(han, 1, evBay, techFor('electrical', 0));
  await start(han, 1);

  // Parts wait: the brake pads are fitted, the gearbox job waits for a filter from the warehouse.
  at(2.9);
  const x3 = await createRo({
    vehicle: FLEET.x3,
    customer: PEOPLE.yang,
    ops: [op('BRK-PAD-F'), op('GBX-OIL')],
    advisor: 0,
    promiseHours: 4,
    priority: 'high',
    description: '客户下午要用车，尽量加急',
  });
  await commit({ type: 'sendToWorkshop', roId: x3.roId });
  const x3Bay = bayOfKind('general', 1);
  const x3Tech = techFor('general', 1);
  await assign(x3, 0, x3Bay, x3Tech);
  await start(x3, 0);
  await finish(x3, 0);
  await assign(x3, 1, x3Bay, x3Tech);
  await start(x3, 1);
  later(20);
  await commit({
    type: 'pauseOperation',
    ...opAt(x3, 1),
    pause: { reason: 'parts', part: '变速箱油滤芯总成（原厂）', eta: quarter(Math.max(t0, service.time().getTime()) + 2 * HOUR) },
  });

  // Body shop: the dent is being beaten out, the paint booth is booked next.
  at(1.9);
  const gl8 = await createRo({
    vehicle: FLEET.gl8,
    customer: PEOPLE.zhu,
    ops: [op('BODY-DENT', 'body'), op('PAINT-PNL', 'paint')],
    advisor: 1,
    promiseHours: 26,
    description: '右后门凹陷，保险理赔',
    wash: true,
  });
  await commit({ type: 'sendToWorkshop', roId: gl8.roId });
  await dispatch(gl8, 0);
  await dispatch(gl8, 1);
  await start(gl8, 0);

  // --- waiting for dispatch ---
  at(0.9);
  const passat = await createRo({
    vehicle: FLEET.passat,
    customer: PEOPLE.chen,
    ops: [op('BRK-PAD-F'), op('BRK-FLUID')],
    advisor: 2,
    promiseHours: 3,
    description: '刹车片报警灯亮',
  });
  await commit({ type: 'sendToWorkshop', roId: passat.roId });

  // Already given a bay and a technician, not yet started.
  at(0.7);
  const modelY = await createRo({
    vehicle: FLEET.modelY,
    customer: PEOPLE.zhao,
    ops: [op('ALN-4W', 'alignment'), op('TYR-4', 'quick')],
    advisor: 0,
    promiseHours: 3.5,
    wash: false,
  });
  await commit({ type: 'sendToWorkshop', roId: modelY.roId });
  await assign(modelY, 1, bayOfKind('quick', 1), techFor('quick', 4));

  // --- just arrived ---
  at(0.3);
  await createRo({ vehicle: FLEET.camry, customer: PEOPLE.li, ops: [op('MNT-OIL', 'quick')], advisor: 1, promiseHours: 1.5 });
  at(20);
  const bookedC260 = await appointment(quarter(t0 - 0.25 * HOUR), FLEET.c260, PEOPLE.luo, ['MNT-10K', 'SPK-PLUG'], 2);
  at(0.2);
  await createRo({
    vehicle: FLEET.c260,
    customer: PEOPLE.luo,
    ops: [op('MNT-10K', 'quick'), op('SPK-PLUG')],
    advisor: 2,
    promiseHours: 3,
    appointmentId: bookedC260.appointmentId,
  });

  // --- cancelled at the desk ---
  at(0.6);
  const bmw = await createRo({ vehicle: FLEET.bmw530, customer: PEOPLE.huang, ops: [op('DIAG', 'electrical')], advisor: 0 });
  later(15);
  await commit({ type: 'cancel', roId: bmw.roId, reason: '客户临时有事，改约下周' });

  await walker.close();
  await pipe?.close();
  const counts = await demoCounts(service, storeId);
  return { seeded: true, events: step, repairOrders: counts.repairOrders, appointments: counts.appointments };
}
