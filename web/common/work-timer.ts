import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Operation } from '../../shared/domain/repair-order';
import { boardBits } from './board-theme';
import { ClockController } from './clock';
import { safeRender } from './safe-render';
import { formatHours, formatStopwatch, workProgress, type WorkProgress } from './work-time';

/** Words for the timer, from the board's own catalogue. */
export interface TimerText {
  /** "72%", "85% · near standard", "12 min over standard". */
  describe(p: WorkProgress): string;
  /** "of 1:00 standard" */
  standard(hours: string): string;
  paused: string;
}

/**
 * Work time on one operation against its standard hours: stopwatch, bar and words. It ticks
 * itself once a second while the work runs, so the board around it never re-renders for time.
 */
@customElement('work-timer')
export class WorkTimer extends LitElement {
  #clock = new ClockController(this, 1000);

  @property({ attribute: false }) op?: Pick<Operation, 'workedMs' | 'runningSince' | 'standardHours'>;
  @property({ attribute: false }) text?: TimerText;
  /** `compact` for a dispatch lane, `hero` for the bay board. */
  @property({ reflect: true }) variant: 'compact' | 'hero' = 'compact';

  protected willUpdate(): void {
    this.#clock.running = Boolean(this.op?.runningSince);
  }

  render() {
    return safeRender(this, () => this.#body(), '');
  }

  #body() {
    const { op, text } = this;
    if (!op || !text) return nothing;
    const p = workProgress(op, Date.now());
    const width = Math.min(1, p.ratio) * 100;
    const state = p.running || p.level !== 'ok' ? p.level : 'paused';
    return html`
      <span class="watch num">${formatStopwatch(p.workedMs)}</span>
      <span class="std num" id="std">${text.standard(formatHours(p.standardMs))}</span>
      <span class="words ${state}">${p.running ? text.describe(p) : p.level === 'ok' ? `❚❚ ${text.paused}` : `❚❚ ${text.describe(p)}`}</span>
      <!-- Named by the standard it measures against ("of 1:00 standard"): a progressbar without a name is read as just a number. -->
      <div class="bar ${p.level}" role="progressbar" aria-labelledby="std" aria-valuemin="0" aria-valuemax="100"
        aria-valuenow=${Math.round(p.ratio * 100)} aria-valuetext=${text.describe(p)}>
        <div class="fill" style="width:${width}%"></div>
      </div>
    `;
  }

  static styles = [
    boardBits,
    css`
    /* compact: stopwatch, standard and words on one line, the bar under them;
       hero: each on its own line, large. */
    :host {
      display: grid; min-width: 0; align-items: baseline; column-gap: 0.5em;
      grid-template-columns: auto auto minmax(0, 1fr);
      grid-template-areas: 'watch std words' 'bar bar bar';
    }
    .watch { grid-area: watch; font-weight: 800; font-size: 1.45em; line-height: 1.1; letter-spacing: 0.01em; }
    .std { grid-area: std; color: var(--tw-muted); font-size: 0.9em; white-space: nowrap; }
    .words { grid-area: words; justify-self: end; font-size: 0.9em; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 100%; }
    .words.ok { color: var(--tw-muted); }
    .words.warn { color: var(--tw-warn); }
    .words.over { color: var(--tw-over); }
    .words.paused { color: var(--tw-parts); }
    .bar { grid-area: bar; position: relative; height: 0.5em; margin-top: 0.25em; border-radius: 0.25em; background: #25314b; overflow: hidden; }
    .fill { height: 100%; border-radius: inherit; background: var(--tw-ok); transition: width 0.8s linear; }
    .bar.warn .fill { background: var(--tw-warn); }
    /* Past 100 %: full, red and striped, so it reads as "over" without colour. */
    .bar.over .fill { background: repeating-linear-gradient(135deg, var(--tw-over) 0 0.5em, #b91c1c 0.5em 1em); }
    /* A narrow lane (a 4-column wall): the words get a line of their own rather than an ellipsis. */
    @container lane (max-width: 19em) {
      :host(:not([variant='hero'])) { grid-template-columns: auto minmax(0, 1fr); grid-template-areas: 'watch std' 'words words' 'bar bar'; }
      :host(:not([variant='hero'])) .words { justify-self: start; }
    }
    :host([variant='hero']) {
      grid-template-columns: auto minmax(0, 1fr);
      grid-template-areas: 'watch std' 'bar bar' 'words words';
      column-gap: 0.8em;
    }
    :host([variant='hero']) .watch { font-size: clamp(48px, 8.5vw, 260px); line-height: 1; }
    :host([variant='hero']) .std { font-size: clamp(18px, 2.2vw, 64px); }
    :host([variant='hero']) .bar { height: clamp(14px, 2vh, 40px); margin: 0.6em 0 0.4em; border-radius: 0.5em; }
    :host([variant='hero']) .words { justify-self: start; font-size: clamp(20px, 2.2vw, 64px); }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'work-timer': WorkTimer;
  }
}
