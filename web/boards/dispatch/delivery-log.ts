import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { DELIVERY_LOG_TEXT } from '../../../shared/i18n/notify';
import { formatDateTime } from '../../../shared/i18n/translate';
import { repairOrderNotifications, type ApiError, type DeliveryLogMessage } from '../../common/actions';
import { boardBits } from '../../common/board-theme';

type Key = keyof (typeof DELIVERY_LOG_TEXT)['en'];

/**
 * What was sent to a repair order's customer, in the dispatcher's RO dialog: each message (SMS or
 * browser notification), to whom (masked), its status, and why — held for quiet hours, retried,
 * failed with the provider's reason, not sent without consent. Asked for when shown.
 */
@customElement('delivery-log')
export class DeliveryLog extends LitElement {
  @property({ attribute: 'store-id' }) storeId = '';
  @property({ attribute: 'ro-id' }) roId = '';
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';

  @state() private messages?: DeliveryLogMessage[];
  @state() private error?: ApiError;

  connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load() {
    const result = await repairOrderNotifications(this.storeId, this.roId);
    if (!result.ok) return void (this.error = result.error);
    this.messages = result.data.data.messages;
  }

  #t(key: Key, values: Record<string, string> = {}) {
    const text: string = DELIVERY_LOG_TEXT[this.locale === 'en' ? 'en' : 'zh-CN'][key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
  }

  render() {
    if (this.error) return html`<div class="state error" role="alert">${this.#t('failed', { reason: this.error.message })}</div>`;
    if (!this.messages) return html`<div class="state" role="status">${this.#t('loading')}</div>`;
    if (!this.messages.length) return html`<div class="state">${this.#t('empty')}</div>`;
    return html`
      <table>
        <thead><tr><th>${this.#t('col.when')}</th><th>${this.#t('col.what')}</th><th>${this.#t('col.to')}</th><th>${this.#t('col.status')}</th><th>${this.#t('col.why')}</th></tr></thead>
        <tbody>${this.messages.map((m) => {
          const last = m.lines.at(-1);
          return html`<tr data-status=${m.status} data-kind=${m.kind}>
            <td class="when num">${formatDateTime(m.lines[0]?.at ?? m.dueAt, this.timeZone, this.locale)}</td>
            <td class="what">${this.#t(`kind.${m.kind}` as Key)} <span class="channel">${this.#t(`channel.${m.channel}` as Key)}</span></td>
            <td class="to num">${m.to ?? '—'}</td>
            <td class="status"><span class="badge ${m.status}">${this.#t(`status.${m.status}` as Key)}</span></td>
            <td class="why">${m.status === 'held' ? formatDateTime(m.dueAt, this.timeZone, this.locale) + ' · ' : nothing}${last?.detail ?? m.lastError ?? ''}</td>
          </tr>`;
        })}</tbody>
      </table>`;
  }

  static styles = [
    boardBits,
    css`
    :host { display: block; max-height: min(34vh, 20em); overflow: auto; border: 0.08em solid var(--tw-line); border-radius: 0.45em; }
    table { width: 100%; border-collapse: collapse; font-size: 0.9em; }
    th { position: sticky; top: 0; background: var(--tw-panel-2); color: var(--tw-muted); font-weight: 600; text-align: left; }
    th, td { padding: 0.3em 0.6em; vertical-align: top; }
    tbody tr + tr td { border-top: 0.06em solid var(--tw-line); }
    .when, .to { white-space: nowrap; color: var(--tw-muted); }
    .what { white-space: nowrap; }
    .channel { color: var(--tw-faint); font-size: 0.85em; }
    .why { width: 100%; color: var(--tw-muted); overflow-wrap: anywhere; }
    .badge { display: inline-block; white-space: nowrap; padding: 0.05em 0.5em; border-radius: 1em; font-weight: 700; font-size: 0.9em; border: 0.08em solid currentColor; }
    .badge.sent, .badge.delivered { color: #86efac; }
    .badge.failed { color: #fca5a5; }
    .badge.held, .badge.retrying, .badge.queued, .badge.sending { color: #fcd34d; }
    .badge.skipped { color: var(--tw-muted); }
    .state { padding: 0.6em 0.8em; color: var(--tw-muted); }
    .state.error { color: #fecaca; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'delivery-log': DeliveryLog;
  }
}
