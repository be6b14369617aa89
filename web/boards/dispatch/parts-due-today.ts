import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { boardText } from './board-text';
import { dueToday, type PartsWait } from './parts';

/**
 * The parts list's "due today" tag (备件到货提醒): how many awaited parts are expected later
 * today. The late ones are the parts_overdue alarms the board shows already; this is the other
 * half of the reminder, and nothing is drawn when none is due.
 */
@customElement('parts-due-today')
export class PartsDueToday extends LitElement {
  @property({ attribute: false }) waits: readonly PartsWait[] = [];
  @property({ type: Number }) now = Date.now();
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: false }) timeZone = 'Asia/Shanghai';

  render() {
    const n = dueToday(this.waits, this.now, this.timeZone);
    return n ? html`<span class="today">${boardText(this.locale, this.timeZone).t('parts.dueToday', { n })}</span>` : nothing;
  }

  static styles = css`
    .today {
      display: inline-block;
      margin-left: 0.5em;
      padding: 0 0.5em;
      border-radius: 999px;
      border: 2px solid var(--tw-warn, #fbbf24);
      color: #fde68a;
      font-size: 0.75em;
      font-weight: 700;
      vertical-align: middle;
    }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'parts-due-today': PartsDueToday;
  }
}
