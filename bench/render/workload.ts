/**
 * The render benchmark's workload: 200 open repair orders spread over the lifecycle the way a
 * busy day looks (cars at work in every bay, queues, unassigned cars, QC, washing, ready), and
 * a stream of single-RO updates that each change something a board shows.
 * ROs are created through the REST API (numbers, tracking tokens, catalogue hours as in real
 * use); moves and updates go through service.commit, the one commit path.
 */
import { randomUUID } from 'node:crypto';
import type { RepairOrder } from '../../shared/domain/repair-order';
import type { Command } from '../../shared/workflow/commands';
import type { TestServer } from '../../tests/helpers/server';

const ACTOR = { kind: 'system' as const, id: 'bench' };
const PROVINCES = ['京', '京', '京', '冀', '津', '粤', '沪'];
const LETTERS = 'ABCDEFGHJKLMNPQ';
const CARS = [
  ['Audi', 'A6L', '黑色'],
  ['BMW', '530Li', '白色'],
  ['Mercedes-Benz', 'C260L', '银色'],
  ['Toyota', 'Camry', '白色'],
  ['Honda', 'Accord', '蓝色'],
  ['BYD', 'Han EV', '红色'],
  ['Tesla', 'Model Y', '白色'],
  ['Volkswagen', 'Passat', '灰色'],
] as const;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const CODES_BY_KIND: Record<string, string> = {
  general: 'BRK-PAD-F',
  quick: 'MNT-10K',
  alignment: 'ALN-4W',
  electrical: 'DIAG',
  body: 'BODY-DENT',
  paint: 'PAINT-PNL',
  wash: 'WASH',
};

export interface Workload {
  ros: RepairOrder[];
  /** The in-progress operation of each bay that has one, for pause/resume updates. */
  working: { roId: string; operationId: string; bayId: string }[];
}

async function commit(server: TestServer, storeId: string, command: Command): Promise<void> {
  const result = await server.service.commit({ storeId, actor: ACTOR, source: 'dispatch', key: randomUUID(), command });
  if (!result.ok) throw new Error(`${command.type} refused: ${result.error.message}`);
}

/** Create `count` open ROs and move them into a believable mix of stages. */
export async function seedOpenRos(server: TestServer, storeId: string, count = 200): Promise<Workload> {
  const store = server.service.storeConfig(storeId)!;
  const bays = store.bays;
  const techs = store.technicians;
  const ros: RepairOrder[] = [];
  for (let i = 0; i < count; i++) {
    const [make, model, color] = CARS[i % CARS.length]!;
    const bay = bays[i % bays.length]!;
    const plate = `${PROVINCES[i % PROVINCES.length]}${LETTERS[i % LETTERS.length]}${String(10000 + i * 37).slice(-5)}`;
    const res = await server.api('POST', `/api/stores/${storeId}/repair-orders`, {
      vehicle: { plate, make, model, color },
      customer: { name: `${SURNAMES[i % SURNAMES.length]}先生`, phone: `139${String(10000000 + i).slice(-8)}`, salutation: 'mr' },
      operations: [{ code: CODES_BY_KIND[bay.kind] ?? 'MNT-10K' }],
      promisedAt: new Date(Date.now() + (1 + (i % 8)) * 3600_000).toISOString(),
    });
    if (res.status !== 201) throw new Error(`create refused: ${res.status} ${JSON.stringify(res.body)}`);
    ros.push(res.body.data.repairOrder as RepairOrder);
  }

  const working: Workload['working'] = [];
  // Cars that are past the workshop go through their bays first, while the bays are free.
  const order = [...ros.keys()].sort((a, b) => Number(b >= 110 && b < 170) - Number(a >= 110 && a < 170) || a - b);
  for (const i of order) {
    const ro = ros[i]!;
    const op = ro.operations[0]!;
    const bay = bays[i % bays.length]!;
    const tech = techs[i % bays.length];
    const ids = { roId: ro.id, operationId: op.id };
    // 12 cars at work (one per bay), 36 queued at bays, 50 unassigned, then QC, washing, ready;
    // the rest wait at reception (checked in).
    if (i >= 170) continue;
    if (i >= 60 && i < 110) {
      await commit(server, storeId, { type: 'sendToWorkshop', roId: ro.id });
      continue;
    }
    await commit(server, storeId, { type: 'assignOperation', ...ids, bayId: bay.id, ...(tech && i < bays.length ? { technicianId: tech.id } : {}) });
    if (i >= bays.length && i < 60) continue;
    await commit(server, storeId, { type: 'startOperation', ...ids });
    if (i < bays.length) {
      working.push({ ...ids, bayId: bay.id });
      continue;
    }
    await commit(server, storeId, { type: 'finishOperation', ...ids });
    if (i < 130) continue;
    await commit(server, storeId, { type: 'qcPass', roId: ro.id });
    if (i < 150) continue;
    await commit(server, storeId, { type: 'washDone', roId: ro.id });
  }
  return { ros, working };
}

/**
 * The i-th update: even ones pause or resume the work in a bay (lanes, the bay board, the
 * lounge's "waiting for parts"), odd ones change one RO's promised time or priority (queue,
 * lounge rows). Each is one event touching one RO.
 */
export function updateFor(i: number, workload: Workload, paused: Set<string>): Command {
  if (i % 2 === 0) {
    const job = workload.working[(i / 2) % workload.working.length]!;
    const ids = { roId: job.roId, operationId: job.operationId };
    if (paused.delete(job.operationId)) return { type: 'resumeOperation', ...ids };
    paused.add(job.operationId);
    return { type: 'pauseOperation', ...ids, pause: { reason: 'parts', part: '前刹车片', eta: new Date(Date.now() + 2 * 3600_000).toISOString() } };
  }
  const ro = workload.ros[((i - 1) / 2) % workload.ros.length]!;
  if (i % 4 === 1) return { type: 'updateRepairOrder', roId: ro.id, patch: { promisedAt: new Date(Date.now() + (60 + (i % 300)) * 60_000).toISOString() } };
  const priorities = ['normal', 'high', 'urgent'] as const;
  return { type: 'updateRepairOrder', roId: ro.id, patch: { priority: priorities[i % 3]! } };
}

export const applyUpdate = (server: TestServer, storeId: string, command: Command) => commit(server, storeId, command);
