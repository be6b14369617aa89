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
 * busiest functions, as text for the benchmark's notes.
 */
export function summariseProfile(file: string, top = 15): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
  const total = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0) || 1;
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = functionName === '(idle)' ? '(idle)' : functionName === '(garbage collector)' ? '(garbage collector)' : areaOf(url);
    byArea.set(area, (byArea.get(area) ?? 0) + hits);
    const fn = `${functionName || '(anonymous)'} ${areaOf(url)}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
  }
  const busy = total - (byArea.get('(idle)') ?? 0);
  const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`.padStart(6);
  const lines = [`profile ${file.split('/').pop()}: ${((profile.endTime - profile.startTime) / 1e6).toFixed(0)} s, busy ${pct(busy, total).trim()} of samples; share of busy time:`];
  lines.push('  by area:');
  for (const [area, n] of [...byArea].filter(([a]) => a !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`   ${pct(n, busy)}  ${area}`);
  lines.push('  by function (self time):');
  for (const [fn, n] of [...byFunction].filter(([f]) => !f.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`   ${pct(n, busy)}  ${fn}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) for (const f of process.argv.slice(2)) console.log(summariseProfile(f));
