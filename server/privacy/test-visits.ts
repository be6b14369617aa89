/**
 * Test data for erasure: whole visits decided by the real workflow and appended to a real store,
 * so the log holds facts exactly as the server writes them.
 */
import type { Command } from '../../shared/workflow/commands';
import type { EventStore } from '../store/event-store';
import { StoreState } from '../../shared/workflow/state';

/** One customer: what erasure must remove, in every spelling the code stores. */
export interface Customer {
  plateTyped: string;
  plate: string;
  name: string;
  phones: string[];
  vin: string;
}

export const ZHANG: Customer = { plateTyped: '京A·12345', plate: '京A12345', name: '张伟', phones: ['13812345678', '13812340000'], vin: 'LFV3A23C1J3000001' };
export const LI: Customer = { plateTyped: '粤B54321', plate: '粤B54321', name: '李娜', phones: ['13900001111'], vin: 'LSVAB4BR5JN000002' };
export const WANG: Customer = { plateTyped: '沪C77777', plate: '沪C77777', name: '王芳', phones: ['13700007777'], vin: 'LHGCR2F58J0000003' };

const DAY = 86_400_000;

/** Decides commands one after another and appends each fact to `store`, as the commit path does. */
export class VisitWriter {
  readonly state: StoreState;
  #n = 0;

  constructor(
    private readonly store: EventStore,
    readonly storeId = 'store-a',
  ) {
    this.state = new StoreState(storeId);
  }

  async run(command: Command, at: number): Promise<void> {
    const iso = new Date(at).toISOString();
    const decision = this.state.decide(command, iso);
    if (!decision.ok) throw new Error(`${command.type}: ${decision.error.message}`);
    const result = await this.store.append(
      {
        storeId: this.storeId,
        at: iso,
        actor: { kind: 'staff', id: 'advisor-1' },
        source: 'api',
        key: `visit-key-${++this.#n}`,
        ...decision.fact,
      },
      this.state.seq,
    );
    if (result.status !== 'appended') throw new Error(`append: ${result.status}`);
    this.state.applyEvent(result.event);
  }

  /** A booked appointment, checked in as a repair order, worked, QC passed, delivered and rated. */
  async deliveredVisit(c: Customer, id: string, start: number): Promise<void> {
    const vehicle = { plate: c.plateTyped, vin: c.vin, make: 'Toyota', model: 'Camry', color: 'white' };
    const customer = { name: c.name, phone: c.phones[0]!, salutation: 'mr' as const };
    await this.run(
      {
        type: 'createAppointment',
        appointmentId: `ap-${id}`,
        at: new Date(start + DAY).toISOString(),
        vehicle: { ...vehicle, plate: c.plate },
        customer,
        services: ['OIL'],
      },
      start,
    );
    await this.run(
      {
        type: 'createRepairOrder',
        roId: `ro-${id}`,
        number: `RO-${id}`,
        stage: 'checked_in',
        appointmentId: `ap-${id}`,
        vehicle,
        customer,
        priority: 'normal',
        wash: false,
        trackingToken: `tracking-token-${id}-0000000000`,
        description: `noise at 60 km/h, call ${c.phones[0]}`,
        operations: [{ id: 'op-1', code: 'OIL', title: 'Oil change', standardHours: 0.5 }],
      },
      start + DAY,
    );
    if (c.phones[1]) await this.run({ type: 'updateRepairOrder', roId: `ro-${id}`, patch: { customer: { phone: c.phones[1] } } }, start + DAY + 60_000);
    const steps: Command[] = [
      { type: 'sendToWorkshop', roId: `ro-${id}` },
      { type: 'assignOperation', roId: `ro-${id}`, operationId: 'op-1', bayId: 'bay-1', technicianId: 'tech-1' },
      { type: 'startOperation', roId: `ro-${id}`, operationId: 'op-1' },
      { type: 'finishOperation', roId: `ro-${id}`, operationId: 'op-1' },
      { type: 'qcPass', roId: `ro-${id}` },
      { type: 'deliver', roId: `ro-${id}` },
      { type: 'submitSurvey', roId: `ro-${id}`, score: 5, comment: `${c.name} is happy` },
    ];
    for (const [i, step] of steps.entries()) await this.run(step, start + DAY + (i + 2) * 600_000);
  }

  /** A car checked in and still at the workshop. */
  async openVisit(c: Customer, id: string, at: number): Promise<void> {
    await this.run(
      {
        type: 'createRepairOrder',
        roId: `ro-${id}`,
        number: `RO-${id}`,
        stage: 'checked_in',
        vehicle: { plate: c.plateTyped, vin: c.vin, make: 'BYD', model: 'Han', color: 'black' },
        customer: { name: c.name, phone: c.phones[0]!, salutation: 'ms' },
        priority: 'normal',
        wash: true,
        trackingToken: `tracking-token-${id}-0000000000`,
        operations: [{ id: 'op-1', code: 'TIRE', title: 'Tyres', standardHours: 1 }],
      },
      at,
    );
  }
}

/** Every string erasure must have removed for a customer. */
export const valuesOf = (c: Customer) => [...new Set([c.plateTyped, c.plate, c.name, c.vin, ...c.phones])];

export { DAY };
