import { html, type TemplateResult } from 'lit';
import type { Summary } from '../../../shared/reports/summary';
import { fixed, pct } from './report-format';
import { sectionHead, type T } from './report-tables';

/**
 * Bay use by hour of day as a table of shaded cells: each cell writes its figure, and its shade
 * (five steps, each with text that keeps 4.5:1 contrast) only repeats it. A store's view has a
 * row per bay (worked hours in that hour over the range); the group's a row per store (that
 * hour's utilisation). Columns are the hours the workshop is open, and any other hour with work.
 */
const hourKey = (h: number) => String(h).padStart(2, '0');

const level = (share: number) => (share <= 0 ? 0 : share < 0.25 ? 1 : share < 0.5 ? 2 : share < 0.75 ? 3 : 4);

function hoursShown(summaries: Summary[]): number[] {
  const hours = new Set<number>();
  for (const s of summaries) {
    for (const h of s.bayUtilisationByHour) if (h.denominator > 0 || h.numerator > 0) hours.add(h.hour);
  }
  return [...hours].sort((a, b) => a - b);
}

const head = (t: T, first: string, hours: number[]) =>
  html`<thead><tr><th scope="col">${first}</th>${hours.map((h) => html`<th scope="col" class="n">${hourKey(h)}</th>`)}</tr></thead>`;

/** One store: rows are its bays (config order), cells worked hours. */
export function bayHeatMap(t: T, s: Summary, storeId: string, bays: { id: string; name: string }[], csv: string): TemplateResult {
  const hours = hoursShown([s]);
  const byBay = new Map(s.bayHours.map((b) => [b.bay, b.hours]));
  return html`<section class="panel heat" data-table="bay-hours">${sectionHead(t, t('heat.title'), csv)}
    <p class="note">${t('heat.hint')}</p>
    <table>${head(t, t('heat.bay'), hours)}<tbody>${bays.map((b) => {
      const row = byBay.get(`${storeId}/${b.id}`) ?? {};
      return html`<tr data-bay=${b.id}><th scope="row">${b.name}</th>${hours.map((h) => {
        const worked = row[hourKey(h)] ?? 0;
        return html`<td class="n cell l${level(worked / s.days)}" title=${t('heat.cell', { bay: b.name, hour: hourKey(h), v: fixed(worked) })}>${worked >= 0.05 ? fixed(worked) : worked > 0 ? '<0.1' : '·'}</td>`;
      })}</tr>`;
    })}</tbody></table></section>`;
}

/** The group: rows are stores, cells the hour's utilisation (worked bay-hours over open bay-hours). */
export function storeHeatMap(t: T, stores: { id: string; name: string; summary: Summary }[], csv: string): TemplateResult {
  const hours = hoursShown(stores.map((s) => s.summary));
  return html`<section class="panel heat" data-table="store-hours">${sectionHead(t, t('heat.groupTitle'), csv)}
    <p class="note">${t('heat.groupHint')}</p>
    <table>${head(t, t('rank.store'), hours)}<tbody>${stores.map(
      (s) =>
        html`<tr data-store=${s.id}><th scope="row">${s.name}</th>${hours.map((h) => {
          const r = s.summary.bayUtilisationByHour[h];
          return html`<td class="n cell l${level(r.value ?? (r.numerator > 0 ? 1 : 0))}" title=${t('heat.cell', { bay: s.name, hour: hourKey(h), v: pct(r.value) })}>${r.value === null ? (r.numerator ? `${fixed(r.numerator)}h` : '·') : r.value === 0 ? '·' : pct(r.value)}</td>`;
        })}</tr>`,
    )}</tbody></table></section>`;
}
