import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { icon } from './icons';

type Detector = (video: HTMLVideoElement, canvas: HTMLCanvasElement) => Promise<string | undefined>;

interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
declare global {
  var BarcodeDetector: { new (options: { formats: string[] }): BarcodeDetectorLike; getSupportedFormats(): Promise<string[]> } | undefined;
}

/** What the camera found: the raw text of a QR code. */
export class CodeEvent extends CustomEvent<{ text: string }> {
  constructor(text: string) {
    super('code', { detail: { text }, bubbles: true, composed: true });
  }
}

/**
 * Continuous in-page scanning: the rear camera, read a few times a second by the browser's
 * BarcodeDetector where it exists, otherwise by jsQR (loaded on demand). Keeps scanning after
 * each code, so many job cards can be scanned in a row; the same code is reported once until
 * another one (or nothing) has been seen.
 */
@customElement('camera-scanner')
export class CameraScanner extends LitElement {
  @property() hint = '';
  @property({ attribute: 'close-label' }) closeLabel = 'Close';
  @property({ attribute: 'error-insecure' }) errorInsecure = '';
  @property({ attribute: 'error-denied' }) errorDenied = '';
  @property({ attribute: 'error-unavailable' }) errorUnavailable = '';
  @state() private error?: string;

  #stream?: MediaStream;
  #timer?: ReturnType<typeof setTimeout>;
  #last?: string;
  #stopped = false;

  connectedCallback(): void {
    super.connectedCallback();
    this.#stopped = false;
    void this.#start();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopped = true;
    clearTimeout(this.#timer);
    for (const track of this.#stream?.getTracks() ?? []) track.stop();
    this.#stream = undefined;
  }

  async #start(): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) {
      this.error = globalThis.isSecureContext === false ? this.errorInsecure : this.errorUnavailable;
      return;
    }
    try {
      this.#stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
    } catch (err) {
      this.error = (err as DOMException)?.name === 'NotAllowedError' ? this.errorDenied : this.errorUnavailable;
      return;
    }
    if (this.#stopped) return this.disconnectedCallback();
    await this.updateComplete;
    const video = this.renderRoot.querySelector('video')!;
    video.srcObject = this.#stream;
    await video.play().catch(() => undefined);
    const detect = await detector();
    const canvas = document.createElement('canvas');
    const tick = async () => {
      if (this.#stopped) return;
      const text = video.readyState >= 2 ? await detect(video, canvas).catch(() => undefined) : undefined;
      if (text && text !== this.#last) this.dispatchEvent(new CodeEvent(text));
      if (text || video.readyState >= 2) this.#last = text;
      this.#timer = setTimeout(tick, 180);
    };
    void tick();
  }

  render() {
    return html`
      <div class="frame">
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<video muted playsinline></video><div class="aim" aria-hidden="true"></div>`}
        <p class="hint">${this.hint}</p>
        <button class="close" @click=${() => this.dispatchEvent(new Event('close', { bubbles: true, composed: true }))}>${icon('x')} ${this.closeLabel}</button>
      </div>
    `;
  }

  static styles = css`
    :host { position: fixed; inset: 0; z-index: 50; background: #000; display: block; }
    .frame { position: absolute; inset: 0; display: grid; grid-template-rows: 1fr auto auto; }
    video { width: 100%; height: 100%; object-fit: cover; grid-row: 1; grid-column: 1; }
    .aim { grid-row: 1; grid-column: 1; place-self: center; width: 68vmin; height: 68vmin; border: 6px solid #facc15; border-radius: 18px; box-shadow: 0 0 0 100vmax rgba(0,0,0,.35); }
    .hint { color: #fff; text-align: center; font-size: 20px; margin: 12px; }
    .error { grid-row: 1; color: #fff; font-size: 22px; line-height: 1.5; padding: 28px; align-self: center; }
    .i { width: 1em; height: 1em; vertical-align: -0.14em; }
    .close { margin: 0 16px 24px; min-height: 76px; font: inherit; font-size: 24px; font-weight: 800; border: 0; border-radius: 16px; background: #f8fafc; color: #0f172a; }
  `;
}

/** The best decoder this browser has. */
async function detector(): Promise<Detector> {
  const Native = globalThis.BarcodeDetector;
  if (Native && (await Native.getSupportedFormats().catch((): string[] => [])).includes('qr_code')) {
    const native = new Native({ formats: ['qr_code'] });
    return async (video) => (await native.detect(video))[0]?.rawValue;
  }
  // A variable path keeps esbuild from bundling jsQR into the page; it is its own bundle.
  const url = '/assets/scan-decoder.js';
  const { decode } = (await import(/* @vite-ignore */ url)) as { decode: (image: ImageData) => string | undefined };
  return async (video, canvas) => {
    const scale = Math.min(1, 720 / Math.max(video.videoWidth, video.videoHeight));
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    return decode(ctx.getImageData(0, 0, canvas.width, canvas.height));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'camera-scanner': CameraScanner;
  }
}
