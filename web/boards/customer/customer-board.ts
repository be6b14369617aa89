import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { customerBoard } from '../../../shared/i18n/customer-board';
import { translator } from '../../../shared/i18n/translate';
import type { CustomerRow, CustomerView } from '../../../shared/projections/views';
import '../../common/connection-badge';
import { LiveController } from '../../live/live-controller';
import { startSignOfLife } from '../../live/sign-of-life';
import { tryRender } from './render-guard';
import './lounge-screen';

/**
 * Page element of /display/customer, the lounge TV (客户看板). It owns the live link and hands
 * plain, already-masked rows to <lounge-screen>; nothing below it touches the socket.
 *
 *   <customer-board store-id="bj-wangjing" lang="zh-CN"></customer-board>
 *
 * The store id is read once, when the element connects (a board shows one store for life).
 */
@customElement('customer-board')
export class CustomerBoard extends LitElement {
  @property({ attribute: 'store-id' }) storeId = '';
  /** 'zh-CN' or 'en'; anything else means the store's own locale. */
  @property() lang = '';

  #live?: LiveController<CustomerView>;

  connectedCallback(): void {
    // A wall screen's watchdog reads this page's sign of life from its title.
    startSignOfLife();
    // Attributes are set by now (also when the element is upgraded from server HTML).
    this.#live ??= new LiveController<CustomerView>(this, { audience: { kind: 'customer', storeId: this.storeId } });
    super.connectedCallback();
  }

  #locale(view?: CustomerView): Locale {
    if (this.lang === 'en' || this.lang === 'zh-CN') return this.lang;
    return view?.header.store.locale ?? 'zh-CN';
  }

  #body() {
    const view = this.#live?.view;
    const locale = this.#locale(view);
    if (!view) {
      return html`<div class="loading"><span class="spinner"></span>${translator(customerBoard, locale)('board.loading')}</div>`;
    }
    // A new array on every change: the live view is updated in place, so its identity never changes.
    const rows = Object.values(view.entries) as CustomerRow[];
    const status = this.#live?.status;
    // Data we still show while the link is down is dated on the board itself, in words a
    // customer reads, instead of a corner badge that would sit over the page indicator.
    const staleAt = status && status.state !== 'live' ? (status.dataAt ?? status.since ?? Date.now()) : undefined;
    return html`<lounge-screen .store=${view.header.store} .rows=${rows} .locale=${locale} .staleAt=${staleAt}></lounge-screen>`;
  }

  render() {
    const view = this.#live?.view;
    const locale = this.#locale(view);
    const { result, failed } = tryRender(this, 'customer-board', () => this.#body());
    return html`${result}
      ${failed ? html`<div class="notice" role="status">${translator(customerBoard, locale)('board.renderError')}</div>` : ''}
      ${view ? '' : html`<connection-badge .status=${this.#live?.status} .locale=${locale}></connection-badge>`}`;
  }

  static styles = css`
    :host {
      display: block; height: 100vh; overflow: hidden; background: #070d1a; color: #f5f7fb;
      font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif;
    }
    .loading {
      height: 100%; display: flex; align-items: center; justify-content: center; gap: 1.4vw;
      font-size: clamp(16px, 3vh, 100px); color: #a8b7cc;
    }
    .spinner {
      width: 4vh; height: 4vh; border-radius: 50%; border: 0.5vh solid rgb(216 180 106 / 0.25); border-top-color: #d8b46a;
      animation: spin 1.1s linear infinite;
    }
    .notice {
      position: fixed; left: 1.2vw; bottom: 1.2vw; z-index: 90; padding: 0.5em 1em; border-radius: 0.5em;
      font-size: clamp(14px, 1.8vh, 60px); background: #fbbf24; color: #111827;
    }
    @keyframes spin { to { transform: rotate(360deg); } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'customer-board': CustomerBoard;
  }
}
