/**
 * Child process of `npm run bench:history`: opens a data dir the way the server does at start-up
 * (EmbeddedEventStore.open, then WorkshopService.init(), which loads each store's snapshot and
 * folds the journal's tail) and prints one JSON line with the times and the memory it then holds.
 *
 * argv: <dataDir> <shop config file> [clock, epoch ms: the simulated time the restart happens at,
 * so the idempotency window and the fold see the days just simulated]. It writes nothing to the data dir (no service.close(),
 * which would save snapshots).
 */
import { performance } from 'node:perf_hooks';
import { loadShopConfig } from '../../server/config';
import { silentLogger } from '../../server/log';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { WorkshopService } from '../../server/workshop-service';

const [dataDir, shopFile, clock] = process.argv.slice(2);
const shop = loadShopConfig(shopFile);
const clockMs = clock === undefined ? undefined : Number(clock);
const t0 = performance.now();
const events = await EmbeddedEventStore.open(dataDir, { log: silentLogger, now: clockMs === undefined ? undefined : () => clockMs });
const t1 = performance.now();
const service = new WorkshopService(events, shop.stores, silentLogger, clockMs === undefined ? undefined : () => new Date(clockMs));
await service.init();
const t2 = performance.now();
let seqs = 0;
for (const s of shop.stores) seqs += service.cachedState(s.id)?.seq ?? 0;
(globalThis as { gc?: () => void }).gc?.();
const mem = process.memoryUsage();
await events.close();
console.log(
  JSON.stringify({
    openMs: t1 - t0,
    initMs: t2 - t1,
    totalMs: t2 - t0,
    events: seqs,
    heapUsedMb: mem.heapUsed / 2 ** 20,
    rssMb: mem.rss / 2 ** 20,
    // Time since this process started, so the Node + tsx start-up is visible beside the store's own.
    sinceProcessStartMs: performance.now(),
  }),
);
