import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../shared/domain/ids';
import { kioskText, type KioskKey } from '../../shared/i18n/kiosk';
import { translator } from '../../shared/i18n/translate';
import { WedgeScanDetector } from '../common/wedge-scanner';
import { backIcon, bellIcon, globeIcon, homeIcon } from '../common/customer-icons';
import { IdleController } from './idle-controller';
import type { KioskActionEvent } from './kiosk-actions';
import { STEPS, type Notice, type Screen } from './kiosk-flow';
import { KioskSession } from './kiosk-session';
import { kioskTheme } from './kiosk-theme';
import './screens/confirm-screen';
import './screens/details-screen';
import './screens/digits-screen';
import './screens/done-screen';
import './screens/plate-screen';
import './screens/rate-screen';
import './screens/scan-screen';
import './screens/services-screen';
import './screens/start-screen';

/** How long the call dialog stays up once answered (or when the call failed). */
const CALL_SHOWN_MS = 20_000;
/** How long it waits for an answer, saying that the advisor was told, before it closes. */
const CALL_WAIT_MS = 3 * 60_000;
const ANSWER_POLL_MS = 2500;

const STEP_LABEL: Partial<Record<Screen, KioskKey>> = {
  plate: 'step.plate',
  scan: 'step.plate',
  last4: 'step.digits',
  phone: 'step.digits',
  services: 'step.services',
  details: 'step.details',
  confirm: 'step.confirm',
  done: 'step.done',
  rate: 'step.rate',
  thanks: 'step.done',
};

/**
 * The self-service check-in kiosk (自助接待), `/kiosk`: a touch screen at the entrance, portrait
 * or landscape. The visit (flow and requests) is a KioskSession; this element renders it, keeps
 * the language, listens for a keyboard-wedge scanner, and returns to the start, wiping what was
 * typed, after the store's idle timeout. It shows no other customer's data at any point: every
 * lookup needs both the plate and the phone digits.
 *
 * To add a screen: a Screen in kiosk-flow.ts (and its place in STEPS), an element in screens/
 * extending KioskScreen, a case in #screen() below.
 */
@customElement('check-in-kiosk')
export class CheckInKiosk extends LitElement {
  @property({ attribute: 'store-id' }) storeId = '';
  @property({ attribute: 'kiosk-id' }) kioskId = 'kiosk-1';
  /** Set when the kiosk was paired (opened with ?key=): its lookups and calls count as this kiosk's. */
  @property({ attribute: 'kiosk-key' }) kioskKey = '';
  /** The store's language as the page was opened (the `lang` attribute); the switch changes `lang`. */
  @property({ attribute: 'lang' }) locale: Locale = 'zh-CN';
  /** Overrides the store's idle timeout (for trying the kiosk out). */
  @property({ attribute: 'idle-seconds', type: Number }) idleSecondsOverride = 0;

  /** The language the customer switched to; undefined = the store's. */
  @state() private chosenLang?: Locale;
  @state() private call?: Notice;

  #session = new KioskSession(this, { storeId: () => this.storeId, kioskId: () => this.kioskId, kioskKey: () => this.kioskKey, locale: () => this.#locale });
  #callTimer?: ReturnType<typeof setTimeout>;
  /** Asks every few seconds whether someone answered the call on the dispatch board. */
  #answerPoll?: ReturnType<typeof setInterval>;
  /** Who answered the call on screen (their surname and title), once someone has. */
  @state() private callAnswered?: { by?: { 'zh-CN': string; en: string } };
  #wedge = new WedgeScanDetector();
  #idle = new IdleController(this, {
    seconds: () => this.idleSecondsOverride || this.#session.setup?.idleSeconds || 60,
    active: () => this.#session.flow.screen !== 'start' || this.chosenLang !== undefined || !!this.call,
    onIdle: () => this.#reset(),
  });

  get #locale(): Locale {
    return this.chosenLang ?? (this.locale === 'en' ? 'en' : 'zh-CN');
  }

  get #t() {
    return translator(kioskText, this.#locale);
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('kiosk-action', this.#onAction);
    window.addEventListener('keydown', this.#onKey, { capture: true });
    ensurePrintPage();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('kiosk-action', this.#onAction);
    window.removeEventListener('keydown', this.#onKey, { capture: true });
    this.#closeCall();
  }

  /** Back to the start in the store's language with every field empty. */
  #reset(): void {
    this.#session.reset();
    this.chosenLang = undefined;
    this.#closeCall();
    // Anything typed into a text box with the device's own keyboard goes too.
    (this.shadowRoot?.activeElement as HTMLElement | null)?.blur?.();
  }

  // A keyboard-wedge scanner types the booking code quickly and presses Enter, on any screen.
  #onKey = (e: KeyboardEvent) => {
    const code = this.#wedge.feed({ key: e.key, at: e.timeStamp || Date.now(), ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey });
    if (code && this.#session.setup) void this.#session.run({ type: 'scanned', code });
  };

  #onAction = (e: KioskActionEvent) => {
    e.stopPropagation();
    if (e.detail.type === 'home') this.#reset();
    else void this.#session.run(e.detail);
  };

  async #callAdvisor(): Promise<void> {
    const { notice, call } = await this.#session.callAdvisor();
    this.#closeCall();
    this.call = notice;
    if (!call) return void (this.#callTimer = setTimeout(() => this.#closeCall(), CALL_SHOWN_MS));
    // Unanswered, the dialog says so honestly for as long as someone may still come; answered,
    // it says who is coming, then closes.
    this.#callTimer = setTimeout(() => this.#closeCall(), CALL_WAIT_MS);
    this.#answerPoll = setInterval(async () => {
      const answer = await this.#session.callAnswer(call);
      if (!answer || !this.call) return;
      clearInterval(this.#answerPoll);
      this.callAnswered = answer.by ? { by: answer.by } : {};
      clearTimeout(this.#callTimer);
      this.#callTimer = setTimeout(() => this.#closeCall(), CALL_SHOWN_MS);
    }, ANSWER_POLL_MS);
  }

  #closeCall(): void {
    clearTimeout(this.#callTimer);
    clearInterval(this.#answerPoll);
    this.call = undefined;
    this.callAnswered = undefined;
  }

  #callText(): string {
    const t = this.#t;
    const answered = this.callAnswered;
    if (!answered) return t(this.call!.key, this.call!.params);
    return answered.by ? t('call.coming', { name: answered.by[this.#locale] }) : t('call.comingAnyone');
  }

  render() {
    const t = this.#t;
    const { setup, flow } = this.#session;
    return html`
      <div class="kiosk" lang=${this.#locale} data-screen=${flow.screen}>
        <header>
          <div class="brand">
            <span class="store">${setup?.store.name[this.#locale] ?? ''}</span>
            <span class="title">${t('brand.title')}</span>
          </div>
          ${this.#steps()}
          <button class="lang" data-action="lang" @click=${() => (this.chosenLang = this.#locale === 'en' ? 'zh-CN' : 'en')}>
            ${globeIcon} ${t('lang.switch')}
          </button>
        </header>
        <main>${setup ? this.#screen() : html`<p class="loading">${this.#session.loadFailed ? t('loadFailed') : t('loading')}</p>`}</main>
        <footer>
          ${
            flow.screen !== 'start' && flow.screen !== 'done' && flow.screen !== 'thanks'
              ? html`<button class="nav" data-action="back" @click=${() => void this.#session.run({ type: 'back' })}>${backIcon} ${t('nav.back')}</button>`
              : nothing
          }
          ${
            flow.screen !== 'start' ? html`<button class="nav" data-action="home" @click=${() => this.#reset()}>${homeIcon} ${t('nav.home')}</button>` : nothing
          }
          <button class="call" data-action="call-advisor" @click=${() => void this.#callAdvisor()}>
            ${bellIcon} ${t('call.button')}
          </button>
        </footer>
        ${
          this.call
            ? html`<div class="overlay" role="alertdialog" aria-live="assertive">
            <div class="dialog" data-testid="call-notice">
              <div class="bell-big">${bellIcon}</div>
              <p data-answered=${this.callAnswered ? 'yes' : 'no'}>${this.#callText()}</p>
              <button class="primary" @click=${() => this.#closeCall()}>${t('call.ok')}</button>
            </div>
          </div>`
            : nothing
        }
        ${
          this.#idle.remaining !== undefined
            ? html`<div class="overlay idle" role="alertdialog">
            <div class="dialog" data-testid="idle-warning">
              <div class="count">${this.#idle.remaining}</div>
              <p>${t('idle.warning', { n: this.#idle.remaining })}</p>
              <button class="primary" @click=${() => this.#idle.touch()}>${t('idle.stay')}</button>
            </div>
          </div>`
            : nothing
        }
      </div>
    `;
  }

  #steps() {
    const { mode, screen } = this.#session.flow;
    if (!mode || screen === 'start') return html`<div class="steps"></div>`;
    const steps = STEPS[mode];
    const current = screen === 'scan' ? 'plate' : screen;
    const at = steps.indexOf(current === 'thanks' ? 'thanks' : current);
    return html`<ol class="steps" aria-label="progress">
      ${steps.map(
        (s, i) => html`<li class=${i < at ? 'past' : i === at ? 'now' : ''} aria-current=${i === at ? 'step' : 'false'}>
        <span class="n">${i < at ? '✓' : i + 1}</span><span class="l">${this.#t(STEP_LABEL[s]!)}</span></li>`,
      )}
    </ol>
    <div class="step-text">${this.#t('step.of', { n: at + 1, total: steps.length, label: this.#t(STEP_LABEL[steps[at]!]!) })}</div>`;
  }

  #screen() {
    const p = { flow: this.#session.flow, setup: this.#session.setup, locale: this.#locale };
    switch (p.flow.screen) {
      case 'start':
        return html`<start-screen .flow=${p.flow} .setup=${p.setup} locale=${p.locale}></start-screen>`;
      case 'plate':
        return html`<plate-screen .flow=${p.flow} .setup=${p.setup} locale=${p.locale}></plate-screen>`;
      case 'last4':
        return html`<digits-screen field="last4" .flow=${p.flow} .setup=${p.setup} locale=${p.locale}></digits-screen>`;
      case 'phone':
        return html`<digits-screen field="phone" .flow=${p.flow} .setup=${p.setup} locale=${p.locale}></digits-screen>`;
      case 'scan':
        return html`<scan-screen .flow=${p.flow} .setup=${p.setup} locale=${p.locale}></scan-screen>`;
      case 'services':
        return html`<services-screen .flow=${p.flow} .setup=${p.setup} locale=${p.locale}></services-screen>`;
      case 'details':
        return html`<details-screen .flow=${p.flow} .setup=${p.setup} locale=${p.locale}></details-screen>`;
      case 'confirm':
        return html`<confirm-screen .flow=${p.flow} .setup=${p.setup} locale=${p.locale}></confirm-screen>`;
      case 'done':
        return html`<done-screen .flow=${p.flow} .setup=${p.setup} locale=${p.locale}></done-screen>`;
      case 'rate':
      case 'thanks':
        return html`<rate-screen .flow=${p.flow} .setup=${p.setup} locale=${p.locale}></rate-screen>`;
    }
  }

  static styles = [
    kioskTheme,
    css`
    :host { position: fixed; inset: 0; font-size: clamp(15px, 2.15vmin, 44px); background: var(--k-bg); }
    /* A portrait kiosk has height to spare: everything a little larger, easier to hit. */
    @media (orientation: portrait) { :host { font-size: clamp(15px, 2.55vmin, 52px); } }
    .kiosk { height: 100%; display: grid; grid-template-rows: auto minmax(0, 1fr) auto; grid-template-columns: minmax(0, 1fr); }
    header {
      display: flex; align-items: center; gap: 1.2em; padding: 0.8em 1.6em; background: var(--k-surface);
      box-shadow: 0 0.1em 0.6em rgb(15 29 51 / 0.06); min-height: 4.6em;
    }
    .brand { display: grid; min-width: 0; flex: 0 1 auto; max-width: 40%; }
    .store { font-weight: 800; font-size: 1.05em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .title { color: var(--k-muted); font-size: 0.85em; }
    .steps { flex: 1; display: flex; justify-content: center; gap: 0.4em; margin: 0; padding: 0; list-style: none; min-width: 0; overflow: hidden; }
    .step-text { display: none; flex: 1; text-align: center; color: var(--k-primary); font-weight: 800; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    /* A portrait header has no room for six named steps: it says which step of how many. */
    @media (orientation: portrait) { .steps { display: none; } .step-text { display: block; } }
    .steps li { display: flex; align-items: center; gap: 0.35em; color: var(--k-faint); font-size: 0.85em; white-space: nowrap; }
    .steps li + li::before { content: ''; width: 1.4em; height: 0.1em; background: var(--k-line); margin-right: 0.3em; }
    .steps .n { width: 1.6em; height: 1.6em; border-radius: 50%; display: grid; place-items: center; border: 0.1em solid currentColor; font-weight: 700; font-size: 0.9em; }
    .steps .now { color: var(--k-primary); font-weight: 800; }
    .steps .now .n { background: var(--k-primary); color: #fff; border-color: var(--k-primary); }
    .steps .past { color: var(--k-ok); }
    button {
      font: inherit; color: inherit; cursor: pointer; border-radius: var(--k-radius); border: 0.09em solid var(--k-line);
      background: var(--k-surface); min-height: 3.2em; padding: 0.4em 1.2em; touch-action: manipulation; user-select: none;
    }
    .lang { margin-left: auto; font-weight: 700; white-space: nowrap; }
    main { padding: 1.6em 2.2em; overflow-y: auto; min-height: 0; }
    main > * { height: 100%; }
    .loading { display: grid; place-items: center; height: 100%; font-size: 1.3em; color: var(--k-muted); margin: 0; }
    footer { display: flex; gap: 0.8em; align-items: center; padding: 0.8em 1.6em 1.1em; background: var(--k-surface); border-top: 0.06em solid var(--k-line); }
    .nav { min-width: 7em; font-weight: 600; }
    .call {
      margin-left: auto; background: var(--k-call); color: #fff; border-color: var(--k-call); font-weight: 800; font-size: 1.1em;
      padding: 0.4em 1.5em; min-height: 3.3em; box-shadow: 0 0.25em 0.8em rgb(194 65 12 / 0.3);
    }
    .overlay { position: absolute; inset: 0; background: rgb(15 29 51 / 0.45); display: grid; place-items: center; z-index: 10; }
    .dialog { background: #fff; border-radius: 1.2em; padding: 2em 2.4em; max-width: 30em; text-align: center; display: grid; gap: 1em; box-shadow: 0 1em 3em rgb(0 0 0 / 0.25); }
    .dialog p { margin: 0; font-size: 1.25em; font-weight: 700; line-height: 1.5; }
    .bell-big { font-size: 3em; color: var(--k-call); line-height: 1; }
    .count { font-size: 3.4em; font-weight: 900; color: var(--k-primary); }
    .dialog .primary { background: var(--k-primary); color: #fff; border-color: var(--k-primary); font-weight: 800; font-size: 1.1em; }
    @media print {
      :host { position: static; background: #fff; font-size: 12pt; }
      .kiosk { display: block; }
      header, footer, .overlay { display: none; }
      main { padding: 0; overflow: visible; }
    }
  `,
  ];
}

/** The receipt printer's paper: 80 mm wide, as long as the ticket. `@page` only works in the document. */
function ensurePrintPage(): void {
  if (document.getElementById('kiosk-print-page')) return;
  const style = document.createElement('style');
  style.id = 'kiosk-print-page';
  style.textContent = '@page { size: 80mm auto; margin: 0; } @media print { html, body { background: #fff !important; height: auto; } }';
  document.head.append(style);
}

declare global {
  interface HTMLElementTagNameMap {
    'check-in-kiosk': CheckInKiosk;
  }
}
