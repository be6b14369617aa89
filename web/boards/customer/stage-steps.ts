import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { RoStage } from '../../../shared/domain/repair-order';
import { customerBoard } from '../../../shared/i18n/customer-board';
import { translator } from '../../../shared/i18n/translate';
import { STEPS, stepIndex } from './board-model';
import { icons, stepIcons } from './icons';
import { guarded } from './render-guard';

/**
 * Where a car is, as five steps: done steps are ticked, the current one is filled and named in
 * bold, the rest are hollow. Shape, text and colour all say the same thing. A parts wait turns
 * the current step into a box icon named "waiting for parts".
 */
@customElement('stage-steps')
export class StageSteps extends LitElement {
  @property() stage: RoStage = 'checked_in';
  @property({ type: Boolean }) parts = false;
  @property() locale: Locale = 'zh-CN';

  #currentLabel(): string {
    const t = translator(customerBoard, this.locale);
    if (this.parts) return t('step.parts');
    if (this.stage === 'waiting_dispatch') return t('step.waiting');
    return t(`step.${STEPS[stepIndex(this.stage)]}`);
  }

  render() {
    return guarded(this, 'stage-steps', () => {
      const t = translator(customerBoard, this.locale);
      const current = stepIndex(this.stage);
      return html`<ol class="steps ${this.parts ? 'parts' : ''}" aria-label=${this.#currentLabel()}>
        ${STEPS.map((step, i) => {
          const state = i < current ? 'done' : i === current ? 'current' : 'todo';
          const icon = state === 'done' ? icons.check : state === 'current' && this.parts ? icons.box : stepIcons[step];
          const label = state === 'current' ? this.#currentLabel() : t(`step.${step}`);
          return html`<li class="step ${state} ${step}" aria-current=${state === 'current' ? 'step' : 'false'}>
            <span class="node">${icon}</span>
            <span class="label">${label}</span>
          </li>`;
        })}
      </ol>`;
    });
  }

  static styles = css`
    :host { display: block; --node: clamp(22px, 4.4vh, 160px); }
    .steps { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); }
    .step { position: relative; display: flex; flex-direction: column; align-items: center; gap: 0.9vh; min-width: 0; }
    /* the connector to the previous step, drawn behind the node */
    .step + .step::before {
      content: ''; position: absolute; top: calc(var(--node) / 2 - 0.2vh); right: 50%; width: 100%; height: 0.4vh;
      background: var(--line); z-index: 0;
    }
    .step.done + .step::before, .step.done + .step.current::before { background: var(--blue-deep); }
    .node {
      position: relative; z-index: 1; width: var(--node); height: var(--node); border-radius: 50%;
      display: grid; place-items: center; box-sizing: border-box;
      background: var(--surface); border: 0.3vh dashed var(--dim); color: var(--dim);
    }
    .node svg { width: 56%; height: 56%; }
    .done .node { background: var(--blue-deep); border: 0.3vh solid var(--blue-deep); color: #d6ebff; }
    .current .node {
      width: calc(var(--node) * 1.22); height: calc(var(--node) * 1.22); margin-top: calc(var(--node) * -0.11);
      margin-bottom: calc(var(--node) * -0.11);
      background: var(--blue); border: 0.35vh solid #fff; color: #06121f;
      box-shadow: 0 0 0 0.6vh rgb(95 179 255 / 0.22);
    }
    .current.ready .node { background: var(--green); box-shadow: 0 0 0 0.6vh rgb(52 211 153 / 0.25); }
    .parts .current .node { background: var(--amber); box-shadow: 0 0 0 0.6vh rgb(251 191 36 / 0.25); }
    .current .node::after {
      content: ''; position: absolute; inset: -0.35vh; border-radius: 50%; border: 0.35vh solid currentColor;
      color: var(--blue); opacity: 0; animation: ring 2.4s ease-out infinite;
    }
    .parts .current .node::after { color: var(--amber); }
    /* labels may run past their cell: neighbours are centred a whole cell away */
    .label { font-size: var(--t-xs); line-height: 1.15; color: var(--dim); text-align: center; white-space: nowrap; }
    .done .label { color: var(--muted); }
    .current .label { font-size: var(--t-s); font-weight: 700; color: var(--text); }
    .parts .current .label { color: var(--amber); }
    @keyframes ring { 0% { transform: scale(1); opacity: 0.7; } 100% { transform: scale(1.45); opacity: 0; } }
    @media (prefers-reduced-motion: reduce) { .current .node::after { animation: none; } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'stage-steps': StageSteps;
  }
}
