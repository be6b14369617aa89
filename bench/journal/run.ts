/**
 * `npx tsx bench/journal/run.ts`: what the chained checksum costs on the append path, next to
 * the write + fdatasync every acknowledged append already waits for.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aDraft } from '../../tests/helpers/events';
import { silentLogger } from '../../server/log';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { CHAIN_START, link } from '../../server/store/journal/format';

const line = JSON.stringify({ seq: 1, ...aDraft() });
const N = 200_000;
let chain = CHAIN_START;
for (let i = 0; i < 10_000; i++) chain = link(chain, line);
let t = performance.now();
for (let i = 0; i < N; i++) chain = link(chain, line);
const hashUs = ((performance.now() - t) * 1000) / N;
t = performance.now();
for (let i = 0; i < N; i++) JSON.stringify({ seq: i, ...aDraft() }); // a fresh draft each time, as a request brings
const stringifyUs = ((performance.now() - t) * 1000) / N;

const dir = await mkdtemp(join(tmpdir(), 'tw-bench-journal-'));
const store = await EmbeddedEventStore.open(dir, { log: silentLogger });
const stores = Array.from({ length: 16 }, (_, i) => `b-${i}`);
const perStore = 300;
t = performance.now();
await Promise.all(
  stores.map(async (id) => {
    for (let seq = 0; seq < perStore; seq++) await store.append(aDraft({ storeId: id }), seq);
  }),
);
const ms = performance.now() - t;
const solo = performance.now();
for (let seq = perStore; seq < perStore + 200; seq++) await store.append(aDraft({ storeId: 'b-0' }), seq);
const soloMs = (performance.now() - solo) / 200;
await store.close();
await rm(dir, { recursive: true, force: true });

console.log(
  `line of ${Buffer.byteLength(line)} bytes: chain checksum ${hashUs.toFixed(2)} µs, building and JSON.stringify of a draft ${stringifyUs.toFixed(2)} µs`,
);
console.log(`one writer, one append at a time: ${soloMs.toFixed(2)} ms per acknowledged append (write + fdatasync)`);
console.log(`16 writers side by side: ${Math.round((stores.length * perStore) / (ms / 1000))} appends/s acknowledged (group commit)`);
