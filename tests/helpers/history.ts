import { randomUUID } from 'node:crypto';
import type { Command, CommandOf } from '../../shared/workflow/commands';
import type { Actor, Source, WorkshopEvent } from '../../shared/workflow/events';
import type { ShopConfig } from '../../shared/domain/shop';
import type { EventStore } from '../../server/store/event-store';
import { silentLogger } from '../../server/log';
import { WorkshopService } from '../../server/workshop-service';
import type { HistoryDb } from '../../server/history/schema';
import { KEYS, ROW_TABLES } from '../../server/history/schema';
import { MemoryEventStore } from './memory-store';
import { aTestShop } from './shop';

/**
 * A real WorkshopService on a clock the test moves, so history fixtures are built through the
 * workflow's own decide/evolve at the times a test names (`w.at('09:30')` in the store's zone).
 */
export class ClockedWorkshop {
  service: WorkshopService;
  #now = Date.parse('2026-03-02T00:00:00Z');
  /** The clock, for a service made elsewhere (a test server's `now`); then `use` that service. */
  readonly clock = () => new Date(this.#now);

  constructor(
    readonly events: EventStore = new MemoryEventStore(),
    readonly shop: ShopConfig = aTestShop(),
    /** The local date `at('HH:MM')` means, and its UTC offset (Asia/Shanghai: +08:00). */
    public day = '2026-03-02',
    readonly offset = '+08:00',
  ) {
    this.service = new WorkshopService(events, shop.stores, silentLogger, () => new Date(this.#now));
  }

  /** Commit through another service on this clock (a test server's). */
  use(service: WorkshopService): this {
    this.service = service;
    return this;
  }

  /** Move the clock: `'09:30'` on the current day, or a full ISO time. */
  at(time: string): this {
    this.#now = Date.parse(time.includes('T') ? time : `${this.day}T${time}:00${this.offset}`);
    return this;
  }

  /** The ISO instant of a local clock time on the current day (or of a given day); a full ISO time as it is. */
  iso(time: string, day = this.day): string {
    if (time.includes('T')) return new Date(time).toISOString();
    return new Date(`${day}T${time}:00${this.offset}`).toISOString();
  }

  async do(command: Command, opts: { storeId?: string; source?: Source; actor?: Actor } = {}): Promise<WorkshopEvent> {
    const result = await this.service.commit({
      storeId: opts.storeId ?? 'store-a',
      command,
      actor: opts.actor ?? { kind: 'staff', id: 'adv-1' },
      source: opts.source ?? 'dispatch',
      key: `h:${randomUUID()}`,
    });
    if (!result.ok) throw new Error(`${command.type} refused: ${result.error.message}`);
    return result.event;
  }
}

let counter = 0;

/** A checked-in walk-in with the operations given (default one OIL job on bay-2 for tech-1). */
export const aVisit = (overrides: Partial<CommandOf<'createRepairOrder'>> = {}): CommandOf<'createRepairOrder'> => {
  counter++;
  return {
    type: 'createRepairOrder',
    roId: `ro-h${counter}-${randomUUID().slice(0, 4)}`,
    number: `RO-H-${counter}-${randomUUID().slice(0, 4)}`,
    stage: 'checked_in',
    vehicle: { plate: `京A${String(10000 + counter).slice(-5)}`, make: 'Audi', model: 'A6L', color: '黑' },
    customer: { name: '张伟', phone: '13812345678', salutation: 'mr' },
    priority: 'normal',
    wash: false,
    trackingToken: randomUUID().replaceAll('-', ''),
    operations: [{ id: 'op-1', code: 'OIL', title: '更换机油', standardHours: 0.5, bayId: 'bay-2', technicianId: 'tech-1' }],
    ...overrides,
  };
};

/**
 * One car through the whole day on the clock: checked in, dispatched, each operation worked for
 * its minutes from `start`, QC passed, delivered at `deliverAt`. Returns the order's id.
 */
export async function aDeliveredVisit(
  w: ClockedWorkshop,
  o: {
    checkIn: string;
    start: string;
    workMinutes: number[];
    deliverAt: string;
    promised?: string;
    storeId?: string;
    plate?: string;
    operations?: CommandOf<'createRepairOrder'>['operations'];
    score?: number;
  },
): Promise<string> {
  const ro = aVisit({
    ...(o.operations ? { operations: o.operations } : {}),
    ...(o.promised ? { promisedAt: w.iso(o.promised) } : {}),
    ...(o.plate ? { vehicle: { plate: o.plate, make: 'Audi', model: 'A6L', color: '黑' } } : {}),
  });
  const storeId = o.storeId ?? 'store-a';
  w.at(o.checkIn);
  await w.do(ro, { storeId });
  await w.do({ type: 'sendToWorkshop', roId: ro.roId }, { storeId });
  let t = Date.parse(w.iso(o.start));
  for (const [i, op] of ro.operations.entries()) {
    w.at(new Date(t).toISOString());
    await w.do({ type: 'startOperation', roId: ro.roId, operationId: op.id }, { storeId, source: 'scan' });
    t += o.workMinutes[i] * 60_000;
    w.at(new Date(t).toISOString());
    await w.do({ type: 'finishOperation', roId: ro.roId, operationId: op.id }, { storeId, source: 'scan' });
  }
  await w.do({ type: 'qcPass', roId: ro.roId }, { storeId });
  w.at(o.deliverAt);
  await w.do({ type: 'deliver', roId: ro.roId }, { storeId });
  if (o.score) await w.do({ type: 'submitSurvey', roId: ro.roId, score: o.score }, { storeId, source: 'kiosk', actor: { kind: 'customer', id: 'c' } });
  return ro.roId;
}

/** Every history table's rows, sorted by key, for comparing two read models. */
export async function dumpHistory(db: HistoryDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of ROW_TABLES) {
    const keys: readonly string[] = KEYS[table];
    const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    out[table] = rows
      .map((r) => ({ ...r }))
      .sort((a, b) => {
        for (const k of keys) if (a[k] !== b[k]) return String(a[k]) < String(b[k]) ? -1 : 1;
        return 0;
      });
  }
  return out;
}

/**
 * A day that uses every fact the history reads, through the real workflow: an appointment that
 * arrives, one cancelled with a reason, one no-show; a kiosk walk-in and a DMS order; a parts
 * wait with an ETA and a break; a QC fail and rework; a cancelled order; a survey; an advisor
 * call; two technicians' sign-ins (one signed out early). Returns the orders' ids.
 */
export async function aBusyDay(w: ClockedWorkshop): Promise<{ ros: string[] }> {
  const vehicle = { plate: '粤B12345', make: '丰田', model: '凯美瑞', color: '白' };
  const customer = { name: '李四', phone: '13900001111', salutation: 'ms' as const };
  w.at(w.iso('10:00', '2026-03-01'));
  await w.do({ type: 'createAppointment', appointmentId: 'ap-come', at: w.iso('09:00'), vehicle, customer, services: ['OIL'], advisorId: 'adv-1' });
  await w.do({ type: 'createAppointment', appointmentId: 'ap-cancel', at: w.iso('10:00'), vehicle, customer, services: [] });
  await w.do({ type: 'createAppointment', appointmentId: 'ap-noshow', at: w.iso('11:00'), vehicle, customer, services: [] });
  w.at('07:55');
  await w.do(
    { type: 'signInDevice', deviceId: 'phone-1', personId: 'tech-1', method: 'badge', until: w.iso('18:00') },
    { source: 'scan', actor: { kind: 'system', id: 'scan' } },
  );
  await w.do(
    { type: 'signInDevice', deviceId: 'phone-2', personId: 'tech-2', method: 'pin', until: w.iso('18:00') },
    { source: 'scan', actor: { kind: 'system', id: 'scan' } },
  );
  w.at('08:30');
  await w.do({ type: 'cancelAppointment', appointmentId: 'ap-cancel', reason: '客户临时有事' });

  const booked = aVisit({
    appointmentId: 'ap-come',
    advisorId: 'adv-1',
    promisedAt: w.iso('12:00'),
    operations: [
      { id: 'op-1', code: 'OIL', title: '更换机油', standardHours: 0.5, bayId: 'bay-2', technicianId: 'tech-1' },
      { id: 'op-2', code: 'BRK', title: '更换前刹车片', standardHours: 1.2, bayId: 'bay-1', technicianId: 'tech-2' },
    ],
  });
  w.at('09:05');
  await w.do(booked);
  await w.do({ type: 'sendToWorkshop', roId: booked.roId });
  w.at('09:15');
  await w.do({ type: 'startOperation', roId: booked.roId, operationId: 'op-1' }, { source: 'scan' });
  await w.do({ type: 'startOperation', roId: booked.roId, operationId: 'op-2' }, { source: 'scan' });
  w.at('09:40');
  await w.do({ type: 'finishOperation', roId: booked.roId, operationId: 'op-1' }, { source: 'scan' });
  w.at('09:45');
  await w.do(
    { type: 'pauseOperation', roId: booked.roId, operationId: 'op-2', pause: { reason: 'parts', part: '刹车片', eta: w.iso('10:30') } },
    { source: 'scan' },
  );
  w.at('11:00');
  await w.do({ type: 'resumeOperation', roId: booked.roId, operationId: 'op-2' }, { source: 'scan' });
  w.at('11:30');
  await w.do({ type: 'pauseOperation', roId: booked.roId, operationId: 'op-2', pause: { reason: 'break' } }, { source: 'scan' });
  w.at('11:40');
  await w.do({ type: 'resumeOperation', roId: booked.roId, operationId: 'op-2' }, { source: 'scan' });
  w.at('12:10');
  await w.do({ type: 'finishOperation', roId: booked.roId, operationId: 'op-2' }, { source: 'scan' });
  w.at('12:20');
  await w.do({ type: 'qcFail', roId: booked.roId, reason: '刹车异响', operationIds: ['op-2'] });
  w.at('12:30');
  await w.do({ type: 'startOperation', roId: booked.roId, operationId: 'op-2' }, { source: 'scan' });
  w.at('13:00');
  await w.do({ type: 'finishOperation', roId: booked.roId, operationId: 'op-2' }, { source: 'scan' });
  w.at('13:10');
  await w.do({ type: 'qcPass', roId: booked.roId });
  w.at('13:30');
  await w.do({ type: 'deliver', roId: booked.roId });
  await w.do({ type: 'submitSurvey', roId: booked.roId, score: 4 }, { source: 'kiosk', actor: { kind: 'customer', id: 'c' } });

  w.at('12:00');
  await w.do({ type: 'markAppointmentNoShow', appointmentId: 'ap-noshow' });

  const kiosk = aVisit({ wash: true });
  w.at('10:00');
  await w.do(kiosk, { source: 'kiosk', actor: { kind: 'kiosk', id: 'kiosk-1' } });
  await w.do({ type: 'callAdvisor', callId: 'call-1', kioskId: 'kiosk-1' }, { source: 'kiosk', actor: { kind: 'kiosk', id: 'kiosk-1' } });
  w.at('10:03');
  await w.do({ type: 'acknowledgeCall', callId: 'call-1' });
  await w.do({ type: 'sendToWorkshop', roId: kiosk.roId });
  w.at('14:00');
  await w.do({ type: 'startOperation', roId: kiosk.roId, operationId: 'op-1' }, { source: 'scan' });
  w.at('14:30');
  await w.do({ type: 'finishOperation', roId: kiosk.roId, operationId: 'op-1' }, { source: 'scan' });
  await w.do({ type: 'qcPass', roId: kiosk.roId });
  w.at('14:50');
  await w.do({ type: 'washDone', roId: kiosk.roId });

  const dms = aVisit({ operations: [{ id: 'op-1', code: 'BRK', title: '刹车', standardHours: 1.2 }] });
  w.at('15:00');
  await w.do(dms, { source: 'api', actor: { kind: 'integration', id: 'dms' } });
  w.at('15:10');
  await w.do({ type: 'cancel', roId: dms.roId, reason: '客户不修了' });
  w.at('16:00');
  await w.do({ type: 'signOutDevice', deviceId: 'phone-2' }, { source: 'scan', actor: { kind: 'system', id: 'scan' } });
  return { ros: [booked.roId, kiosk.roId, dms.roId] };
}
