import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer';

const require = createRequire(import.meta.url);
/**
 * axe-core's browser build. The pages' CSP (script-src 'self') refuses an inline script tag, so
 * `addScriptTag` would be blocked; evaluating the source through the DevTools protocol is not
 * policed by CSP and leaves the page's own policy as it ships.
 */
const AXE_SOURCE = readFileSync(require.resolve('axe-core'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  /** Up to three offending elements, each as axe names it (a selector path through shadow roots). */
  nodes: string[];
  count: number;
}

/**
 * Run axe-core on what the page shows now and answer the serious and critical findings (WCAG 2.x
 * A/AA and best-practice rules; axe walks open shadow roots by itself). Moderate and minor
 * findings are left out: the bar the project holds every page to is "no serious or critical".
 */
export async function axeSerious(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      count: v.nodes.length,
      nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
    }));
  });
  return result.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

/** One line per finding, for an assertion message a person can act on. */
export const describeFindings = (findings: AxeFinding[]) => findings.map((f) => `${f.impact} ${f.id} ×${f.count}: ${f.help} — ${f.nodes.join(' ')}`).join('\n');
