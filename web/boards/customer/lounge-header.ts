import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { customerBoard } from '../../../shared/i18n/customer-board';
import { translator } from '../../../shared/i18n/translate';
import type { PublicStoreHeader } from '../../../shared/projections/views';
import { guarded } from './render-guard';
import './lounge-clock';

/** The store's name in the board's language (the other one beneath), brand and clock. */
@customElement('lounge-header')
export class LoungeHeader extends LitElement {
  @property({ attribute: false }) store?: PublicStoreHeader;
  @property() locale: Locale = 'zh-CN';

  render() {
    return guarded(this, 'lounge-header', () => {
      const t = translator(customerBoard, this.locale);
      const store = this.store;
      const other: Locale = this.locale === 'en' ? 'zh-CN' : 'en';
      return html`<header>
        ${store?.brand ? html`<span class="brand">${store.brand}</span>` : nothing}
        <div class="names">
          <h1>${store?.name[this.locale] ?? ''}</h1>
          <p><span class="title">${t('board.title')}</span>${
            store && store.name[other] !== store.name[this.locale] ? html`<span class="other">${store.name[other]}</span>` : nothing
          }</p>
        </div>
        <lounge-clock .locale=${this.locale} .timeZone=${store?.timezone ?? 'Asia/Shanghai'}></lounge-clock>
      </header>`;
    });
  }

  static styles = css`
    :host { display: block; }
    header { display: flex; align-items: center; gap: 1.6vw; height: 100%; }
    .brand {
      flex: none; display: grid; place-items: center; min-width: 9vh; height: 9vh; padding: 0 1.2vh; box-sizing: border-box;
      border-radius: var(--radius); border: 0.25vh solid var(--gold); color: var(--gold);
      font-size: var(--t-m); font-weight: 700; letter-spacing: 0.14em; text-transform: uppercase;
      background: radial-gradient(circle at 30% 20%, rgb(216 180 106 / 0.18), transparent 70%);
    }
    .names { flex: 1; min-width: 0; }
    h1 { margin: 0; font-size: clamp(22px, 4.4vh, 160px); font-weight: 700; color: var(--text); letter-spacing: 0.03em;
      white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    p { margin: 0.9vh 0 0; display: flex; gap: 1.2vw; align-items: baseline; font-size: var(--t-s); color: var(--muted); white-space: nowrap; overflow: hidden; }
    .title { color: var(--gold); font-weight: 700; letter-spacing: 0.12em; }
    .other { overflow: hidden; text-overflow: ellipsis; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'lounge-header': LoungeHeader;
  }
}
