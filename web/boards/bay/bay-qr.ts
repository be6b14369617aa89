import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import QRCode from 'qrcode';

/**
 * The bay's QR code, drawn as SVG in the browser (black on white with a quiet zone, error
 * correction M) so phones read it off a screen from a metre or two away.
 */
@customElement('bay-qr')
export class BayQr extends LitElement {
  @property() url = '';
  @property() caption = '';

  @state() private svg?: string;
  #drawn?: string;

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('url') && this.url && this.url !== this.#drawn) {
      const url = (this.#drawn = this.url);
      QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 3, color: { dark: '#000000', light: '#ffffff' } })
        .then((svg) => {
          if (this.#drawn === url) this.svg = svg;
        })
        .catch((err) => console.error('[bay-qr] could not draw the QR code', err));
    }
  }

  render() {
    return html`
      <figure>
        ${this.svg ? html`<img class="code" alt=${this.url} src=${`data:image/svg+xml;charset=utf-8,${encodeURIComponent(this.svg)}`}>` : html`<div class="code"></div>`}
        ${this.caption ? html`<figcaption>${this.caption}</figcaption>` : nothing}
      </figure>
    `;
  }

  static styles = css`
    :host { display: block; }
    figure { margin: 0; display: grid; justify-items: center; gap: 0.5em; }
    .code { display: block; width: 100%; aspect-ratio: 1; background: #fff; border-radius: 0.4em; image-rendering: pixelated; }
    figcaption { font-size: 0.9em; color: var(--tw-muted, #a5b4cb); text-align: center; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'bay-qr': BayQr;
  }
}
