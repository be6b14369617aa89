import { html, nothing, type TemplateResult } from 'lit';
import type { ReportsKey } from '../../../shared/i18n/reports';
import type { Summary } from '../../../shared/reports/summary';
import { STAGE_ORDER } from './report-model';
import { fixed, NONE, pct } from './report-format';
import type { StoreReport } from './reports-api';

/**
 * The reports page's tables and bar lists, as templates of the figures they show. Every number is
 * the API's (a share, hours, a count); nothing is recomputed here but sums for a total row.
 */
export type T = (key: ReportsKey, params?: Record<string, string | number>) => string;
export interface Names {
  store(id: string): string;
  technician(storeId: string, id: string): string;
}

/** A section's heading with its CSV download (the server writes the file; the link carries the session cookie). */
export const sectionHead = (t: T, title: string, csv?: string): TemplateResult => html`<header class="section-head"><h2>${title}</h2>
  ${csv ? html`<a class="csv" href=${csv} download>${t('csv')}<span class="visually-hidden"> · ${title}</span></a>` : nothing}</header>`;

export function stageTable(t: T, s: Summary, csv?: string): TemplateResult {
  const longest = Math.max(1, ...STAGE_ORDER.map((k) => s.stageTime[k]?.p90 ?? 0));
  return html`<section class="panel" data-table="stages">${sectionHead(t, t('stages.title'), csv)}
    <table><thead><tr><th scope="col">${t('stages.stage')}</th><th scope="col" class="n">${t('stages.cars')}</th><th scope="col" class="n">${t('stages.p50')}</th>
      <th scope="col" class="n">${t('stages.p90')}</th><th scope="col" class="n">${t('stages.mean')}</th><th scope="col" class="bar-col"><span class="visually-hidden">${t('stages.p50')} / ${t('stages.p90')}</span></th></tr></thead>
    <tbody>${STAGE_ORDER.map((stage) => {
      const d = s.stageTime[stage];
      return html`<tr data-stage=${stage}><th scope="row">${t(`stage.${stage}` as ReportsKey)}</th><td class="n">${d?.count ?? 0}</td>
        <td class="n">${fixed(d?.p50 ?? null)}</td><td class="n">${fixed(d?.p90 ?? null)}</td><td class="n">${fixed(d?.mean.value ?? null)}</td>
        <td class="bar-col" aria-hidden="true"><span class="range-bar"><i class="p90" style="width:${((d?.p90 ?? 0) / longest) * 100}%"></i><i class="p50" style="width:${((d?.p50 ?? 0) / longest) * 100}%"></i></span></td></tr>`;
    })}</tbody></table></section>`;
}

export function technicianTable(t: T, s: Summary, names: Names, group: boolean, csv?: string): TemplateResult {
  const sum = (pick: (x: Summary['technicians'][number]) => number) => s.technicians.reduce((a, x) => a + pick(x), 0);
  return html`<section class="panel" data-table="technicians">${sectionHead(t, t('tech.title'), csv)}
    <p class="note">${t('tech.hoursPerRo', { v: fixed(s.hoursPerRo.value, 2) })}</p>
    <table><thead><tr><th scope="col">${t('tech.name')}</th>${group ? html`<th scope="col">${t('tech.store')}</th>` : nothing}
      <th scope="col" class="n">${t('tech.attended')}</th><th scope="col" class="n">${t('tech.worked')}</th><th scope="col" class="n">${t('tech.standard')}</th>
      <th scope="col" class="n">${t('tech.productivity')}</th><th scope="col" class="n">${t('tech.efficiency')}</th><th scope="col" class="n">${t('tech.proficiency')}</th></tr></thead>
    <tbody>${s.technicians.map(
      (x) => html`<tr data-technician=${x.technicianId}>
      <th scope="row">${names.technician(x.storeId, x.technicianId)}</th>${group ? html`<td>${names.store(x.storeId)}</td>` : nothing}
      <td class="n">${fixed(x.attendedHours)}</td><td class="n">${fixed(x.workedHours)}</td><td class="n">${fixed(x.standardHours)}</td>
      <td class="n">${pct(x.productivity.value)}</td><td class="n">${pct(x.efficiency.value)}</td><td class="n">${pct(x.proficiency.value)}</td></tr>`,
    )}</tbody>
    <tfoot><tr data-technician="total"><th scope="row">${t('tech.total')}</th>${group ? html`<td></td>` : nothing}
      <td class="n">${fixed(sum((x) => x.attendedHours))}</td><td class="n">${fixed(sum((x) => x.workedHours))}</td><td class="n">${fixed(sum((x) => x.standardHours))}</td>
      <td class="n">${pct(s.productivity.value)}</td><td class="n">${pct(s.efficiency.value)}</td><td class="n">${pct(s.proficiency.value)}</td></tr></tfoot></table></section>`;
}

/** Bars of counts with the count and its share written beside each (the bar only repeats it). */
export function countBars(rows: { label: string; count: number; key: string }[]): TemplateResult {
  const total = rows.reduce((a, r) => a + r.count, 0);
  const most = Math.max(1, ...rows.map((r) => r.count));
  return html`<table class="bars"><tbody>${rows.map(
    (r) => html`<tr data-key=${r.key}><th scope="row">${r.label}</th>
    <td class="bar-col" aria-hidden="true"><span class="bar"><i style="width:${(r.count / most) * 100}%"></i></span></td>
    <td class="n">${r.count}</td><td class="n muted">${total ? pct(r.count / total) : NONE}</td></tr>`,
  )}</tbody></table>`;
}

export function surveyPanel(t: T, s: Summary, csv?: string): TemplateResult {
  return html`<section class="panel" data-table="survey">${sectionHead(t, t('survey.title'), csv)}
    <p class="note" data-kpi="csiLine">${t('survey.mean', { v: fixed(s.csi.mean.value, 2), r: pct(s.csi.responseRate.value) })}</p>
    ${countBars([...s.csi.distribution].reverse().map((d) => ({ key: String(d.score), label: t('survey.score', { n: d.score }), count: d.count })))}</section>`;
}

export function cancellationPanel(t: T, s: Summary, csv?: string): TemplateResult {
  const reasons = s.appointments.cancellationReasons;
  return html`<section class="panel" data-table="cancellations">${sectionHead(t, t('cancel.title'), csv)}
    ${
      reasons.length
        ? countBars(reasons.map((r) => ({ key: r.reason, label: r.reason || t('cancel.noReason'), count: r.count })))
        : html`<p class="note">${t('cancel.none')}</p>`
    }</section>`;
}

/** The group's stores, most cars delivered first, and the group's total (ratios of sums, from the API). */
export function rankingTable(t: T, stores: StoreReport[], total: Summary, names: Names, csv: string): TemplateResult {
  const ranked = [...stores].sort((a, b) => b.summary.rosOut.count - a.summary.rosOut.count || a.storeId.localeCompare(b.storeId));
  const cells = (s: Summary) => html`<td class="n">${s.rosIn.count}</td><td class="n">${s.rosOut.count}</td><td class="n">${pct(s.onTimeDelivery.value)}</td>
    <td class="n">${fixed(s.cycleTime.p50 === null ? null : s.cycleTime.p50 / 60)}</td><td class="n">${pct(s.bayUtilisation.value)}</td>
    <td class="n">${pct(s.qcFirstPass.value)}</td><td class="n">${fixed(s.csi.mean.value, 2)}</td>`;
  return html`<section class="panel wide" data-table="ranking">${sectionHead(t, t('rank.title'), csv)}
    <table><thead><tr><th scope="col" class="n">${t('rank.rank')}</th><th scope="col">${t('rank.store')}</th><th scope="col" class="n">${t('kpi.rosIn')}</th>
      <th scope="col" class="n">${t('kpi.rosOut')}</th><th scope="col" class="n">${t('kpi.onTime')}</th><th scope="col" class="n">${t('kpi.cycle')} (h)</th>
      <th scope="col" class="n">${t('kpi.utilisation')}</th><th scope="col" class="n">${t('kpi.firstPass')}</th><th scope="col" class="n">${t('kpi.csi')}</th></tr></thead>
    <tbody>${ranked.map((r, i) => html`<tr data-store=${r.storeId}><td class="n">${i + 1}</td><th scope="row">${names.store(r.storeId)}</th>${cells(r.summary)}</tr>`)}</tbody>
    <tfoot><tr data-store="total"><td></td><th scope="row">${t('rank.total')}</th>${cells(total)}</tr></tfoot></table></section>`;
}
