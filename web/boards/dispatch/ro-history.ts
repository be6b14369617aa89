import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { BAY_BOARD_PREFIX, SCREEN_DEVICE } from '../../../shared/domain/screen-devices';
import type { HistoryEntry } from '../../../shared/projections/ro-history';
import { roHistory } from '../../../shared/i18n/ro-history';
import { formatDateTime, translator } from '../../../shared/i18n/translate';
import { repairOrderHistory, type ApiError } from '../../common/actions';
import { boardBits } from '../../common/board-theme';

type Text = ReturnType<typeof translator<keyof (typeof roHistory)['en']>>;

/**
 * A repair order's history in the dispatcher's dialog: when (store time), who, what, from which
 * screen or device. Asked for once, when the dialog opens; the lines are the server's (both
 * languages), the labels for who and where are the board's.
 */
@customElement('ro-history')
export class RoHistory extends LitElement {
  @property({ attribute: 'store-id' }) storeId = '';
  @property({ attribute: 'ro-id' }) roId = '';
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  /** Bay names by id, to name a bay board that acted. */
  @property({ attribute: false }) bays: ReadonlyMap<string, string> = new Map();

  @state() private entries?: HistoryEntry[];
  @state() private capped = false;
  @state() private error?: ApiError;

  connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load() {
    const result = await repairOrderHistory(this.storeId, this.roId);
    if (!result.ok) return void (this.error = result.error);
    this.entries = result.data.data.entries;
    this.capped = result.data.data.next !== null;
  }

  #who(e: HistoryEntry, t: Text) {
    const kind = t(`actor.${e.actor.kind}`);
    if (e.actor.name) return html`<span class="name">${e.actor.name}</span> <span class="kind">${kind}</span>`;
    // Unnamed: the server's task (demo-seed, pin-check) or a paired kiosk's id says which; a kiosk
    // without a key is just "the kiosk", and a customer is never named.
    const detail = e.actor.kind === 'system' || (e.actor.kind === 'kiosk' && e.actor.id !== 'kiosk') ? e.actor.id : undefined;
    return html`<span class="name">${kind}</span>${detail ? html` <span class="kind">${detail}</span>` : nothing}`;
  }

  #from(e: HistoryEntry, t: Text) {
    const source = t(`source.${e.source}`);
    const device = e.device;
    if (!device || device === e.actor.id) return source;
    if (device === SCREEN_DEVICE.dispatch) return t('board.dispatch');
    if (device === SCREEN_DEVICE.customer) return t('board.customer');
    if (device === SCREEN_DEVICE.tracking) return t('board.tracking');
    if (device.startsWith(BAY_BOARD_PREFIX)) {
      const bay = device.slice(BAY_BOARD_PREFIX.length);
      return t('board.bay', { bay: this.bays.get(bay) ?? bay });
    }
    return html`${source} <span class="device" title=${device}>${device}</span>`;
  }

  render() {
    const t = translator(roHistory, this.locale);
    if (this.error) return html`<div class="state error" role="alert">${t('failed', { reason: this.error.message })}</div>`;
    if (!this.entries) return html`<div class="state" role="status">${t('loading')}</div>`;
    if (!this.entries.length) return html`<div class="state">${t('empty')}</div>`;
    return html`
      <table>
        <thead><tr><th>${t('col.when')}</th><th>${t('col.who')}</th><th>${t('col.what')}</th><th>${t('col.from')}</th></tr></thead>
        <tbody>${this.entries.map(
          (e) => html`
          <tr data-seq=${e.seq} data-type=${e.type}>
            <td class="when num">${formatDateTime(e.at, this.timeZone, this.locale)}</td>
            <td class="who">${this.#who(e, t)}</td>
            <td class="what">${e.summary[this.locale] ?? e.summary.en}</td>
            <td class="from">${this.#from(e, t)}</td>
          </tr>`,
        )}</tbody>
      </table>
      ${this.capped ? html`<div class="state">${t('more', { count: this.entries.length })}</div>` : nothing}
    `;
  }

  static styles = [
    boardBits,
    css`
    :host { display: block; max-height: min(34vh, 20em); overflow: auto; border: 0.08em solid var(--tw-line); border-radius: 0.45em; }
    table { width: 100%; border-collapse: collapse; font-size: 0.9em; }
    th { position: sticky; top: 0; background: var(--tw-panel-2); color: var(--tw-muted); font-weight: 600; text-align: left; }
    th, td { padding: 0.3em 0.6em; vertical-align: top; }
    tbody tr + tr td { border-top: 0.06em solid var(--tw-line); }
    .when { white-space: nowrap; color: var(--tw-muted); }
    .who { white-space: nowrap; }
    .who .kind { color: var(--tw-faint); font-size: 0.85em; }
    .what { width: 100%; }
    .from { white-space: nowrap; color: var(--tw-muted); }
    .device { color: var(--tw-faint); font-size: 0.85em; display: inline-block; max-width: 9em; overflow: hidden; text-overflow: ellipsis; vertical-align: bottom; }
    .state { padding: 0.6em 0.8em; color: var(--tw-muted); }
    .state.error { color: #fecaca; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ro-history': RoHistory;
  }
}
