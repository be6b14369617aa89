import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { reminders as catalogue } from '../../../shared/i18n/reminders';
import { formatDateTime, formatTime, translator } from '../../../shared/i18n/translate';
import { daysBetween, REMINDER_WINDOWS, type ReminderType, type ReminderWindow } from '../../../shared/reminders/project';
import type { ReminderOutcome } from '../../../shared/workflow/commands';
import { boardBits, boardTheme } from '../../common/board-theme';
import { dueList, partsDue, recordOutcome, type DueCar, type DueList, type DueReminder, type PartsDueList } from './reminders-api';
import { reminderStyles } from './reminders-styles';

type T = ReturnType<typeof translator<keyof (typeof catalogue)['en']>>;
type Tab = 'due' | 'parts';
const TYPES = ['all', 'service', 'insurance', 'inspection'] as const;

/**
 * /reminders: the front desk's due list — cars due for a service, insurance or inspection in a
 * window, most pressing first, each with "book" (the planner, prefilled), "contacted" and "not
 * interested" (recorded as facts through the API) — and the parts due today or late. The
 * window, type and tab live in the address, so a reload shows the same list.
 */
@customElement('reminders-page')
export class RemindersPage extends LitElement {
  @property({ attribute: 'store-id' }) storeId = '';
  @property({ attribute: 'lang' }) locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  /** The store's services by code, in the page's language. */
  @property({ attribute: 'services', type: Object }) services: Record<string, string> = {};

  @state() private tab: Tab = 'due';
  @state() private window: ReminderWindow = '30';
  @state() private type: ReminderType | 'all' = 'all';
  @state() private list?: DueList;
  @state() private parts?: PartsDueList;
  @state() private error?: string;
  @state() private loading = false;
  /** Rows with an outcome being saved. */
  @state() private saving = new Set<string>();
  #asked = 0;

  connectedCallback(): void {
    super.connectedCallback();
    const q = new URLSearchParams(location.search);
    const w = q.get('window');
    if (w && (REMINDER_WINDOWS as readonly string[]).includes(w)) this.window = w as ReminderWindow;
    const t = q.get('type');
    if (t && (TYPES as readonly string[]).includes(t)) this.type = t as ReminderType | 'all';
    if (q.get('tab') === 'parts') this.tab = 'parts';
    void this.#load();
  }

  get #t(): T {
    return translator(catalogue, this.locale === 'en' ? 'en' : 'zh-CN');
  }

  get #lang(): Locale {
    return this.locale === 'en' ? 'en' : 'zh-CN';
  }

  async #load(): Promise<void> {
    const asked = ++this.#asked;
    this.loading = true;
    this.error = undefined;
    const [list, parts] = await Promise.all([dueList(this.storeId, this.window, this.type), partsDue(this.storeId)]);
    if (asked !== this.#asked) return;
    this.loading = false;
    if (!list.ok) this.error = list.message;
    else this.list = list.data;
    if (!parts.ok) this.error = parts.message;
    else this.parts = parts.data;
  }

  #choose(change: { window?: ReminderWindow; type?: ReminderType | 'all'; tab?: Tab }): void {
    Object.assign(this, change);
    const q = new URLSearchParams(location.search);
    q.set('window', this.window);
    q.set('type', this.type);
    q.set('tab', this.tab);
    history.replaceState(null, '', `${location.pathname}?${q}`);
    if (change.window || change.type) void this.#load();
  }

  /** Record the outcome for every reminder of the row; the row changes as the API answers (not interested: it goes). */
  async #record(car: DueCar, outcome: ReminderOutcome): Promise<void> {
    this.saving = new Set([...this.saving, car.lastRoId]);
    for (const r of car.reminders) {
      const answer = await recordOutcome(this.storeId, r.id, outcome);
      if (!answer.ok) {
        this.error = answer.message;
        break;
      }
      r.outcome = answer.data.outcome;
    }
    this.saving = new Set([...this.saving].filter((id) => id !== car.lastRoId));
    if (this.list && outcome === 'not_interested' && car.reminders.every((r) => r.outcome?.outcome === 'not_interested')) {
      this.list = {
        ...this.list,
        cars: this.list.cars.filter((c) => c !== car),
        hidden: { ...this.list.hidden, notInterested: this.list.hidden.notInterested + 1 },
      };
    } else if (this.list) this.list = { ...this.list };
  }

  #when(r: DueReminder, today: string) {
    const t = this.#t;
    const days = daysBetween(today, r.dueOn);
    const relative = days < 0 ? t('due.ago', { n: -days }) : days === 0 ? t('due.today') : t('due.in', { n: days });
    return html`<span class="when ${r.urgency}">${r.dueOn} · ${relative}</span>`;
  }

  #reminder(r: DueReminder, today: string) {
    const t = this.#t;
    const what = r.type === 'service' ? (this.services[r.code ?? ''] ?? r.code) : t(r.type === 'insurance' ? 'insurance' : 'inspection');
    const basis = r.dueBy === 'km' ? t('due.km', { km: (r.dueKm ?? 0).toLocaleString('en') }) : r.dueBy === 'months' ? t('due.months') : t('due.date');
    return html`<li data-reminder=${r.id}>
      <span><span class="what">${what}</span> · ${this.#when(r, today)}</span>
      <span class="sub">${basis}${r.lastDoneOn ? html` · ${t('due.lastDone', { date: r.lastDoneOn })}` : nothing}</span>
      ${
        r.outcome?.outcome === 'contacted'
          ? html`<span class="done">✓ ${t('contactedBy', { by: r.outcome.by, time: formatDateTime(r.outcome.at, this.timeZone, this.#lang) })}</span>`
          : nothing
      }
    </li>`;
  }

  #row(car: DueCar, today: string) {
    const t = this.#t;
    const busy = this.saving.has(car.lastRoId);
    const contacted = car.reminders.every((r) => r.outcome?.outcome === 'contacted');
    const rate = car.kmPerDay.from === 'readings' ? 'due.rateOwn' : 'due.rateDefault';
    return html`<tr data-car=${car.lastRoId} class=${contacted ? 'contacted' : ''}>
      <td><span class="chip ${car.urgency}">${t(`urgency.${car.urgency}`)}</span></td>
      <td>
        <div class="plate">${car.plate}</div>
        <div class="sub">${car.make} ${car.model}</div>
        <div class="sub">
          ${t('lastVisit', { date: car.lastVisitOn })}${car.estimatedKm !== undefined ? html` · ${t('due.estimated', { km: car.estimatedKm.toLocaleString('en') })}` : nothing}
        </div>
        <div class="sub">${t(rate, { km: Math.round(car.kmPerDay.value) })}</div>
      </td>
      <td>
        <div>${car.customer.name}</div>
        <div><a href="tel:${car.customer.phone}">${car.customer.phone}</a></div>
      </td>
      <td>
        <ul class="due">
          ${car.reminders.map((r) => this.#reminder(r, today))}
        </ul>
      </td>
      <td class="actions">
        <div class="buttons">
          <a class="button book" href=${car.bookHref} data-action="book">${t('book')}</a>
          <button type="button" data-action="contacted" ?disabled=${busy || contacted} @click=${() => this.#record(car, 'contacted')}>${t('contacted')}</button>
          <button type="button" data-action="not-interested" ?disabled=${busy} @click=${() => this.#record(car, 'not_interested')}>
            ${t('notInterested')}
          </button>
        </div>
      </td>
    </tr>`;
  }

  #due() {
    const t = this.#t;
    const list = this.list;
    if (!list) return this.loading ? html`<p class="loading">${t('loading')}</p>` : nothing;
    return html` <p class="summary" role="status">
        <b>${t('count', { n: list.cars.length })}</b>${
          list.hidden.open || list.hidden.notInterested ? html` · ${t('hidden', { open: list.hidden.open, declined: list.hidden.notInterested })}` : nothing
        }
      </p>
      ${
        list.cars.length === 0
          ? html`<p class="empty">${t('none')}</p>`
          : html`<table aria-label=${t('tab.due')}>
              <thead>
                <tr>
                  <th scope="col">${t('col.urgency')}</th>
                  <th scope="col">${t('col.car')}</th>
                  <th scope="col">${t('col.customer')}</th>
                  <th scope="col">${t('col.due')}</th>
                  <th scope="col">${t('col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                ${list.cars.map((c) => this.#row(c, list.today))}
              </tbody>
            </table>`
      }
      <p class="hint">${t('undoHint')}</p>`;
  }

  #parts() {
    const t = this.#t;
    const parts = this.parts;
    if (!parts) return this.loading ? html`<p class="loading">${t('loading')}</p>` : nothing;
    return html` <p class="hint">${t('parts.hint')}</p>
      ${
        parts.parts.length === 0
          ? html`<p class="empty">${t('parts.none')}</p>`
          : html`<table aria-label=${t('tab.parts')}>
              <thead>
                <tr>
                  <th scope="col">${t('parts.state')}</th>
                  <th scope="col">${t('parts.ro')}</th>
                  <th scope="col">${t('parts.car')}</th>
                  <th scope="col">${t('parts.part')}</th>
                  <th scope="col">${t('parts.eta')}</th>
                </tr>
              </thead>
              <tbody>
                ${parts.parts.map(
                  (p) =>
                    html`<tr data-part=${`${p.roId}:${p.operationId}`}>
                      <td>
                        <span class="chip ${p.state}">${t(p.state === 'late' ? 'parts.late' : 'parts.dueToday')}</span
                        >${p.alarm ? html`<div class="sub">${t('parts.alarm')}</div>` : nothing}
                      </td>
                      <td>
                        ${p.number}
                        <div class="sub">${p.operationTitle}</div>
                      </td>
                      <td>
                        <span class="plate">${p.plate}</span>
                        <div class="sub">${p.customer.name} · <a href="tel:${p.customer.phone}">${p.customer.phone}</a></div>
                      </td>
                      <td>${p.part}</td>
                      <td>${p.state === 'late' ? formatDateTime(p.eta, this.timeZone, this.#lang) : formatTime(p.eta, this.timeZone, this.#lang)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }`;
  }

  render() {
    const t = this.#t;
    const partsCount = this.parts?.parts.length ?? 0;
    return html` <header class="controls">
        <h1>${t('title')}</h1>
        <div class="group" role="group" aria-label=${t('title')}>
          <span aria-hidden="true">&nbsp;</span>
          <div class="buttons">
            <button type="button" data-tab="due" aria-pressed=${this.tab === 'due'} @click=${() => this.#choose({ tab: 'due' })}>${t('tab.due')}</button>
            <button type="button" data-tab="parts" aria-pressed=${this.tab === 'parts'} @click=${() => this.#choose({ tab: 'parts' })}>
              ${t('tab.parts')}${partsCount ? ` (${partsCount})` : ''}
            </button>
          </div>
        </div>
        ${
          this.tab === 'due'
            ? html` <div class="group" role="group" aria-labelledby="window-label">
                  <span id="window-label">${t('window')}</span>
                  <div class="buttons">
                    ${REMINDER_WINDOWS.map((w) => html`<button type="button" data-window=${w} aria-pressed=${this.window === w} @click=${() => this.#choose({ window: w })}>${t(`window.${w}`)}</button>`)}
                  </div>
                </div>
                <label class="field"
                  >${t('type')}
                  <select data-type @change=${(e: Event) => this.#choose({ type: (e.target as HTMLSelectElement).value as ReminderType | 'all' })}>
                    ${TYPES.map((ty) => html`<option value=${ty} ?selected=${this.type === ty}>${t(`type.${ty}`)}</option>`)}
                  </select>
                </label>`
            : nothing
        }
        <span class="spacer"></span>
        <a class="lang" href=${this.#otherLanguage()}>${this.locale === 'en' ? '中文' : 'English'}</a>
      </header>
      <main>
        ${this.error ? html`<p class="error" role="alert">${t('error', { message: this.error })} <button type="button" @click=${() => this.#load()}>${t('retry')}</button></p>` : nothing}
        ${this.tab === 'due' ? this.#due() : this.#parts()}
      </main>`;
  }

  #otherLanguage(): string {
    const q = new URLSearchParams(typeof location === 'undefined' ? '' : location.search);
    q.set('lang', this.locale === 'en' ? 'zh-CN' : 'en');
    return `?${q}`;
  }

  static styles = [boardTheme, boardBits, reminderStyles];
}

declare global {
  interface HTMLElementTagNameMap {
    'reminders-page': RemindersPage;
  }
}
