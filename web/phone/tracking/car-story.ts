import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { PartsWaitLine, TrackingRo } from '../../../shared/projections/views';
import { trackingText, type TrackingKey } from '../../../shared/i18n/tracking';
import { formatDateTime, formatTime, translator } from '../../../shared/i18n/translate';
import { storyOf, type Happening } from './tracking-model';

type Op = TrackingRo['operations'][number];

/** The jobs on the car with where each stands, and what happened when, newest first. */
@customElement('car-story')
export class CarStory extends LitElement {
  @property({ attribute: false }) ro?: TrackingRo;
  /** The car's parts waits, paused and resumed (the live view carries only the one in progress). */
  @property({ attribute: false }) waits: readonly PartsWaitLine[] = [];
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';

  render() {
    const ro = this.ro;
    if (!ro) return nothing;
    const t = translator(trackingText, this.locale);
    const story = storyOf(ro, this.waits);
    const today = new Date().toDateString();
    const when = (iso: string) =>
      new Date(iso).toDateString() === today ? formatTime(iso, this.timeZone, this.locale) : formatDateTime(iso, this.timeZone, this.locale);
    return html`
      ${
        ro.operations.length
          ? html`<section class="card">
          <h2>${t('work.title')}</h2>
          <ul class="ops">${ro.operations.map(
            (op) => html`<li>
            <span class="title">${op.title}</span><span class="chip ${opClass(op)}">${t(opKey(op))}</span></li>`,
          )}</ul>
        </section>`
          : nothing
      }
      <section class="card">
        <h2>${t('timeline.title')}</h2>
        <ol class="story" data-testid="timeline">
          ${story.map((h, i) => html`<li class=${i === 0 ? 'latest' : ''}><time>${when(h.at)}</time><span>${this.#text(t, h)}</span></li>`)}
        </ol>
      </section>
    `;
  }

  #text(t: (key: TrackingKey, params?: Record<string, string>) => string, h: Happening): string {
    if (h.kind === 'paused' || h.kind === 'resumed') return t(h.kind === 'paused' ? 'tl.partsPaused' : 'tl.partsResumed', { title: h.title, part: h.part });
    if (h.kind !== 'stage') return t(h.kind === 'started' ? 'tl.opStarted' : 'tl.opDone', { title: h.title });
    return h.rework ? t('tl.rework') : t(`tl.${h.stage}`);
  }

  static styles = css`
    :host { display: grid; gap: 0.8em; }
    * { box-sizing: border-box; }
    .card { background: #fff; border-radius: 1em; padding: 1em 1.2em; box-shadow: 0 0.2em 1em rgb(15 29 51 / 0.06); }
    h2 { font-size: 1.05em; margin: 0 0 0.6em; }
    ul, ol { list-style: none; margin: 0; padding: 0; }
    .ops li { display: flex; justify-content: space-between; gap: 0.8em; align-items: center; padding: 0.55em 0; border-top: 0.06em solid #e3e8f0; }
    .ops li:first-child { border-top: 0; }
    .chip { flex: none; font-size: 0.8em; font-weight: 700; padding: 0.2em 0.65em; border-radius: 1em; background: #eef2f7; color: #55657d; }
    .chip.done { background: #e8f6ee; color: #15803d; }
    .chip.active { background: #e6eff9; color: #0b5cad; }
    .chip.parts { background: #f3e8ff; color: #6d28d9; }
    .story li { display: grid; grid-template-columns: 4.2em 1fr; gap: 0.8em; padding: 0.45em 0 0.45em 0; position: relative; color: #55657d; }
    .story time { font-variant-numeric: tabular-nums; font-size: 0.9em; padding-top: 0.05em; }
    .story li.latest { color: #0f1d33; font-weight: 700; }
    .story li span { padding-left: 1em; border-left: 0.15em solid #d9e1ec; }
    .story li.latest span { border-left-color: #0b5cad; }
  `;
}

const opKey = (op: Op): TrackingKey =>
  op.status === 'done'
    ? 'op.done'
    : op.status === 'in_progress'
      ? 'op.in_progress'
      : op.status === 'paused'
        ? op.pause?.reason === 'parts'
          ? 'op.parts'
          : op.pause?.reason === 'approval'
            ? 'op.approval'
            : 'op.break'
        : 'op.waiting';

const opClass = (op: Op) =>
  op.status === 'done' ? 'done' : op.status === 'in_progress' ? 'active' : op.status === 'paused' && op.pause?.reason === 'parts' ? 'parts' : '';

declare global {
  interface HTMLElementTagNameMap {
    'car-story': CarStory;
  }
}
