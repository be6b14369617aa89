import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** Where a function lives, in words a reader of this repository knows. */
const areaOf = (url: string): string => {
  if (!url) return '(native / V8)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`;
  const own = /\/work\/[^/]+\/(.+)$/.exec(url) ?? /file:\/\/.*?\/((?:server|shared|scripts)\/.+)$/.exec(url);
  return own ? own[1].replace(/\.ts.*$/, '.ts') : url;
};

/**
 * A V8 .cpuprofile summed by self time: the busiest areas (package or source file) and the
 * busiest functions, as text for the benchmark's notes. With `window` (ms on the shared
 * monotonic clock, see clock.ts — V8 stamps samples with the same clock) only the samples taken
 * inside it count, so set-up and connecting do not hide what a measured window cost.
 */
export function summariseProfile(file: string, top = 15, window?: { from: number; to: number }): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    endTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const hitsOf = new Map<number, number>();
  if (window) {
    let t = profile.startTime;
    profile.samples.forEach((id, i) => {
      t += profile.timeDeltas[i];
      if (t >= window.from * 1000 && t <= window.to * 1000) hitsOf.set(id, (hitsOf.get(id) ?? 0) + 1);
    });
  } else for (const node of profile.nodes) hitsOf.set(node.id, node.hitCount ?? 0);
  const total = [...hitsOf.values()].reduce((n, h) => n + h, 0) || 1;
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = hitsOf.get(node.id) ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = functionName === '(idle)' ? '(idle)' : functionName === '(garbage collector)' ? '(garbage collector)' : areaOf(url);
    byArea.set(area, (byArea.get(area) ?? 0) + hits);
    const fn = `${functionName || '(anonymous)'} ${areaOf(url)}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
  }
  const busy = total - (byArea.get('(idle)') ?? 0);
  const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`.padStart(6);
  const span = window ? (window.to - window.from) / 1000 : (profile.endTime - profile.startTime) / 1e6;
  const lines = [
    `profile ${file.split('/').pop()}${window ? ' (measured window only)' : ''}: ${span.toFixed(0)} s, busy ${pct(busy, total).trim()} of samples; share of busy time:`,
  ];
  lines.push('  by area:');
  for (const [area, n] of [...byArea]
    .filter(([a]) => a !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    lines.push(`   ${pct(n, busy)}  ${area}`);
  lines.push('  by function (self time):');
  for (const [fn, n] of [...byFunction]
    .filter(([f]) => !f.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    lines.push(`   ${pct(n, busy)}  ${fn}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) for (const f of process.argv.slice(2)) console.log(summariseProfile(f));
