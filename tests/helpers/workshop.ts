import { randomUUID } from 'node:crypto';
import type { Command, CommandOf } from '../../shared/workflow/commands';
import type { WorkshopEvent } from '../../shared/workflow/events';
import type { WorkshopService } from '../../server/workshop-service';

let counter = 0;

/** A walk-in repair order with one operation; override only what a test cares about. */
export const aNewRepairOrder = (overrides: Partial<CommandOf<'createRepairOrder'>> = {}): CommandOf<'createRepairOrder'> => {
  counter++;
  return {
    type: 'createRepairOrder',
    roId: `ro-t${counter}-${randomUUID().slice(0, 6)}`,
    number: `RO-TEST-${counter}`,
    stage: 'checked_in',
    vehicle: { plate: '京A12345', make: 'Audi', model: 'A6L', color: 'Black' },
    customer: { name: '张伟', phone: '13812345678', salutation: 'mr' },
    priority: 'normal',
    wash: true,
    trackingToken: randomUUID().replaceAll('-', ''),
    operations: [{ id: `op-${counter}`, code: 'OIL', title: 'Oil change', standardHours: 0.5 }],
    ...overrides,
  };
};

/** Commit through the real service as an integration would; throws if refused. */
export async function commitOk(service: WorkshopService, storeId: string, command: Command): Promise<WorkshopEvent> {
  const result = await service.commit({
    storeId,
    command,
    actor: { kind: 'system', id: 'test' },
    source: 'system',
    key: `test:${randomUUID()}`,
  });
  if (!result.ok) throw new Error(`refused: ${result.error.message}`);
  return result.event;
}

/** A display token for a screen that is really paired (tokens of unpaired screens are refused). */
export async function aPairedDisplayToken(
  server: {
    service: WorkshopService;
    auth: { issueDisplayToken(grant: { id: string; storeId: string; board: 'customer' | 'dispatch' | 'bay'; bayId?: string }): string };
  },
  display: { id: string; storeId: string; board: 'customer' | 'dispatch' | 'bay'; bayId?: string },
): Promise<string> {
  await commitOk(server.service, display.storeId, { type: 'pairDisplay', displayId: display.id, name: display.id, board: display.board, bayId: display.bayId });
  return server.auth.issueDisplayToken(display);
}
