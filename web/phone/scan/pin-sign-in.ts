import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ScanMe, SignInPerson } from '../../../shared/projections/scan-view';
import { icon } from '../../common/icons';
import { signInWithPin } from './scan-api';
import { scanStyles } from './scan-styles';
import type { ScanText } from './scan-text';

/**
 * Sign-in without a badge: tap your name, type your PIN on a keypad with keys big enough for
 * gloves. The server counts wrong PINs; this shows what it says (tries left, wait, locked).
 */
@customElement('pin-sign-in')
export class PinSignIn extends LitElement {
  @property({ attribute: false }) people: SignInPerson[] = [];
  @property({ attribute: 'store-id' }) storeId = '';
  @property({ attribute: false }) text!: ScanText;

  @state() private person?: SignInPerson;
  @state() private pin = '';
  @state() private message?: { kind: 'bad' | 'locked'; text: string };
  /** Seconds left before the next try is heard, while slowed down. */
  @state() private waitSeconds = 0;
  @state() private busy = false;
  @state() private waitUntil = 0;
  #tick?: ReturnType<typeof setInterval>;

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#tick);
  }

  #choose(person?: SignInPerson) {
    this.person = person;
    this.pin = '';
    this.message = undefined;
  }

  #key(k: string) {
    if (this.busy || this.#waiting) return;
    if (k === 'del') this.pin = this.pin.slice(0, -1);
    else if (this.pin.length < 6) this.pin += k;
  }

  get #waiting() {
    return this.waitUntil > Date.now();
  }

  async #submit() {
    if (!this.person || this.pin.length < 4 || this.busy || this.#waiting) return;
    const { t, time } = this.text;
    this.busy = true;
    const answer = await signInWithPin(this.storeId, this.person.id, this.pin);
    this.busy = false;
    this.pin = '';
    if (answer.ok) {
      this.dispatchEvent(new CustomEvent<ScanMe>('signed-in', { detail: answer.data, bubbles: true, composed: true }));
      return;
    }
    const d = (answer.error.details ?? {}) as { attemptsLeft?: number; retryAt?: string; lockedUntil?: string };
    switch (answer.error.code) {
      case 'pin_wrong':
        this.message = { kind: 'bad', text: `${t('signIn.wrong')} · ${t('signIn.attemptsLeft', { n: d.attemptsLeft ?? 0 })}` };
        if (d.retryAt) this.#waitFor(Date.parse(d.retryAt));
        break;
      case 'pin_slow_down':
        this.#waitFor(Date.parse(d.retryAt ?? ''));
        break;
      case 'pin_locked':
        this.message = { kind: 'locked', text: t('signIn.locked', { time: d.lockedUntil ? time(d.lockedUntil) : '—' }) };
        break;
      case 'no_pin':
        this.message = { kind: 'locked', text: t('signIn.noPinSet') };
        break;
      case 'offline':
        this.message = { kind: 'bad', text: t('signIn.needOnline') };
        break;
      default:
        this.message = { kind: 'bad', text: answer.error.message };
    }
  }

  #waitFor(until: number) {
    if (!Number.isFinite(until)) return;
    this.waitUntil = until;
    clearInterval(this.#tick);
    const show = () => {
      this.waitSeconds = Math.max(0, Math.ceil((this.waitUntil - Date.now()) / 1000));
      if (this.waitSeconds > 0) return;
      clearInterval(this.#tick);
      this.waitUntil = 0;
    };
    show();
    this.#tick = setInterval(show, 250);
  }

  render() {
    const { t } = this.text;
    if (!this.person) {
      return html`
        <p class="muted lead">${t('signIn.orPin')}</p>
        <div class="people">
          ${this.people.map(
            (p) => html`<button class="person" data-person=${p.id} @click=${() => this.#choose(p)}>
            <span class="name">${p.name}</span>${p.hasPin ? nothing : html`<small>${t('signIn.noPin')}</small>`}</button>`,
          )}
        </div>`;
    }
    const locked = this.message?.kind === 'locked';
    return html`
      <div class="pad-head">
        <button class="back" @click=${() => this.#choose(undefined)}>${icon('back')} ${t('signIn.back')}</button>
        <h2>${t('signIn.pinFor', { name: this.person.name })}</h2>
      </div>
      <div class="dots" aria-label="PIN">${[0, 1, 2, 3, 4, 5].map((i) => html`<span class=${i < this.pin.length ? 'on' : i >= 4 ? 'opt' : ''}></span>`)}</div>
      ${this.message ? html`<p class="msg ${this.message.kind}" role="alert">${icon(this.message.kind === 'locked' ? 'lock' : 'x')} ${this.message.text}</p>` : nothing}
      ${this.waitSeconds > 0 && !locked ? html`<p class="msg wait" role="status">${icon('hourglass')} ${t('signIn.wait', { s: this.waitSeconds })}</p>` : nothing}
      <div class="keys">
        ${['1', '2', '3', '4', '5', '6', '7', '8', '9', 'del', '0'].map((k) => html`<button class="key" data-key=${k} aria-label=${k === 'del' ? 'delete' : k} ?disabled=${locked || this.busy || this.#waiting} @click=${() => this.#key(k)}>${k === 'del' ? icon('back') : k}</button>`)}
        <button class="key ok" data-key="ok" ?disabled=${locked || this.busy || this.#waiting || this.pin.length < 4} @click=${() => this.#submit()}>${icon('check')}</button>
      </div>
    `;
  }

  static styles = [
    scanStyles,
    css`
    .lead { margin: 4px 0 12px; }
    .people { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
    .person { min-height: 76px; border-radius: 16px; border: 3px solid #475569; background: #1e293b; color: #fff; font-size: 26px; font-weight: 800; display: grid; place-items: center; padding: 8px; }
    .person small { font-size: 16px; font-weight: 600; color: #94a3b8; }
    .pad-head { display: grid; gap: 8px; }
    .back { justify-self: start; min-height: 56px; padding: 0 18px; border-radius: 14px; border: 3px solid #475569; background: transparent; color: #e2e8f0; font-size: 22px; font-weight: 700; }
    .dots { display: flex; gap: 14px; justify-content: center; margin: 16px 0; }
    .dots span { width: 24px; height: 24px; border-radius: 50%; border: 3px solid #cbd5e1; }
    .dots span.opt { border-style: dashed; border-color: #64748b; }
    .dots span.on { background: #facc15; border-color: #facc15; }
    .msg { font-size: 22px; font-weight: 800; padding: 12px 14px; border-radius: 14px; margin: 0 0 12px; }
    .msg.bad { background: #450a0a; border: 3px solid #ef4444; }
    .msg.wait { background: #422006; border: 3px solid #f59e0b; }
    .msg.locked { background: #450a0a; border: 3px solid #ef4444; }
    .keys { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }
    .key { min-height: 80px; border-radius: 18px; border: 0; background: #334155; color: #fff; font-size: 34px; font-weight: 800; }
    .key.ok { background: #15803d; }
    .key[disabled] { opacity: .4; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'pin-sign-in': PinSignIn;
  }
}
