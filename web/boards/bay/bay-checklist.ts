import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { Operation } from '../../../shared/domain/repair-order';
import type { Store } from '../../../shared/domain/shop';
import type { StaffRo } from '../../../shared/projections/views';
import { boardBits } from '../../common/board-theme';
import { storeIndex } from '../../common/records';
import { safeRender } from '../../common/safe-render';
import { bayText } from './bay-text';
import { keyedRows } from '../../common/keyed-rows';

const MARK: Record<Operation['status'], string> = { done: '✓', in_progress: '▶', paused: '❚❚', assigned: '◷', unassigned: '○' };

/** Every job on the car at this bay, with its state, technician and where it is done. */
@customElement('bay-checklist')
export class BayChecklist extends LitElement {
  @property({ attribute: false }) ro?: StaffRo;
  @property({ attribute: false }) store?: Store;
  @property({ attribute: 'bay-id' }) bayId = '';
  /** The operation shown on the big timer, highlighted here. */
  @property({ attribute: 'current-op' }) currentOp = '';
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';

  render() {
    return safeRender(this, () => this.#body(), bayText(this.locale, this.timeZone).t('renderError'));
  }

  #body() {
    const { ro, store } = this;
    if (!ro || !store) return nothing;
    const { t, c } = bayText(this.locale, this.timeZone);
    const index = storeIndex(store);
    const done = ro.operations.filter((o) => o.status === 'done').length;
    return html`
      <h2>${t('checklist.title')} <span class="progress">${t('checklist.progress', { done, total: ro.operations.length })}</span></h2>
      <ol>${keyedRows(
        ro.operations,
        (op) => op.id,
        (op) => html`
        <li class="${op.status} ${op.id === this.currentOp ? 'current' : ''}" data-op=${op.id} data-status=${op.status}>
          <span class="mark" aria-hidden="true">${MARK[op.status]}</span>
          <span class="title">${op.title}${op.reworks ? html` <span class="tag rework">${t('car.rework')}</span>` : nothing}</span>
          <span class="status">${c(`op.${op.status}`)}${
            op.status === 'paused' && op.pause
              ? html`<span class="why">${c(`pause.${op.pause.reason}`)}${op.pause.reason === 'parts' ? ` · ${op.pause.part}` : ''}</span>`
              : nothing
          }</span>
          <span class="who">${index.technician(op.technicianId)?.name ?? ''}</span>
          <span class="where">${!op.bayId ? '' : op.bayId === this.bayId ? t('checklist.here') : t('checklist.otherBay', { bay: index.bay(op.bayId)?.name ?? op.bayId })}</span>
          <span class="hours num">${op.standardHours}h</span>
        </li>`,
      )}
      </ol>
    `;
  }

  static styles = [
    boardBits,
    css`
    :host { display: block; min-height: 0; }
    h2 { margin: 0 0 0.3em; font-size: 1em; color: var(--tw-muted); display: flex; gap: 0.8em; align-items: baseline; }
    .progress { font-size: 0.9em; font-weight: 400; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.25em; }
    li {
      display: grid; grid-template-columns: 1.6em minmax(0, 1fr) auto 5em 7em 3.2em; gap: 0.6em; align-items: baseline;
      padding: 0.3em 0.6em; border-radius: 0.4em; background: var(--tw-panel); border: 0.08em solid var(--tw-line);
    }
    li.current { border-color: var(--tw-ok); background: #0f2a1c; }
    li.paused.current { border-color: var(--tw-parts); background: #1e1736; }
    .mark { font-weight: 800; text-align: center; }
    .title { font-weight: 700; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .status { white-space: nowrap; font-weight: 600; }
    .why { margin-left: 0.5em; color: var(--tw-parts); font-weight: 400; }
    .who, .where, .hours { color: var(--tw-muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .done .mark, .done .status { color: var(--tw-ok); }
    .done .title { color: var(--tw-muted); }
    .in_progress .mark, .in_progress .status { color: var(--tw-ok); }
    .paused .mark, .paused .status { color: var(--tw-parts); }
    .assigned .mark, .assigned .status { color: var(--tw-info); }
    .unassigned .mark, .unassigned .status { color: var(--tw-faint); }
    /* Portrait: the title gets the width; who and where go on a second line under it. */
    @media (orientation: portrait) {
      li { grid-template-columns: 1.6em minmax(0, 1fr) auto 3.2em; row-gap: 0.1em; }
      .title { white-space: normal; }
      .who { grid-column: 2; grid-row: 2; font-size: 0.85em; }
      .where { grid-column: 3 / 5; grid-row: 2; font-size: 0.85em; text-align: right; }
    }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'bay-checklist': BayChecklist;
  }
}
