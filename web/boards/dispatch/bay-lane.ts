import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { Operation } from '../../../shared/domain/repair-order';
import type { StaffRo } from '../../../shared/projections/views';
import { boardBits } from '../../common/board-theme';
import { safeRender } from '../../common/safe-render';
import { shallowChanged } from '../../common/shallow';
import { canAssign, canEditRepairOrder } from '../../common/workflow-rules';
import '../../common/work-timer';
import { etaLine, etaStyles } from './eta-line';
import { boardText } from './board-text';
import { DispatchRequestEvent } from './dispatch-events';
import type { Lane } from '../../common/lanes';

/**
 * One bay on the dispatch board: what is being done there, by whom, for how long against
 * standard hours, and what comes next. Re-renders only when its lane's records change; the
 * timer inside ticks by itself.
 */
@customElement('bay-lane')
export class BayLane extends LitElement {
  @property({ attribute: false, hasChanged: shallowChanged }) lane?: Lane;
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  /** A signed-in staff member: offer the actions the workflow allows. */
  @property({ type: Boolean, attribute: 'can-act' }) canAct = false;

  #ask(roId: string, operationId?: string) {
    this.dispatchEvent(new DispatchRequestEvent(operationId ? { kind: 'assign', roId, operationId } : { kind: 'edit', roId }));
  }

  #state(lane: Lane): 'working' | 'paused' | 'waiting' | 'idle' {
    if (lane.op?.status === 'in_progress') return 'working';
    if (lane.op) return 'paused';
    return lane.nextOp ? 'waiting' : 'idle';
  }

  render() {
    const { t } = boardText(this.locale, this.timeZone);
    return safeRender(this, () => this.#body(), t('renderError'));
  }

  #body() {
    const lane = this.lane;
    if (!lane) return nothing;
    const { t, c } = boardText(this.locale, this.timeZone);
    const state = this.#state(lane);
    const pause = lane.op?.pause;
    const stateText =
      state === 'working'
        ? t('lane.working')
        : state === 'paused'
          ? t('lane.paused', { reason: pause ? c(`pause.${pause.reason}`) : c('op.paused') })
          : state === 'waiting'
            ? t('lane.waiting')
            : t('lane.idle');
    return html`
      <article class="lane ${state}" data-bay=${lane.bay.id}>
        <header>
          <span class="bay">${lane.bay.name}</span>
          <span class="kind">${t(`kind.${lane.bay.kind}`)}</span>
          <span class="state ellipsis">${stateText}</span>
        </header>
        ${lane.ro && lane.op ? this.#job(lane.ro, lane.op, lane) : html`<div class="empty ${this.locale === 'en' ? '' : 'cjk'}">${t('lane.idle')}</div>`}
        ${this.#next(lane)}
      </article>
    `;
  }

  #job(ro: StaffRo, op: Operation, lane: Lane) {
    const { t, timer } = boardText(this.locale, this.timeZone);
    const mayMove = this.canAct && canAssign(ro, op);
    const mayEdit = this.canAct && canEditRepairOrder(ro);
    return html`
      <div class="job">
        <div class="car">
          <span class="plate">${ro.vehicle.plate}</span>
          ${ro.priority !== 'normal' ? html`<span class="tag ${ro.priority}">${t(`priority.${ro.priority}`)}</span>` : nothing}
          <span class="ro num muted">${ro.number}</span>
        </div>
        <div class="title">
          <span class="ellipsis">${op.title}</span>
          ${op.reworks ? html`<span class="tag rework">${t('lane.rework')}</span>` : nothing}
          ${lane.alsoRunning ? html`<span class="muted also">${t('lane.alsoRunning', { n: lane.alsoRunning })}</span>` : nothing}
          ${lane.tech ? html`<span class="tech-name">${lane.tech.name}</span>` : html`<span class="tech-name none">${t('lane.noTech')}</span>`}
        </div>
        <work-timer .op=${op} .text=${timer}></work-timer>
        ${ro.eta ? html`<div class="eta-row">${etaLine(ro, boardText(this.locale, this.timeZone))}</div>` : nothing}
        ${
          mayMove || mayEdit
            ? html`<div class="acts">
          ${mayMove ? html`<button class="act" data-action="reassign" data-op=${op.id} @click=${() => this.#ask(ro.id, op.id)}>${t('action.reassign')}</button>` : nothing}
          ${mayEdit ? html`<button class="act" data-action="edit" data-ro=${ro.id} title=${t('edit.title')} @click=${() => this.#ask(ro.id)}>${t('action.edit')}</button>` : nothing}
        </div>`
            : nothing
        }
      </div>
    `;
  }

  #next(lane: Lane) {
    const { t } = boardText(this.locale, this.timeZone);
    const { nextRo: ro, nextOp: op } = lane;
    if (!ro || !op) return html`<footer class="next none"><span class="label">${t('lane.next')}</span><span class="muted">${t('lane.noNext')}</span></footer>`;
    return html`
      <footer class="next">
        <span class="label">${t('lane.next')}</span>
        <span class="plate small">${ro.vehicle.plate}</span>
        ${ro.priority !== 'normal' ? html`<span class="tag ${ro.priority}">${t(`priority.${ro.priority}`)}</span>` : nothing}
        <span class="ellipsis grow">${op.title}${lane.nextTech ? html` · ${lane.nextTech.name}` : nothing}</span>
        ${lane.queued > 1 ? html`<span class="more">${t('lane.more', { n: lane.queued - 1 })}</span>` : nothing}
        ${
          this.canAct && canAssign(ro, op)
            ? html`<button class="act" data-action="reassign" data-op=${op.id} @click=${() => this.#ask(ro.id, op.id)}>${t('action.reassign')}</button>`
            : nothing
        }
      </footer>
    `;
  }

  static styles = [
    boardBits,
    etaStyles,
    css`
    :host { display: block; min-width: 0; min-height: 0; }
    .lane {
      height: 100%; display: grid; grid-template-rows: auto minmax(0, 1fr) auto; gap: 0.3em;
      padding: 0.45em 0.7em 0.4em; border-radius: 0.5em; background: var(--tw-panel);
      border: 0.1em solid var(--tw-line); border-left-width: 0.45em; overflow: hidden;
    }
    .lane.working { border-left-color: var(--tw-ok); }
    .lane.paused { border-left-color: var(--tw-parts); }
    .lane.waiting { border-left-color: var(--tw-info); }
    .lane.idle { border-left-color: var(--tw-faint); background: #0f1626; }
    header { display: flex; align-items: baseline; gap: 0.5em; min-width: 0; }
    .bay { font-weight: 800; font-size: 1.15em; white-space: nowrap; }
    .kind { color: var(--tw-muted); font-size: 0.8em; white-space: nowrap; }
    .state { margin-left: auto; font-weight: 700; font-size: 0.9em; }
    .working .state { color: var(--tw-ok); }
    .paused .state { color: var(--tw-parts); }
    .waiting .state { color: var(--tw-info); }
    .idle .state { color: var(--tw-faint); }
    .job { display: grid; align-content: start; gap: 0.2em; min-height: 0; }
    .car, .title { display: flex; align-items: baseline; gap: 0.45em; min-width: 0; white-space: nowrap; }
    .car .plate { font-size: 1.45em; color: #fde68a; }
    .tech-name { margin-left: auto; color: #bae6fd; font-weight: 700; font-size: 1.2em; }
    .tech-name.none { color: var(--tw-faint); font-weight: 400; font-size: 0.85em; }
    .title { font-size: 1.15em; font-weight: 600; }
    .also { font-size: 0.8em; font-weight: 400; }
    .empty { align-self: center; color: var(--tw-faint); font-size: 1.6em; font-weight: 700; }
    /* Spaced-out type suits Chinese characters; in Latin text it reads "I d l e". */
    .empty.cjk { letter-spacing: 0.15em; }
    work-timer { margin-top: 0.1em; font-size: 1.08em; }
    .eta-row { display: flex; align-items: baseline; gap: 0.5em; min-width: 0; font-size: 1.1em; }
    /* The timer lays itself out by the lane's width (work-timer.ts). */
    article.lane { container: lane / inline-size; }
    .next {
      display: flex; align-items: center; gap: 0.4em; min-width: 0; font-size: 0.9em;
      padding-top: 0.25em; border-top: 0.06em dashed var(--tw-line); white-space: nowrap;
    }
    .next .label { color: var(--tw-info); font-weight: 700; }
    .next.none .label { color: var(--tw-faint); }
    .plate.small { font-size: 0.95em; border-width: 0.06em; }
    .grow { flex: 1; }
    .more { color: var(--tw-muted); }
    /* The RO number is how the desk finds a car: never shortened, so it does not shrink. */
    .ro { font-size: 0.75em; flex: none; }
    /*
     * At a desk (can-act) the lane grows with its content (the board scrolls its lanes) so that
     * buttons are real touch targets (44 × 44 px at least) on their own row, not squeezed beside
     * the plate where they pushed the RO number out at 1366 px and below.
     */
    :host([can-act]) .lane { height: auto; min-height: 100%; grid-template-rows: auto auto auto; }
    :host([can-act]) .ro { font-size: max(0.8em, 13px); }
    :host([can-act]) .car { flex-wrap: wrap; row-gap: 0.1em; }
    .acts { display: flex; flex-wrap: wrap; gap: 0.5em; margin-top: 0.2em; }
    button.act { flex: none; min-height: 44px; min-width: 64px; padding: 0 0.9em; font-size: max(0.85em, 14px); font-weight: 700; }
    .next button.act { margin-left: 0.3em; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'bay-lane': BayLane;
  }
}
