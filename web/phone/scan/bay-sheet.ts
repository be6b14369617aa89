import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ScanStore } from '../../../shared/projections/scan-view';
import { icon } from '../../common/icons';
import { scanStyles } from './scan-styles';
import { sheetStyles } from './sheet-styles';
import type { ScanText } from './scan-text';

/** Where work starts: every bay as a big button, the dispatcher's choice marked. */
@customElement('bay-sheet')
export class BaySheet extends LitElement {
  @property({ attribute: false }) text!: ScanText;
  @property({ attribute: false }) store!: ScanStore;
  @property() assigned?: string;

  render() {
    const { t } = this.text;
    return html`<div class="panel" role="dialog" aria-label=${t('bayPick.title')}>
      <h2>${icon('pin')} ${t('bayPick.title')}</h2>
      <div class="bays">${this.store.bays.map(
        (b) => html`<button class="big ${b.id === this.assigned ? 'start' : 'neutral'}" data-bay=${b.id}
        @click=${() => this.dispatchEvent(new CustomEvent('confirm', { detail: { id: b.id, name: b.name } }))}>
        ${b.name}${b.id === this.assigned ? html`<small>（${t('bayPick.assigned')}）</small>` : ''}</button>`,
      )}</div>
      <button class="big ghost" data-choice="cancel" @click=${() => this.dispatchEvent(new Event('cancel'))}>${t('pause.cancel')}</button>
    </div>`;
  }

  static styles = [
    scanStyles,
    sheetStyles,
    css`
    .bays { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
    .bays .big { font-size: 22px; min-height: 72px; flex-direction: column; gap: 0; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'bay-sheet': BaySheet;
  }
}
