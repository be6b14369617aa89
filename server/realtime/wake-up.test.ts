import { EventEmitter } from 'node:events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryEventStore } from '../../tests/helpers/memory-store';
import { aTestShop } from '../../tests/helpers/shop';
import { aNewRepairOrder, commitOk } from '../../tests/helpers/workshop';
import { silentLogger } from '../log';
import { WorkshopService } from '../workshop-service';
import type { WorkshopIo } from './gateway';
import { attachWakeUps } from './wake-up';

/** Redis pub/sub in memory: `down` makes every publish fail, as a broken link does. */
function aBus() {
  const listeners = new Set<(message: string) => void>();
  const bus = { down: false };
  const client = () =>
    Object.assign(new EventEmitter(), {
      publish: async (_channel: string, message: string) => {
        if (bus.down) throw new Error('Socket closed unexpectedly');
        for (const l of listeners) l(message);
        return 1;
      },
      subscribe: async (_channel: string, listener: (m: string) => void) => void listeners.add(listener),
      unsubscribe: async (_channel: string, listener: (m: string) => void) => void listeners.delete(listener),
    });
  return { bus, client };
}

/** One process: its own fold of the shared log, screens in `rooms`, and the deltas it sent them locally. */
async function aProcess(log: MemoryEventStore, net: ReturnType<typeof aBus>, rooms: string[]) {
  const service = new WorkshopService(log, aTestShop().stores, silentLogger);
  await service.init();
  const sent: { rooms: string[]; seq: number }[] = [];
  const io = {
    of: () => ({ adapter: { rooms: new Map(rooms.map((r) => [r, new Set(['socket-1'])])) } }),
    local: { to: (to: string[]) => ({ emit: (_event: string, delta: { seq: number }) => void sent.push({ rooms: to, seq: delta.seq }) }) },
  } as unknown as WorkshopIo;
  const pub = net.client();
  const sub = net.client();
  const wakeUps = await attachWakeUps({ io, service, log: silentLogger, pub, sub, channel: 'test:wake' });
  return { service, sent, pub, sub, wakeUps };
}

const Wake = suite('wake-ups');

Wake('after its subscriber reconnects, a process sends its screens the latest delta of a store whose log went past what reached them', async () => {
  const log = new MemoryEventStore();
  const net = aBus();
  const a = await aProcess(log, net, []);
  const b = await aProcess(log, net, ['s:store-a:dispatch', 's:store-a:customer']);
  // Written through A while B's link was away: neither the delta nor its wake-up reached B.
  await commitOk(a.service, 'store-a', aNewRepairOrder());
  await commitOk(a.service, 'store-a', aNewRepairOrder());
  b.sub.emit('ready');
  await b.wakeUps.settled();
  assert.ok(b.sent.length > 0);
  assert.ok(
    b.sent.every((s) => s.seq === 2),
    'the latest event only: a screen further behind resyncs from the gap',
  );
  assert.ok(b.sent.some((s) => s.rooms.includes('s:store-a:dispatch')));
  assert.is(a.sent.length, 0, 'A has no screens of the store');
});

Wake('stays quiet after a reconnect when the wake-ups show every seq reached the screens', async () => {
  const log = new MemoryEventStore();
  const net = aBus();
  const a = await aProcess(log, net, []);
  const b = await aProcess(log, net, ['s:store-a:dispatch']);
  for (let i = 0; i < 2; i++) {
    const event = await commitOk(a.service, 'store-a', aNewRepairOrder());
    a.wakeUps.published('store-a', event.seq); // as the gateway does after emitting the delta
  }
  b.sub.emit('ready');
  await b.wakeUps.settled();
  assert.equal(b.sent, [], 'nothing sent twice, and the log was not needed');
});

Wake('a process whose publisher reconnects announces its last seqs, and a process that never heard of one wakes its screens', async () => {
  const log = new MemoryEventStore();
  const net = aBus();
  const a = await aProcess(log, net, []);
  const b = await aProcess(log, net, ['s:store-a:dispatch']);
  const first = await commitOk(a.service, 'store-a', aNewRepairOrder());
  a.wakeUps.published('store-a', first.seq);
  net.bus.down = true;
  const second = await commitOk(a.service, 'store-a', aNewRepairOrder());
  a.wakeUps.published('store-a', second.seq); // lost, like the delta before it
  net.bus.down = false;
  a.pub.emit('ready');
  await b.wakeUps.settled();
  assert.ok(b.sent.length > 0 && b.sent.every((s) => s.seq === 2));
  // Announced again (another reconnect): B knows its screens have it now.
  b.sent.length = 0;
  a.pub.emit('ready');
  await b.wakeUps.settled();
  assert.equal(b.sent, []);
});

Wake.run();
