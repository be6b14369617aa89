import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { icon } from '../../common/icons';
import { scanStyles } from './scan-styles';
import { sheetStyles } from './sheet-styles';
import type { ScanText } from './scan-text';
import type { ActTarget } from './act-target';

/**
 * Starting a job was refused because this person already runs another: say which, and offer
 * to pause that one first (the page then queues the pause and the start, in that order).
 */
@customElement('busy-sheet')
export class BusySheet extends LitElement {
  @property({ attribute: false }) text!: ScanText;
  @property({ attribute: false }) running!: ActTarget;

  render() {
    const { t } = this.text;
    return html`<div class="panel" role="dialog" aria-label=${t('busy.title')}>
      <h2>${icon('alert')} ${t('busy.title')}</h2><p class="lead">${t('busy.body', { op: this.running.opTitle ?? '', ro: this.running.roNumber })}</p>
      <button class="big pause" data-choice="pause-first" @click=${() => this.dispatchEvent(new Event('pause-first'))}><span class="icon">${icon('pause')}</span>${t('busy.pauseFirst')}</button>
      <button class="big ghost" data-choice="cancel" @click=${() => this.dispatchEvent(new Event('cancel'))}>${t('busy.cancel')}</button>
    </div>`;
  }

  static styles = [scanStyles, sheetStyles];
}

declare global {
  interface HTMLElementTagNameMap {
    'busy-sheet': BusySheet;
  }
}
