import type { Appointment, Operation, RepairOrder } from '../../shared/domain/repair-order';
import { StoreSchema, type Store } from '../../shared/domain/shop';
import type { StaffView } from '../../shared/projections/views';

/**
 * Test data for the boards' unit tests: each builder fills every required field so a test
 * names only what matters to it. Not imported by any page.
 */

export const T0 = Date.parse('2026-03-10T02:00:00Z'); // 10:00 in Asia/Shanghai
export const at = (minutesFromT0: number) => new Date(T0 + minutesFromT0 * 60_000).toISOString();

// Parsed by the real schema (Node tests only), so fields added later get their defaults here too.
export const aStore = (overrides: Partial<Store> = {}): Store =>
  StoreSchema.parse({
    id: 'store-1',
    name: { 'zh-CN': '测试门店', en: 'Test store' },
    country: 'CN',
    timezone: 'Asia/Shanghai',
    locale: 'zh-CN',
    bays: [
      { id: 'bay-01', name: '机修1号位', kind: 'general' },
      { id: 'bay-02', name: '机修2号位', kind: 'general' },
      { id: 'bay-03', name: '快保1号位', kind: 'quick' },
    ],
    teams: [{ id: 'team-1', name: '一组' }],
    technicians: [
      { id: 'tech-01', name: '王建国', teamId: 'team-1', skills: ['general'], roles: ['technician'] },
      { id: 'tech-02', name: '李强', teamId: 'team-1', skills: ['quick'], roles: ['technician'] },
    ],
    advisors: [{ id: 'adv-01', name: '刘婷' }],
    catalogue: [
      { code: 'MNT-OIL', title: { 'zh-CN': '更换机油机滤', en: 'Oil change' }, standardHours: 0.5, bayKind: 'quick' },
      { code: 'BRK-PAD-F', title: { 'zh-CN': '更换前刹车片', en: 'Front pads' }, standardHours: 1.2, bayKind: 'general' },
    ],
    stageLimitsMinutes: { checked_in: 30, waiting_dispatch: 45, quality_check: 30 },
    ...overrides,
  });

let opCounter = 0;
export const anOperation = (overrides: Partial<Operation> = {}): Operation => ({
  id: `op-${++opCounter}`,
  code: 'BRK-PAD-F',
  title: '更换前刹车片',
  standardHours: 1,
  status: 'unassigned',
  workedMs: 0,
  reworks: 0,
  ...overrides,
});

let roCounter = 0;
export const aRepairOrder = (overrides: Partial<RepairOrder> = {}): RepairOrder => {
  const n = ++roCounter;
  return {
    id: `ro-${n}`,
    storeId: 'store-1',
    number: `RO20260310-${String(n).padStart(4, '0')}`,
    stage: 'in_service',
    stageSince: at(-30),
    vehicle: { plate: `京A1234${n % 10}`, make: 'Audi', model: 'A6L', color: '黑色' },
    customer: { name: '张宏伟', phone: '13801126647', salutation: 'mr' },
    priority: 'normal',
    wash: false,
    operations: [anOperation()],
    reworkCount: 0,
    createdAt: at(-60),
    checkedInAt: at(-60),
    timeline: [],
    ...overrides,
  };
};

export const anAppointment = (overrides: Partial<Appointment> = {}): Appointment => ({
  id: `ap-${++roCounter}`,
  storeId: 'store-1',
  at: at(60),
  vehicle: { plate: '京B55555', make: 'BMW', model: 'X3', color: '蓝色' },
  customer: { name: '王芳', phone: '13911873302', salutation: 'ms' },
  services: ['MNT-OIL'],
  status: 'booked',
  createdAt: at(-600),
  ...overrides,
});

/** A staff view holding these records, keyed as the server keys them. */
export const aStaffView = (records: (RepairOrder | Appointment)[], store = aStore(), bayId?: string): StaffView => ({
  header: bayId ? { store, bayId } : { store },
  entries: Object.fromEntries(records.map((r) => ['operations' in r ? `ro:${r.id}` : `appointment:${r.id}`, r])),
});
