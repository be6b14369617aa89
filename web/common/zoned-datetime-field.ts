import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../shared/domain/ids';
import { localDateOf } from './zoned-time';

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS_BACK = 1;
const DAYS_AHEAD = 14;

/** `2026-12-05` → that calendar day shifted by `n` days. */
const addDays = (date: string, n: number) => {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
};

/**
 * A date and time on the store's clock, in the page's language. `<input type="datetime-local">`
 * shows the browser's locale ("12/05/2026, 06:30 AM" in a Chinese page on an English laptop), so
 * this is three selects: the day (named in the page's language: "12月5日 周六" / "Sat, Dec 5",
 * today and tomorrow said so), the hour 00–23 and the minute. `value` is the same
 * `YYYY-MM-DDTHH:MM` wall-clock string a datetime-local input holds (see zoned-time.ts); a
 * change fires `input`.
 */
@customElement('zoned-datetime-field')
export class ZonedDatetimeField extends LitElement {
  @property() value = '';
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  @property() name = 'when';
  @property({ type: Boolean }) disabled = false;
  /** Words for today and tomorrow, in the page's language. */
  @property({ attribute: false }) words: { today: string; tomorrow: string } = { today: '', tomorrow: '' };
  /** "Now", for tests and for the list of days; default the real clock. */
  @property({ type: Number }) now?: number;

  #parts(): { day: string; hour: number; minute: number } {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(this.value);
    if (m) return { day: m[1], hour: Number(m[2]), minute: Number(m[3]) };
    return { day: localDateOf(this.now ?? Date.now(), this.timeZone), hour: 17, minute: 0 };
  }

  #set(change: Partial<{ day: string; hour: number; minute: number }>) {
    const p = { ...this.#parts(), ...change };
    this.value = `${p.day}T${pad(p.hour)}:${pad(p.minute)}`;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  #dayLabel(day: string, today: string): string {
    const [y, m, d] = day.split('-').map(Number);
    // A calendar day has no zone: format it as the UTC midnight of that date.
    const label = new Intl.DateTimeFormat(this.locale, { timeZone: 'UTC', month: 'short', day: 'numeric', weekday: 'short' }).format(
      new Date(Date.UTC(y, m - 1, d)),
    );
    const word = day === today ? this.words.today : day === addDays(today, 1) ? this.words.tomorrow : '';
    return word ? `${word} · ${label}` : label;
  }

  render() {
    const p = this.#parts();
    const today = localDateOf(this.now ?? Date.now(), this.timeZone);
    const days = Array.from({ length: DAYS_BACK + DAYS_AHEAD + 1 }, (_, i) => addDays(today, i - DAYS_BACK));
    if (!days.includes(p.day)) days.unshift(p.day);
    const minutes = Array.from({ length: 12 }, (_, i) => i * 5);
    if (!minutes.includes(p.minute)) minutes.push(p.minute);
    minutes.sort((a, b) => a - b);
    return html`
      <select name="${this.name}-day" aria-label="day" ?disabled=${this.disabled} @change=${(e: Event) => this.#set({ day: (e.target as HTMLSelectElement).value })}>
        ${days.map((d) => html`<option value=${d} ?selected=${d === p.day}>${this.#dayLabel(d, today)}</option>`)}
      </select>
      <select name="${this.name}-hour" aria-label="hour" ?disabled=${this.disabled} @change=${(e: Event) => this.#set({ hour: Number((e.target as HTMLSelectElement).value) })}>
        ${Array.from({ length: 24 }, (_, h) => html`<option value=${h} ?selected=${h === p.hour}>${pad(h)}</option>`)}
      </select><span class="colon">:</span>
      <select name="${this.name}-minute" aria-label="minute" ?disabled=${this.disabled} @change=${(e: Event) => this.#set({ minute: Number((e.target as HTMLSelectElement).value) })}>
        ${minutes.map((m) => html`<option value=${m} ?selected=${m === p.minute}>${pad(m)}</option>`)}
      </select>`;
  }

  static styles = css`
    :host { display: inline-flex; align-items: center; gap: 0.4em; flex-wrap: wrap; }
    select {
      font: inherit; color: inherit; background: var(--tw-bg, #0b1220); border: 0.1em solid var(--tw-line, #26324d);
      border-radius: 0.4em; padding: 0.35em 0.5em; min-height: 44px; color-scheme: dark; font-variant-numeric: tabular-nums;
    }
    select[disabled] { opacity: 0.5; }
    .colon { font-weight: 700; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'zoned-datetime-field': ZonedDatetimeField;
  }
}
