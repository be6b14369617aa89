import { css, html, nothing, svg } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CodeEvent } from '../../common/camera-scanner';
import '../../common/camera-scanner';
import { kioskBits } from '../kiosk-theme';
import { KioskScreen } from './kiosk-screen';

const phoneWithQr = svg`<rect x="22" y="6" width="56" height="96" rx="9" fill="#fff" stroke="currentColor" stroke-width="4"/>
  <path d="M34 30h14v14H34zM54 30h12v12H54zM34 50h14v14H34z" fill="currentColor"/><path d="M54 50h6v6h-6zM60 58h6v6h-6z" fill="currentColor"/>
  <path d="M50 92h0" stroke="currentColor" stroke-width="5" stroke-linecap="round"/>
  <path d="M8 118h84" stroke="#c2410c" stroke-width="5" stroke-dasharray="8 6"/>`;

/**
 * Waiting for the booking QR code: a keyboard-wedge scanner types it (the kiosk element listens
 * for that everywhere), and where the device has a camera and the browser can read codes, the
 * customer can hold the phone up to the camera instead.
 */
@customElement('scan-screen')
export class ScanScreen extends KioskScreen {
  @state() private camera = false;

  render() {
    const { t, flow } = this;
    return html`
      ${
        this.camera
          ? html`<camera-scanner hint=${t('scan.cameraHint')} close-label=${t('scan.cameraClose')}
          error-insecure=${t('scan.cameraInsecure')} error-denied=${t('scan.cameraDenied')} error-unavailable=${t('scan.cameraUnavailable')}
          @code=${(e: CodeEvent) => {
            this.camera = false;
            this.act({ type: 'scanned', code: e.detail.text });
          }}
          @close=${() => (this.camera = false)}></camera-scanner>`
          : nothing
      }
      <div class="layout">
        <svg class="art" viewBox="0 0 100 124" aria-hidden="true">${phoneWithQr}</svg>
        <div>
          <h1>${t('scan.title')}</h1>
          <p class="lead">${t('scan.hint')}</p>
          ${flow.busy ? html`<p class="reading" role="status">${t('scan.reading')}</p>` : nothing}
          ${flow.error ? html`<p class="error" role="alert" data-testid="screen-error">${this.say(flow.error)}</p>` : nothing}
          <div class="actions">
            ${
              typeof navigator.mediaDevices?.getUserMedia === 'function'
                ? html`<button class="camera" data-action="camera" @click=${() => (this.camera = true)}>${t('scan.camera')}</button>`
                : nothing
            }
            <button data-action="plate" @click=${() => this.act({ type: 'back' })}>${t('scan.insteadPlate')}</button>
          </div>
        </div>
      </div>
    `;
  }

  static styles = [
    kioskBits,
    css`
    :host { max-width: 52em; margin: 0 auto; width: 100%; height: 100%; display: grid; align-content: center; }
    .layout { display: grid; gap: 2em; justify-items: center; text-align: center; }
    .art { width: 11em; color: var(--k-ink); animation: bob 2.4s ease-in-out infinite; }
    .reading { font-weight: 700; color: var(--k-primary); }
    .camera { color: var(--k-primary); font-weight: 700; border-color: var(--k-primary); }
    @keyframes bob { 50% { transform: translateY(0.4em); } }
    @media (orientation: landscape) {
      .layout { grid-template-columns: auto 1fr; text-align: left; justify-items: start; align-items: center; }
    }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'scan-screen': ScanScreen;
  }
}
