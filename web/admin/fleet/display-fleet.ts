import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { Store } from '../../../shared/domain/shop';
import { fleet } from '../../../shared/i18n/fleet';
import { formatTime, translator } from '../../../shared/i18n/translate';
import type { StaffView } from '../../../shared/projections/views';
import type { Me } from '../../common/actions';
import { boardBits, boardTheme } from '../../common/board-theme';
import { LiveConnection } from '../../live/live-connection';
import { listDisplays, signedIn, type DisplayRow } from './fleet-api';
import './fleet-pair-form';
import './fleet-table';
import type { FleetNoticeEvent } from './fleet-table';

const REFRESH_MS = 4000;

/**
 * The display fleet admin page, `/admin/displays`: pair a new screen by the code it shows, and
 * watch every paired screen (online, last seen, version, page) with Reload and Unpair. Needs a
 * signed-in admin. The store's bays come from the dispatch view the admin may read anyway, read
 * once through the same live link the boards use.
 */
@customElement('display-fleet')
export class DisplayFleet extends LitElement {
  @property({ attribute: 'store-id' }) storeId = '';
  @property({ attribute: 'lang' }) locale: Locale = 'zh-CN';

  @state() private auth: 'checking' | 'signed-out' | 'not-admin' | 'unreachable' | 'ok' = 'checking';
  @state() private me?: Me;
  @state() private store?: Store;
  @state() private storeError?: string;
  @state() private rows?: DisplayRow[];
  @state() private listError?: string;
  @state() private updatedAt?: number;
  @state() private notice?: { kind: 'ok' | 'bad'; text: string };

  #timer?: ReturnType<typeof setInterval>;
  #storeLink?: LiveConnection<StaffView>;
  #serverVersion = document.querySelector('meta[name="tw-version"]')?.getAttribute('content') ?? '';

  connectedCallback(): void {
    super.connectedCallback();
    void this.#checkAuth();
    this.addEventListener('display-paired', this.#refresh);
    this.addEventListener('fleet-notice', this.#onNotice as EventListener);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#storeLink?.stop();
    this.removeEventListener('display-paired', this.#refresh);
    this.removeEventListener('fleet-notice', this.#onNotice as EventListener);
  }

  get #lang(): Locale {
    return this.locale === 'en' ? 'en' : 'zh-CN';
  }

  async #checkAuth(): Promise<void> {
    const who = await signedIn();
    if (!this.isConnected) return;
    if (who.state !== 'ok') {
      this.auth = who.state;
      // A server that is restarting comes back; a signed-out browser needs a person.
      if (who.state === 'unreachable') setTimeout(() => void this.#checkAuth(), REFRESH_MS);
      return;
    }
    this.me = who.me;
    if (!who.me.roles?.includes('admin')) {
      this.auth = 'not-admin';
      return;
    }
    this.auth = 'ok';
    this.#loadStore();
    void this.#refresh();
    this.#timer ??= setInterval(() => void this.#refresh(), REFRESH_MS);
  }

  #loadStore(): void {
    const link = new LiveConnection<StaffView>({ audience: { kind: 'dispatch', storeId: this.storeId } });
    this.#storeLink = link;
    const done = link.subscribe(() => {
      if (link.view) this.store = link.view.header.store;
      else if (link.status.state === 'refused') this.storeError = link.status.error?.message ?? link.status.error?.code;
      else return;
      done();
      link.stop();
    });
    link.start();
  }

  #refresh = async (): Promise<void> => {
    const result = await listDisplays(this.storeId);
    if (result.ok) {
      this.rows = result.data;
      this.listError = undefined;
      this.updatedAt = Date.now();
    } else {
      this.listError = result.error.message;
    }
  };

  #onNotice = (e: FleetNoticeEvent) => {
    this.notice = { kind: e.kind, text: e.text };
    void this.#refresh();
  };

  #gate() {
    const t = translator(fleet, this.#lang);
    if (this.auth === 'checking') return html`<div class="gate">${t('loading')}</div>`;
    if (this.auth === 'unreachable') return html`<div class="gate bad">${t('auth.unreachable')}</div>`;
    if (this.auth === 'not-admin') return html`<div class="gate bad"><p>${t('auth.notAdmin', { name: this.me?.name ?? this.me?.id ?? '' })}</p></div>`;
    return html`<div class="gate bad" role="alert">
      <p class="big"><span class="lock" aria-hidden="true"></span>${t('auth.signedOut')}</p>
      <p>${t('auth.signedOutHint')}</p>
      <code>http://&lt;server&gt;/auth/one-time/&lt;token&gt;?next=/admin/displays</code>
    </div>`;
  }

  #page() {
    const t = translator(fleet, this.#lang);
    const tz = this.store?.timezone ?? 'Asia/Shanghai';
    const rows = this.rows ?? [];
    return html`
      <main>
        <section class="card form">
          ${this.storeError ? html`<div class="message bad" role="alert">${t('store.failed', { reason: this.storeError })}</div>` : nothing}
          <fleet-pair-form store-id=${this.storeId} .bays=${this.store?.bays ?? []} locale=${this.#lang}></fleet-pair-form>
        </section>
        <section class="card list">
          <div class="list-head">
            <h2>${t('list.title')}</h2>
            ${this.rows ? html`<span class="summary">${t('list.summary', { total: rows.length, online: rows.filter((r) => r.online).length })}</span>` : nothing}
            ${this.updatedAt ? html`<span class="updated num">${t('list.updated', { time: formatTime(this.updatedAt, tz, this.#lang) })}</span>` : nothing}
          </div>
          ${
            this.notice
              ? html`<div class="message ${this.notice.kind}" role="status">${this.notice.text}
            <button class="close" aria-label="×" @click=${() => (this.notice = undefined)}>×</button></div>`
              : nothing
          }
          ${this.listError ? html`<div class="message bad" role="alert">${t('list.failed', { reason: this.listError })}</div>` : nothing}
          ${
            this.rows
              ? html`<fleet-table store-id=${this.storeId} .displays=${rows} .bays=${this.store?.bays ?? []} locale=${this.#lang}
                time-zone=${tz} server-version=${this.#serverVersion} now=${this.updatedAt ?? Date.now()}></fleet-table>`
              : html`<div class="gate">${t('loading')}</div>`
          }
        </section>
      </main>`;
  }

  render() {
    const t = translator(fleet, this.#lang);
    const storeName = this.store?.name[this.#lang];
    return html`
      <header>
        <span class="mark" aria-hidden="true"></span>
        <h1>${t('title')}</h1>
        ${storeName ? html`<span class="store">${storeName}</span>` : nothing}
        ${this.auth === 'ok' && this.me?.name ? html`<span class="me">${t('signedInAs', { name: this.me.name })}</span>` : nothing}
      </header>
      ${this.auth === 'ok' ? this.#page() : this.#gate()}`;
  }

  static styles = [
    boardTheme,
    boardBits,
    css`
    :host { display: block; min-height: 100vh; font-size: clamp(14px, 0.9vw, 22px); }
    header { display: flex; align-items: center; gap: 1em; padding: 1.1em 2em; border-bottom: 0.08em solid var(--tw-line); background: #0e1729; }
    .mark { width: 1.4em; height: 1.4em; border-radius: 0.3em; background: linear-gradient(135deg, #38bdf8, #0ea5e9 50%, #d8b46a 50%); }
    h1 { margin: 0; font-size: 1.5em; letter-spacing: 0.06em; }
    .store { color: var(--tw-muted); }
    .me { margin-left: auto; color: var(--tw-info); font-size: 0.9em; }
    main { display: grid; grid-template-columns: minmax(20em, 27em) minmax(0, 1fr); gap: 1.5em; padding: 1.5em 2em; align-items: start; }
    .card { background: var(--tw-panel); border: 0.08em solid var(--tw-line); border-radius: 0.8em; padding: 1.4em; }
    .list { display: grid; gap: 1em; }
    .list-head { display: flex; align-items: baseline; gap: 1em; }
    h2 { margin: 0; font-size: 1.3em; }
    .summary { color: var(--tw-muted); }
    .updated { margin-left: auto; color: var(--tw-faint); font-size: 0.85em; }
    .message { padding: 0.7em 0.9em; border-radius: 0.45em; display: flex; align-items: center; gap: 1em; }
    .message.ok { background: #052e16; border: 0.1em solid var(--tw-ok); color: #bbf7d0; }
    .message.bad { background: #450a0a; border: 0.1em solid var(--tw-over); color: #fecaca; }
    .form .message { margin-bottom: 1em; }
    .close { margin-left: auto; background: transparent; border: 0; font-size: 1.2em; padding: 0 0.3em; }
    .gate { margin: 12vh auto; max-width: 44em; padding: 2em; text-align: center; color: var(--tw-muted); font-size: 1.1em; line-height: 1.6; }
    .gate.bad { background: var(--tw-panel); border: 0.1em solid var(--tw-over); border-radius: 0.8em; color: var(--tw-text); }
    .gate .big { font-size: 1.5em; font-weight: 800; margin: 0 0 0.4em; }
    .lock { display: inline-block; width: 0.7em; height: 0.55em; margin-right: 0.5em; border-radius: 0.1em; background: var(--tw-over);
      position: relative; vertical-align: 0; }
    .lock::before { content: ''; position: absolute; left: 0.12em; right: 0.12em; bottom: 100%; height: 0.3em;
      border: 0.09em solid var(--tw-over); border-bottom: 0; border-radius: 0.3em 0.3em 0 0; }
    .gate code { display: inline-block; margin-top: 0.5em; padding: 0.4em 0.7em; border-radius: 0.4em; background: #0b1427; color: #fde68a; font-family: var(--tw-mono); font-size: 0.9em; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'display-fleet': DisplayFleet;
  }
}
