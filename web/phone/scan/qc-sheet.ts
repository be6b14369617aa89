import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { StaffRo } from '../../../shared/projections/views';
import type { ScanKey } from '../../../shared/i18n/scan';
import { icon } from '../../common/icons';
import { scanStyles } from './scan-styles';
import { sheetStyles } from './sheet-styles';
import type { ScanText } from './scan-text';

const REASONS: ScanKey[] = ['qc.r.noise', 'qc.r.leak', 'qc.r.torque', 'qc.r.clean', 'qc.r.light'];

/** QC fail: why (common reasons one tap away, or typed) and which operations go back for rework. */
@customElement('qc-sheet')
export class QcSheet extends LitElement {
  @property({ attribute: false }) text!: ScanText;
  @property({ attribute: false }) ro!: StaffRo;
  @state() private reasons = new Set<string>();
  @state() private typed = '';
  @state() private redo = new Set<string>();

  #toggle(set: Set<string>, value: string) {
    const next = new Set(set);
    if (!next.delete(value)) next.add(value);
    return next;
  }

  render() {
    const { t } = this.text;
    const reason = [...this.reasons, this.typed.trim()].filter(Boolean).join('；');
    const ready = reason && this.redo.size > 0;
    return html`<div class="panel" role="dialog" aria-label=${t('qc.title')}>
      <h2>${icon('x')} ${t('qc.title')} · ${this.ro.number}</h2>
      <div class="field"><b>${t('qc.reason')}</b>
        <div class="chips">${REASONS.map((k) => html`<button class="chip" data-reason=${k} aria-pressed=${this.reasons.has(t(k))} @click=${() => (this.reasons = this.#toggle(this.reasons, t(k)))}>${this.reasons.has(t(k)) ? icon('check') : ''} ${t(k)}</button>`)}</div>
        <input name="reason" maxlength="120" placeholder=${t('qc.reasonPlaceholder')} .value=${this.typed} @input=${(e: Event) => (this.typed = (e.target as HTMLInputElement).value)}></div>
      <div class="field"><b>${t('qc.redo')}</b>
        <div class="row">${this.ro.operations.map((op) => html`<button class="chip" data-redo=${op.id} aria-pressed=${this.redo.has(op.id)} @click=${() => (this.redo = this.#toggle(this.redo, op.id))}><span class="box">${this.redo.has(op.id) ? icon('check') : ''}</span> ${op.title}</button>`)}</div></div>
      ${this.redo.size ? '' : html`<p class="muted">${t('qc.needOp')}</p>`}
      <div class="foot">
        <button class="big ghost" data-choice="cancel" @click=${() => this.dispatchEvent(new Event('cancel'))}>${t('pause.cancel')}</button>
        <button class="big fail" data-choice="confirm" ?disabled=${!ready} @click=${() => this.dispatchEvent(new CustomEvent('confirm', { detail: { reason: reason.slice(0, 200), operationIds: [...this.redo] } }))}>${t('qc.confirm')}</button>
      </div>
    </div>`;
  }

  static styles = [
    scanStyles,
    sheetStyles,
    css`
    .row .chip { display: flex; align-items: center; gap: 12px; text-align: left; }
    .box { display: inline-grid; place-items: center; width: 32px; height: 32px; border: 3px solid currentColor; border-radius: 6px; flex: none; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'qc-sheet': QcSheet;
  }
}
