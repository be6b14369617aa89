import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { reports } from '../../../shared/i18n/reports';
import { translator } from '../../../shared/i18n/translate';
import type { Summary } from '../../../shared/reports/summary';
import { boardBits, boardTheme } from '../../common/board-theme';
import { bayHeatMap, storeHeatMap } from './heat-map';
import { tiles } from './report-model';
import { PRESETS, presetDates, presetOf, type Dates, type Preset } from './report-range';
import { reportStyles } from './report-styles';
import { cancellationPanel, rankingTable, stageTable, surveyPanel, technicianTable, type Names, type T } from './report-tables';
import { csvHref, groupCsvHref, groupSummary, storeSummary, type GroupReport, type StoreReport } from './reports-api';
import './trend-chart';
import type { TrendSeries } from './trend-chart';

/** What the server tells the page of each store it may show (server/pages/reports.ts). */
interface StoreInfo {
  id: string;
  name: string;
  timeZone: string;
  bays: { id: string; name: string }[];
  technicians: { id: string; name: string }[];
}

type Loaded = { kind: 'store'; report: StoreReport } | { kind: 'group'; report: GroupReport };

/**
 * /reports: a manager's figures for one store or the whole group over a range of the store's
 * own dates — headline KPIs, daily trends, stage times, technicians, bay use by hour, survey
 * scores and cancellation reasons, each table with its CSV. Everything comes from the reports
 * REST API; what the API refuses (a bad range) is shown in the API's words. The range and the
 * store live in the address, so a link (or a reload) shows the same report.
 */
@customElement('reports-page')
export class ReportsPage extends LitElement {
  @property({ attribute: 'store-id' }) storeId = '';
  @property({ attribute: 'lang' }) locale: Locale = 'zh-CN';
  @property({ attribute: 'stores', type: Array }) stores: StoreInfo[] = [];

  @state() private group = false;
  @state() private dates: Dates = { from: '', to: '' };
  @state() private loaded?: Loaded;
  @state() private error?: string;
  @state() private loading = false;
  #asked = 0;

  connectedCallback(): void {
    super.connectedCallback();
    const q = new URLSearchParams(location.search);
    this.group = q.get('scope') === 'group' && this.stores.length > 1;
    const from = q.get('from');
    const to = q.get('to');
    this.dates = from || to ? { from: from ?? to ?? '', to: to ?? from ?? '' } : presetDates('last30', Date.now(), this.#store.timeZone);
    void this.#load();
  }

  get #lang(): 'zh-CN' | 'en' {
    return this.locale === 'en' ? 'en' : 'zh-CN';
  }

  get #t(): T {
    return translator(reports, this.#lang);
  }

  get #store(): StoreInfo {
    return (
      this.stores.find((s) => s.id === this.storeId) ??
      this.stores[0] ?? { id: this.storeId, name: this.storeId, timeZone: 'Asia/Shanghai', bays: [], technicians: [] }
    );
  }

  get #names(): Names {
    const byId = new Map(this.stores.map((s) => [s.id, s]));
    return {
      store: (id) => byId.get(id)?.name ?? id,
      technician: (storeId, id) => byId.get(storeId)?.technicians.find((x) => x.id === id)?.name ?? id,
    };
  }

  async #load(): Promise<void> {
    const asked = ++this.#asked;
    this.loading = true;
    this.error = undefined;
    this.#remember();
    const dates = this.dates;
    const result = this.group
      ? await groupSummary(dates).then((r) => (r.ok ? { ok: true as const, loaded: { kind: 'group' as const, report: r.data } } : r))
      : await storeSummary(this.#store.id, dates).then((r) => (r.ok ? { ok: true as const, loaded: { kind: 'store' as const, report: r.data } } : r));
    if (asked !== this.#asked) return; // a later question is on its way; its answer is the one to show
    this.loading = false;
    if (result.ok) this.loaded = result.loaded;
    else {
      this.loaded = undefined;
      this.error = result.message;
    }
  }

  /** The report's address: store, scope, range and language, so a link or reload shows the same. */
  #remember(): void {
    const q = new URLSearchParams(location.search);
    q.set('store', this.#store.id);
    if (this.group) q.set('scope', 'group');
    else q.delete('scope');
    q.set('from', this.dates.from);
    q.set('to', this.dates.to);
    history.replaceState(null, '', `${location.pathname}?${q}`);
  }

  #pick(preset: Preset): void {
    this.dates = presetDates(preset, Date.now(), this.#store.timeZone);
    void this.#load();
  }

  #onScope(e: Event): void {
    const value = (e.target as HTMLSelectElement).value;
    this.group = value === '*';
    if (!this.group) this.storeId = value;
    void this.#load();
  }

  #onCustom(e: SubmitEvent): void {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.dates = { from: String(form.get('from') ?? ''), to: String(form.get('to') ?? '') };
    void this.#load();
  }

  #langHref(): string {
    const q = new URLSearchParams(location.search);
    q.set('lang', this.#lang === 'en' ? 'zh-CN' : 'en');
    return `${location.pathname}?${q}`;
  }

  #controls(): TemplateResult {
    const t = this.#t;
    const current = presetOf(this.dates, Date.now(), this.#store.timeZone);
    return html`<header class="controls">
      <h1>${t('title')}</h1>
      <label class="field">${t('store')}
        <select name="store" @change=${this.#onScope}>
          ${this.stores.map((s) => html`<option value=${s.id} ?selected=${!this.group && s.id === this.#store.id}>${s.name}</option>`)}
          ${this.stores.length > 1 ? html`<option value="*" ?selected=${this.group}>${t('allStores')}</option>` : nothing}
        </select></label>
      <div class="presets" role="group" aria-label=${t('range')}>
        ${PRESETS.map((p) => html`<button type="button" data-preset=${p} aria-pressed=${current === p ? 'true' : 'false'} @click=${() => this.#pick(p)}>${t(`preset.${p}`)}</button>`)}
      </div>
      <form class="custom" @submit=${this.#onCustom}>
        <label class="field">${t('from')}<input type="date" name="from" .value=${this.dates.from} required></label>
        <label class="field">${t('to')}<input type="date" name="to" .value=${this.dates.to} required></label>
        <button type="submit" class="primary">${t('apply')}</button>
      </form>
      <span class="spacer"></span>
      <a class="lang" href=${this.#langHref()} lang=${this.#lang === 'en' ? 'zh-CN' : 'en'}>${this.#lang === 'en' ? '中文' : 'English'}</a>
      <button type="button" class="print" @click=${() => print()}>${t('print')}</button>
    </header>`;
  }

  #trends(s: Summary, csv: string): TemplateResult {
    const t = this.#t;
    const labels = s.byDay.map((d) => d.date);
    const about = (title: string) => t('trend.summary', { title, from: this.dates.from, to: this.dates.to, n: s.days });
    const series = (label: string, color: string, printColor: string, values: (number | null)[], kind: TrendSeries['kind'] = 'line'): TrendSeries => ({
      label,
      color,
      printColor,
      values,
      kind,
    });
    return html`<section class="panel wide trends" data-table="days">
      <header class="section-head"><h2 class="visually-hidden">${t('trend.throughput')}</h2>
        <a class="csv" href=${csv} download>${t('csv')}<span class="visually-hidden"> · ${t('trend.throughput')}</span></a></header>
      <div class="trend-grid">
        <report-trend-chart data-chart="throughput" .heading=${t('trend.throughput')} .summary=${about(t('trend.throughput'))} .labels=${labels} format="count"
          .series=${[
            series(
              t('trend.in'),
              '#38bdf8',
              '#0369a1',
              s.byDay.map((d) => d.in),
              'bars',
            ),
            series(
              t('trend.out'),
              '#22c55e',
              '#15803d',
              s.byDay.map((d) => d.out),
              'bars',
            ),
          ]}></report-trend-chart>
        <report-trend-chart data-chart="onTime" .heading=${t('trend.onTime')} .summary=${about(t('trend.onTime'))} .labels=${labels} format="share"
          .series=${[
            series(
              t('kpi.onTime'),
              '#fbbf24',
              '#b45309',
              s.byDay.map((d) => d.onTimeDelivery.value),
            ),
          ]}></report-trend-chart>
        <report-trend-chart data-chart="cycle" .heading=${t('trend.cycle')} .summary=${about(t('trend.cycle'))} .labels=${labels} format="hours"
          .series=${[
            series(
              t('trend.mean'),
              '#c4b5fd',
              '#6d28d9',
              s.byDay.map((d) => (d.cycleTime.value === null ? null : d.cycleTime.value / 60)),
            ),
          ]}></report-trend-chart>
      </div></section>`;
  }

  #figures(s: Summary): TemplateResult {
    return html`<section class="tiles" aria-label=${this.#t('title')}>${tiles(this.#t, s, this.#lang).map(
      (x) => html`<div class="tile" data-kpi=${x.key}>
      <span class="label">${x.label}</span><span class="value num">${x.value}</span><span class="detail num">${x.detail}</span></div>`,
    )}</section>`;
  }

  #body(): TemplateResult {
    const t = this.#t;
    if (this.error) return html`<p class="error" role="alert" data-error>${t('error', { message: this.error })}</p>`;
    if (!this.loaded) return html`<p class="loading" role="status">${t('loading')}</p>`;
    const names = this.#names;
    if (this.loaded.kind === 'group') {
      const g = this.loaded.report;
      const stores = g.stores.map((r) => ({ id: r.storeId, name: names.store(r.storeId), summary: r.summary }));
      const csv = (file: string) => groupCsvHref(file, this.dates);
      return html`${this.#figures(g.total)}${rankingTable(t, g.stores, g.total, names, csv('stores'))}${this.#trends(g.total, csv('days'))}
        <div class="row">${stageTable(t, g.total, csv('stages'))}${technicianTable(t, g.total, names, true, csv('technicians'))}</div>
        <div class="row">${storeHeatMap(t, stores, csv('store-hours'))}<div class="stack">${surveyPanel(t, g.total, csv('survey'))}${cancellationPanel(t, g.total, csv('cancellations'))}</div></div>`;
    }
    const r = this.loaded.report;
    const s = r.summary;
    const store = this.stores.find((x) => x.id === r.storeId) ?? this.#store;
    const csv = (file: string) => csvHref(store.id, file, this.dates);
    return html`${this.#figures(s)}${this.#trends(s, csv('days'))}
      <div class="row">${stageTable(t, s, csv('stages'))}${technicianTable(t, s, names, false, csv('technicians'))}</div>
      <div class="row">${bayHeatMap(t, s, store.id, store.bays, csv('bay-hours'))}<div class="stack">${surveyPanel(t, s, csv('survey'))}${cancellationPanel(t, s, csv('cancellations'))}</div></div>`;
  }

  render() {
    const t = this.#t;
    const r = this.loaded?.report;
    const zone = this.group ? undefined : this.#store.timeZone;
    return html`${this.#controls()}
      <main aria-busy=${this.loading ? 'true' : 'false'}>
        <p class="scope" data-scope>
          <b>${this.group ? t('allStores') : this.#store.name}</b> · <span class="num">${this.dates.from} – ${this.dates.to}</span>
          ${r && 'stores' in r ? html` · ${t('days', { n: r.total.days })}` : r ? html` · ${t('days', { n: r.summary.days })}` : nothing}
          ${zone ? html` · ${t('zone', { zone })}` : nothing}
          ${!this.group && r ? html`<span class="csv"> · <a class="csv" href=${csvHref(this.#store.id, 'visits', this.dates)} download>${t('csvVisits')}</a></span>` : nothing}
        </p>
        ${r && !r.complete ? html`<p class="partial" role="status" data-partial>${t('partial')}</p>` : nothing}
        ${this.#body()}
      </main>`;
  }

  static styles = [boardTheme, boardBits, reportStyles];
}

declare global {
  interface HTMLElementTagNameMap {
    'reports-page': ReportsPage;
  }
}
