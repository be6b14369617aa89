import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import uPlot from 'uplot';

/**
 * One trend chart of the reports page: a value per date, drawn by uPlot on a canvas (small and
 * fast: ~23 KB gzip, where a general chart library costs several times that, and a year of days
 * draws in a millisecond). The chart follows its box's width, and is drawn again in print colours
 * for paper (a canvas keeps what was drawn; light text on a transparent canvas would vanish on
 * white). Its figures are in the page's CSV; the canvas carries a label saying so.
 */
export interface TrendSeries {
  label: string;
  /** Screen and paper colours; the legend shows each series' name beside its colour and shape. */
  color: string;
  printColor: string;
  values: (number | null)[];
  kind: 'line' | 'bars';
}

type Format = 'count' | 'share' | 'hours';

const PALETTE = {
  screen: { axis: '#a5b4cb', grid: '#26324d' },
  print: { axis: '#1f2937', grid: '#d1d5db' },
};
const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", system-ui, sans-serif';

@customElement('report-trend-chart')
export class ReportTrendChart extends LitElement {
  @property() heading = '';
  @property() summary = '';
  @property({ attribute: false }) labels: string[] = [];
  @property({ attribute: false }) series: TrendSeries[] = [];
  @property() format: Format = 'count';

  #plot?: uPlot;
  #resize?: ResizeObserver;
  #print = matchMedia('print');
  #onMedia = () => this.#draw();

  connectedCallback(): void {
    super.connectedCallback();
    this.#print.addEventListener('change', this.#onMedia);
    addEventListener('beforeprint', this.#onMedia);
    addEventListener('afterprint', this.#onMedia);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#print.removeEventListener('change', this.#onMedia);
    removeEventListener('beforeprint', this.#onMedia);
    removeEventListener('afterprint', this.#onMedia);
    this.#resize?.disconnect();
    this.#resize = undefined;
    this.#plot?.destroy();
    this.#plot = undefined;
  }

  protected firstUpdated(): void {
    let width = 0;
    this.#resize = new ResizeObserver(() => {
      const now = this.#box().clientWidth;
      if (now !== width) {
        width = now;
        this.#draw();
      }
    });
    this.#resize.observe(this.#box());
  }

  protected updated(changed: PropertyValues<this>): void {
    if (changed.has('labels') || changed.has('series') || changed.has('format')) this.#draw();
  }

  #box(): HTMLElement {
    return this.renderRoot.querySelector('.plot') as HTMLElement;
  }

  /** Draws afresh: data, size and colours all come from now (a redraw costs well under a millisecond). */
  #draw(): void {
    const box = this.#box();
    if (!box || !box.clientWidth) return;
    const paper = this.#print.matches;
    const colours = paper ? PALETTE.print : PALETTE.screen;
    this.#plot?.destroy();
    const n = this.labels.length;
    const labels = this.labels;
    const axisFont = `${paper ? 11 : 14}px ${FONT}`;
    const yValue = (v: number) => (this.format === 'share' ? `${Math.round(v * 100)}%` : this.format === 'hours' ? v.toFixed(v < 10 ? 1 : 0) : String(v));
    const max = Math.max(0, ...this.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
    this.#plot = new uPlot(
      {
        width: box.clientWidth,
        height: paper ? 150 : 210,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: false, range: [-0.5, Math.max(0.5, n - 0.5)] },
          y: { range: this.format === 'share' ? [0, 1] : [0, this.format === 'count' ? Math.max(4, Math.ceil(max * 1.15)) : Math.max(1, max * 1.15)] },
        },
        axes: [
          {
            stroke: colours.axis,
            font: axisFont,
            grid: { show: false },
            ticks: { stroke: colours.grid },
            space: 48,
            incrs: [1, 2, 3, 5, 7, 14, 30, 61, 91, 182, 365],
            values: (_u, splits) => splits.map((i) => (Number.isInteger(i) && labels[i] ? labels[i].slice(5) : '')),
          },
          {
            stroke: colours.axis,
            font: axisFont,
            size: paper ? 40 : 52,
            grid: { stroke: colours.grid, width: 1 },
            ticks: { show: false },
            incrs: this.format === 'count' ? [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] : undefined,
            values: (_u, splits) => splits.map(yValue),
          },
        ],
        series: [
          {},
          ...this.series.map((s, i): uPlot.Series => ({
            label: s.label,
            stroke: paper ? s.printColor : s.color,
            width: 2.5,
            spanGaps: false,
            ...(s.kind === 'bars'
              ? {
                  fill: paper ? s.printColor : s.color,
                  paths: uPlot.paths.bars!({ size: [0.8 / this.series.filter((x) => x.kind === 'bars').length, 60], align: i === 0 ? -1 : 1 }),
                  points: { show: false },
                }
              : { points: { show: n <= 62, size: 7, fill: paper ? s.printColor : s.color } }),
          })),
        ],
      },
      [labels.map((_, i) => i), ...this.series.map((s) => s.values)],
      box,
    );
    box.dataset.drawn = paper ? 'print' : 'screen';
  }

  render() {
    return html`<figure>
      <figcaption><h3>${this.heading}</h3>
        <span class="legend">${this.series.map((s) => html`<span class="key"><i class=${s.kind} style="--c:${s.color};--pc:${s.printColor}"></i>${s.label}</span>`)}</span>
      </figcaption>
      <div class="plot" role="img" aria-label=${this.summary}></div>
    </figure>`;
  }

  static styles = css`
    :host { display: block; min-width: 0; }
    figure { margin: 0; }
    figcaption { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.4rem 1rem; margin-bottom: 0.4rem; }
    h3 { margin: 0; font-size: 1.1rem; font-weight: 700; }
    .legend { display: flex; gap: 0.9rem; color: var(--tw-muted, #a5b4cb); font-size: 0.95rem; }
    .key { display: inline-flex; align-items: center; gap: 0.35rem; }
    .key i { display: inline-block; background: var(--c); }
    .key i.bars { width: 0.8rem; height: 0.8rem; }
    .key i.line { width: 1.2rem; height: 0.22rem; border-radius: 1px; }
    .plot { position: relative; width: 100%; min-height: 150px; }
    /* uPlot's own layout rules (its stylesheet does not reach into this shadow root). */
    .uplot { width: min-content; line-height: 1.5; }
    .u-wrap { position: relative; user-select: none; }
    .u-over, .u-under { position: absolute; }
    .u-under { overflow: hidden; }
    .uplot canvas { display: block; position: relative; width: 100%; height: 100%; }
    .u-axis { position: absolute; }
    @media print {
      h3 { font-size: 11pt; }
      .legend { color: #374151; font-size: 9pt; }
      .key i { background: var(--pc); print-color-adjust: exact; -webkit-print-color-adjust: exact; }
    }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'report-trend-chart': ReportTrendChart;
  }
}
