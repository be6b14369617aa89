import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { PUSH_BUTTON_TEXT } from '../../../shared/i18n/notify';

/** A bell drawn here: phones and kiosks without an emoji font would show a box for 🔔. */
const bell = html`<svg class="bell" viewBox="0 0 24 24" aria-hidden="true">${svg`<path d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm-2.4 16a2.5 2.5 0 0 0 4.8 0Z" fill="currentColor"/>`}</svg>`;

/** How long subscribe may take before the button says it did not work. */
const SUBSCRIBE_PATIENCE_MS = 20_000;

type PushState = 'hidden' | 'unsupported' | 'offer' | 'busy' | 'on' | 'denied' | 'failed';

/** The VAPID key as the bytes PushManager.subscribe wants. */
const keyBytes = (base64url: string): Uint8Array => {
  const raw = atob(base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
};

/**
 * "Turn on notifications" on the tracking page: registers the push service worker (/push-sw.js,
 * scope /t/), subscribes with the server's VAPID key and hands the subscription to the server
 * for this car only (POST /api/track/<token>/push). The customer's tap is the consent; "turn off"
 * unsubscribes in the browser and on the server. Shows nothing when the store has no Web Push.
 */
@customElement('push-control')
export class PushControl extends LitElement {
  @property() token = '';
  @property() locale: Locale = 'zh-CN';

  @state() private state: PushState = 'hidden';
  #publicKey = '';

  connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  get #api() {
    return `/api/track/${encodeURIComponent(this.token)}/push`;
  }

  async #load(): Promise<void> {
    try {
      const res = await fetch(this.#api, { credentials: 'omit', headers: { Accept: 'application/json' } });
      if (!res.ok) return;
      const { data } = (await res.json()) as { data: { enabled: boolean; publicKey: string | null } };
      if (!data.enabled || !data.publicKey) return;
      this.#publicKey = data.publicKey;
      if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
        this.state = 'unsupported';
        return;
      }
      if (Notification.permission === 'denied') {
        this.state = 'denied';
        return;
      }
      const registration = await navigator.serviceWorker.getRegistration('/t/');
      this.state = (await registration?.pushManager.getSubscription()) ? 'on' : 'offer';
    } catch {
      // Offline or no push: the page works without it.
    }
  }

  async #turnOn(): Promise<void> {
    this.state = 'busy';
    try {
      if ((await Notification.requestPermission()) !== 'granted') {
        this.state = 'denied';
        return;
      }
      const registration = await navigator.serviceWorker.register('/push-sw.js', { scope: '/t/' });
      // A browser without a reachable push service may never answer subscribe: give up after a while.
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await Promise.race([
          registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(this.#publicKey) as BufferSource }),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer from the push service')), SUBSCRIBE_PATIENCE_MS)),
        ]));
      const res = await fetch(this.#api, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ subscription: subscription.toJSON(), locale: this.locale }),
      });
      this.state = res.ok ? 'on' : 'failed';
    } catch {
      this.state = 'failed';
    }
  }

  async #turnOff(): Promise<void> {
    this.state = 'busy';
    try {
      const subscription = await (await navigator.serviceWorker.getRegistration('/t/'))?.pushManager.getSubscription();
      if (subscription) {
        await fetch(this.#api, {
          method: 'DELETE',
          credentials: 'omit',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ endpoint: subscription.endpoint }),
        });
        await subscription.unsubscribe();
      }
      this.state = 'offer';
    } catch {
      this.state = 'failed';
    }
  }

  // The tracking page's card around this hides itself until there is something to show (`shown`).
  updated(): void {
    this.toggleAttribute('shown', this.state !== 'hidden');
  }

  render() {
    if (this.state === 'hidden') return nothing;
    const t = PUSH_BUTTON_TEXT[this.locale === 'en' ? 'en' : 'zh-CN'];
    if (this.state === 'unsupported') return html`<p class="muted" data-state="unsupported">${t.unsupported}</p>`;
    if (this.state === 'on')
      return html`<div class="row" data-state="on"><span class="on">${bell} ${t.on}</span><button class="quiet" @click=${() => void this.#turnOff()}>${t.off}</button></div>`;
    return html`<div class="offer" data-state=${this.state}>
      <button class="primary" ?disabled=${this.state === 'busy' || this.state === 'denied'} @click=${() => void this.#turnOn()}>
        ${bell} ${this.state === 'busy' ? t.busy : t.offer}</button>
      <p class="muted" role=${this.state === 'denied' || this.state === 'failed' ? 'alert' : nothing}>
        ${this.state === 'denied' ? t.denied : this.state === 'failed' ? t.failed : t.lead}</p>
    </div>`;
  }

  static styles = css`
    :host { display: block; }
    .offer { display: grid; gap: 0.5em; }
    .row { display: flex; align-items: center; justify-content: space-between; gap: 1em; }
    .on { font-weight: 700; color: #15803d; }
    button { font: inherit; font-weight: 700; border-radius: 2em; padding: 0.75em 1.2em; min-height: 2.75em; cursor: pointer; }
    .primary { background: #1d4ed8; color: #fff; border: 0; }
    .primary[disabled] { background: #94a3b8; cursor: default; }
    .quiet { background: #fff; color: inherit; border: 0.08em solid #d9e1ec; }
    .bell { width: 1.15em; height: 1.15em; vertical-align: -0.2em; }
    .muted { margin: 0; color: #55657d; font-size: 0.9em; line-height: 1.5; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'push-control': PushControl;
  }
}
