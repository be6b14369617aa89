import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatPlate } from '../../../shared/domain/plate-rules';
import type { StaffRo } from '../../../shared/projections/views';
import { icon } from '../../common/icons';
import { scanStyles } from './scan-styles';
import { sheetStyles } from './sheet-styles';
import type { ScanText } from './scan-text';

/** Handing the car over is the one step that cannot be undone: ask once, naming plate and RO. */
@customElement('deliver-sheet')
export class DeliverSheet extends LitElement {
  @property({ attribute: false }) text!: ScanText;
  @property({ attribute: false }) ro!: StaffRo;

  render() {
    const { t } = this.text;
    return html`<div class="panel" role="dialog" aria-label=${t('deliver.title')}>
      <h2>${icon('car')} ${t('deliver.title')}</h2><p class="lead">${t('deliver.body', { plate: formatPlate(this.ro.vehicle.plate), ro: this.ro.number })}</p>
      <button class="big finish" data-choice="confirm" @click=${() => this.dispatchEvent(new Event('confirm'))}><span class="icon">${icon('check')}</span>${t('deliver.confirm')}</button>
      <button class="big ghost" data-choice="cancel" @click=${() => this.dispatchEvent(new Event('cancel'))}>${t('pause.cancel')}</button>
    </div>`;
  }

  static styles = [scanStyles, sheetStyles];
}

declare global {
  interface HTMLElementTagNameMap {
    'deliver-sheet': DeliverSheet;
  }
}
