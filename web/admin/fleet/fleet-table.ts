import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { Bay } from '../../../shared/domain/shop';
import { fleet } from '../../../shared/i18n/fleet';
import { formatDateTime, translator } from '../../../shared/i18n/translate';
import { boardBits } from '../../common/board-theme';
import { reloadDisplay, unpairDisplay, type DisplayRow } from './fleet-api';
import { isOutdated, seenAgo, sortDisplays } from './fleet-format';
import { keyedRows } from '../../common/keyed-rows';

/** Fired after a screen was unpaired (or an action failed), so the page refreshes and can say so. */
export class FleetNoticeEvent extends Event {
  constructor(
    readonly kind: 'ok' | 'bad',
    readonly text: string,
  ) {
    super('fleet-notice', { bubbles: true, composed: true });
  }
}

/**
 * Every paired screen: name, board, bay, online or offline (in words and colour), last seen,
 * version, what it shows; Reload at once, Unpair after an inline confirmation.
 */
@customElement('fleet-table')
export class FleetTable extends LitElement {
  @property({ attribute: 'store-id' }) storeId = '';
  @property({ attribute: false }) displays: readonly DisplayRow[] = [];
  @property({ attribute: false }) bays: readonly Bay[] = [];
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  @property({ attribute: 'server-version' }) serverVersion = '';
  @property({ type: Number }) now = Date.now();

  /** The row asking "unpair?" and rows with an action on its way or just done. */
  @state() private confirming?: string;
  @state() private busy = new Set<string>();
  @state() private sent = new Set<string>();

  async #reload(row: DisplayRow): Promise<void> {
    const t = translator(fleet, this.locale);
    this.busy = new Set(this.busy).add(row.id);
    const result = await reloadDisplay(this.storeId, row.id);
    this.busy = new Set([...this.busy].filter((id) => id !== row.id));
    if (!result.ok) return void this.dispatchEvent(new FleetNoticeEvent('bad', t('error', { message: result.error.message })));
    this.sent = new Set(this.sent).add(row.id);
    setTimeout(() => (this.sent = new Set([...this.sent].filter((id) => id !== row.id))), 4000);
  }

  async #unpair(row: DisplayRow): Promise<void> {
    const t = translator(fleet, this.locale);
    this.confirming = undefined;
    this.busy = new Set(this.busy).add(row.id);
    const result = await unpairDisplay(this.storeId, row.id);
    this.busy = new Set([...this.busy].filter((id) => id !== row.id));
    this.dispatchEvent(
      result.ok
        ? new FleetNoticeEvent('ok', t('action.unpaired', { name: row.name }))
        : new FleetNoticeEvent('bad', t('error', { message: result.error.message })),
    );
  }

  #row(row: DisplayRow) {
    const t = translator(fleet, this.locale);
    const bay = row.bayId ? this.bays.find((b) => b.id === row.bayId) : undefined;
    const seen = seenAgo(row.lastSeen, row.online, this.now);
    const busy = this.busy.has(row.id);
    return html`<tr class=${row.online ? 'online' : 'offline'} data-id=${row.id}>
      <td class="name">${row.name}</td>
      <td>${t(`board.${row.board}`)}</td>
      <td>${row.bayId ? html`${bay?.name ?? row.bayId}` : html`<span class="faint">—</span>`}</td>
      <td><span class="status ${row.online ? 'on' : 'off'}"><span class="dot" aria-hidden="true"></span>${t(row.online ? 'status.online' : 'status.offline')}</span></td>
      <td class="seen">${t(seen.key, { n: seen.n ?? 0 })}
        ${row.lastSeen && !row.online ? html`<div class="faint small num">${formatDateTime(row.lastSeen, this.timeZone, this.locale)}</div>` : nothing}</td>
      <td class="num">${row.version ?? html`<span class="faint">—</span>`}
        ${isOutdated(row.version, this.serverVersion) ? html`<span class="tag old">${t('version.outdated')}</span>` : nothing}</td>
      <td class="page">${row.online && row.page ? row.page : html`<span class="faint">${t('page.none')}</span>`}
        ${row.speech === 'unavailable' ? html`<span class="tag mute" title=${t('speech.unavailableHint')}>${t('speech.unavailable')}</span>` : nothing}
        ${row.online && row.shownSeq !== undefined ? html`<span class="faint small num"> #${row.shownSeq}</span>` : nothing}
        ${
          row.lastReload
            ? html`<div class="faint small reloaded">${t('reload.last', {
                time: formatDateTime(row.lastReload.at, this.timeZone, this.locale),
                reason: t(`reload.${row.lastReload.reason}`),
              })}</div>`
            : nothing
        }</td>
      <td class="actions">
        ${
          this.confirming === row.id
            ? html`<div class="confirm" role="alertdialog" aria-label=${t('confirm.unpair', { name: row.name })}>
              <span>${t('confirm.unpair', { name: row.name })}</span>
              <button class="danger" @click=${() => this.#unpair(row)}>${t('action.confirm')}</button>
              <button @click=${() => (this.confirming = undefined)}>${t('action.cancel')}</button></div>`
            : html`<button class="reload" ?disabled=${busy || !row.online} @click=${() => this.#reload(row)}>
                ${this.sent.has(row.id) ? `✓ ${t('action.reloadSent')}` : `↻ ${t('action.reload')}`}</button>
              <button class="unpair" ?disabled=${busy} @click=${() => (this.confirming = row.id)}>✕ ${t('action.unpair')}</button>`
        }
      </td>
    </tr>`;
  }

  render() {
    const t = translator(fleet, this.locale);
    if (!this.displays.length) return html`<div class="empty">${t('list.empty')}</div>`;
    return html`<table>
      <thead><tr>
        <th>${t('col.name')}</th><th>${t('col.board')}</th><th>${t('col.bay')}</th><th>${t('col.status')}</th>
        <th>${t('col.lastSeen')}</th><th>${t('col.version')}</th><th>${t('col.page')}</th><th class="actions">${t('col.actions')}</th>
      </tr></thead>
      <tbody>${keyedRows(
        sortDisplays(this.displays),
        (r) => r.id,
        (r) => this.#row(r),
      )}</tbody>
    </table>`;
  }

  static styles = [
    boardBits,
    css`
    :host { display: block; }
    table { width: 100%; border-collapse: collapse; }
    th { text-align: left; font-weight: 600; color: var(--tw-muted); font-size: 0.85em; padding: 0.5em 0.7em; border-bottom: 0.1em solid var(--tw-line); white-space: nowrap; }
    td { padding: 0.65em 0.7em; border-bottom: 0.06em solid var(--tw-line); vertical-align: middle; }
    tbody tr:hover { background: rgb(56 189 248 / 0.05); }
    tr.offline td.name { color: #fecaca; }
    .name { font-weight: 700; }
    .status { display: inline-flex; align-items: center; gap: 0.45em; padding: 0.15em 0.65em; border-radius: 1em; font-weight: 700; font-size: 0.9em; white-space: nowrap; }
    .status.on { background: #052e16; color: #86efac; border: 0.08em solid #16a34a; }
    .status.off { background: #3f0d0d; color: #fca5a5; border: 0.08em dashed #dc2626; }
    .dot { width: 0.6em; height: 0.6em; border-radius: 50%; background: currentColor; }
    .status.off .dot { background: transparent; border: 0.12em solid currentColor; }
    .faint { color: var(--tw-faint); }
    .small { font-size: 0.8em; }
    .tag.old { background: var(--tw-warn); color: #1a1205; margin-left: 0.4em; }
    .tag.mute { background: #3b2a06; color: #fde68a; border: 0.08em solid var(--tw-warn); margin-left: 0.4em; font-family: var(--tw-font, inherit); white-space: nowrap; }
    .page { font-family: var(--tw-mono); font-size: 0.9em; }
    th.actions, td.actions { text-align: right; white-space: nowrap; }
    td.actions button { margin-left: 0.4em; }
    button.unpair:hover:not([disabled]), button.danger { border-color: var(--tw-over); }
    button.danger { background: #7f1d1d; color: #fee2e2; font-weight: 700; }
    .confirm { display: inline-flex; align-items: center; gap: 0.2em; white-space: normal; text-align: left; color: #fecaca; }
    .confirm span { max-width: 22em; font-size: 0.9em; }
    .empty { padding: 3em 1em; text-align: center; color: var(--tw-muted); border: 0.1em dashed var(--tw-line); border-radius: 0.6em; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-table': FleetTable;
  }
}
