import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { PartsWaitLine, TrackingRo, TrackingView } from '../../../shared/projections/views';
import { trackingText, type TrackingKey } from '../../../shared/i18n/tracking';
import { translator } from '../../../shared/i18n/translate';
import '../../common/connection-badge';
import { LiveController } from '../../live/live-controller';
import '../../common/survey-form';
import './add-on-approval';
import type { SurveySubmitEvent } from '../../common/survey-form';
import { globeIcon } from '../../common/customer-icons';
import './car-status';
import './car-story';
import './push-control';
import { carOf } from './tracking-model';

/**
 * The customer's own page for one car, `/t/<token>`, on their phone. Live through the one
 * live-data path (LiveController, audience `{kind: 'tracking', token}`): the server sends this
 * page that car and nothing else, with plate and name masked. After delivery it offers the
 * 1–5 survey, answered once.
 *
 * Lives in web/phone/ beside the scan page: a page on a phone. It shares the survey form and
 * icons with the kiosk (web/common) and the live link with the boards (web/live).
 */
@customElement('tracking-page')
export class TrackingPage extends LitElement {
  @property() token = '';
  /** The page's language as opened (`lang` attribute); the switch changes it for this visit. */
  @property({ attribute: 'lang' }) locale: Locale = 'zh-CN';

  @state() private chosenLang?: Locale;
  @state() private sending = false;
  @state() private surveyNote?: TrackingKey;
  @state() private waits: readonly PartsWaitLine[] = [];

  /** The jobs' states when the waits were last read: a pause or resume reads them again. */
  #waitsFor = '';

  #live?: LiveController<TrackingView>;

  connectedCallback(): void {
    this.#live ??= new LiveController<TrackingView>(this, { audience: { kind: 'tracking', token: this.token } });
    super.connectedCallback();
  }

  get #lang(): Locale {
    return this.chosenLang ?? (this.locale === 'en' ? 'en' : 'zh-CN');
  }

  protected updated(): void {
    const ro = carOf(this.#live?.view);
    const key = ro ? ro.operations.map((o) => `${o.status}:${o.pause?.reason ?? ''}`).join(',') : '';
    if (!ro || key === this.#waitsFor) return;
    this.#waitsFor = key;
    void this.#readWaits(ro);
  }

  /** Finished parts waits are not in the live view (it holds only the current one): ask for them. */
  async #readWaits(ro: TrackingRo): Promise<void> {
    if (!ro.operations.some((o) => o.pause?.reason === 'parts') && !this.waits.length && !ro.operations.some((o) => o.startedAt)) return;
    try {
      const res = await fetch(`/api/track/${encodeURIComponent(this.token)}/parts-waits`, { credentials: 'omit', headers: { Accept: 'application/json' } });
      if (res.ok) this.waits = ((await res.json()) as { data: { waits: PartsWaitLine[] } }).data.waits;
    } catch {
      // Offline: the timeline simply shows what the live view has; the next change asks again.
    }
  }

  async #submit(e: SurveySubmitEvent): Promise<void> {
    this.sending = true;
    this.surveyNote = undefined;
    try {
      const res = await fetch(`/api/track/${encodeURIComponent(this.token)}/survey`, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(e.detail),
      });
      const code = res.ok ? 'ok' : ((await res.json().catch(() => ({}))) as { error?: { code?: string } }).error?.code;
      this.surveyNote = code === 'ok' ? 'survey.thanks' : code === 'already_answered' ? 'survey.already' : 'survey.failed';
    } catch {
      this.surveyNote = 'survey.failed';
    } finally {
      this.sending = false;
    }
  }

  render() {
    const t = translator(trackingText, this.#lang);
    const view = this.#live?.view;
    const status = this.#live?.status;
    const ro = carOf(view);
    const store = view?.header.store;
    const tz = store?.timezone ?? 'Asia/Shanghai';
    return html`
      <div class="page" lang=${this.#lang}>
        <header>
          <div class="titles"><span class="store">${store?.name[this.#lang] ?? ''}</span><span class="title">${t('title')}</span></div>
          <button class="lang" @click=${() => (this.chosenLang = this.#lang === 'en' ? 'zh-CN' : 'en')}>${globeIcon} ${t('lang.switch')}</button>
        </header>
        ${
          status?.state === 'refused' && !ro
            ? html`<section class="card refused" role="alert">
            <h2>${t('refused.title')}</h2><p>${t('refused.text')}</p></section>`
            : !ro
              ? html`<p class="loading">${t('loading')}</p>`
              : html`
          <p class="hello">${ro.customer?.[this.#lang] ? t('hello', { name: ro.customer[this.#lang] }) : t('helloAnon')}</p>
          <car-status .ro=${ro} .pickupDesk=${store?.pickupDesk} locale=${this.#lang} time-zone=${tz}></car-status>
          ${ro.addOns?.length ? html`<add-on-approval token=${this.token} .addOns=${ro.addOns} locale=${this.#lang} time-zone=${tz}></add-on-approval>` : nothing}
          ${ro.stage === 'delivered' ? this.#survey(t, ro.survey) : html`<section class="card push"><push-control token=${this.token} locale=${this.#lang}></push-control></section>`}
          <car-story .ro=${ro} .waits=${this.waits} locale=${this.#lang} time-zone=${tz}></car-story>
          ${
            ro.advisor || ro.queueNumber
              ? html`<section class="card people">
              ${
                ro.advisor
                  ? html`<div><span class="muted">${t('advisor')}</span><strong>${
                      ro.advisor.desk ? t('advisorDesk', { name: ro.advisor.name, desk: ro.advisor.desk }) : ro.advisor.name
                    }</strong></div>`
                  : nothing
              }
              ${ro.queueNumber ? html`<div><span class="muted">${t('queue', { queue: '' })}</span><strong>${ro.queueNumber}</strong></div>` : nothing}
            </section>`
              : nothing
          }
        `
        }
        <footer>${t('privacy')}</footer>
      </div>
      <connection-badge .status=${status} locale=${this.#lang} time-zone=${tz}></connection-badge>
    `;
  }

  #survey(t: (key: TrackingKey) => string, survey: 'not_yet' | 'open' | 'answered') {
    if (survey === 'answered' || this.surveyNote === 'survey.thanks' || this.surveyNote === 'survey.already')
      return html`<section class="card thanks" data-testid="survey-done">${t(this.surveyNote === 'survey.already' ? 'survey.already' : 'survey.thanks')}</section>`;
    return html`<section class="card survey">
      <h2>${t('survey.title')}</h2>
      <p class="muted">${t('survey.lead')}</p>
      <survey-form locale=${this.#lang} ?busy=${this.sending} message=${this.surveyNote ? t(this.surveyNote) : ''}
        @survey-submit=${(e: SurveySubmitEvent) => void this.#submit(e)}></survey-form>
    </section>`;
  }

  static styles = css`
    :host {
      display: block; min-height: 100vh; background: #f2f5fa; color: #0f1d33; font-size: 16px;
      font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
    }
    * { box-sizing: border-box; }
    .page { max-width: 34em; margin: 0 auto; padding: 0.8em 0.9em 2em; display: grid; gap: 0.8em; }
    header { display: flex; align-items: center; gap: 0.8em; }
    .titles { display: grid; min-width: 0; flex: 1; }
    .store { font-weight: 800; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .title { color: #55657d; font-size: 0.85em; }
    .lang { font: inherit; font-size: 0.9em; font-weight: 700; border: 0.08em solid #d9e1ec; background: #fff; border-radius: 2em; padding: 0.45em 0.9em; color: inherit; }
    .hello { margin: 0.2em 0 0; font-size: 1.05em; font-weight: 600; }
    .loading { text-align: center; color: #55657d; padding: 3em 0; }
    .card { background: #fff; border-radius: 1em; padding: 1em 1.2em; box-shadow: 0 0.2em 1em rgb(15 29 51 / 0.06); }
    .card h2 { margin: 0 0 0.3em; font-size: 1.15em; }
    .card p { margin: 0; line-height: 1.55; }
    /* No Web Push for this store (or not yet known): no empty card. */
    .card.push:not(:has(> push-control[shown])) { display: none; }
    .survey { display: grid; gap: 0.5em; border: 0.15em solid #f59e0b; }
    .thanks { background: #e8f6ee; color: #15803d; font-weight: 700; line-height: 1.5; }
    .refused { text-align: center; padding: 2em 1.2em; }
    .people { display: grid; gap: 0.5em; }
    .people div { display: flex; justify-content: space-between; gap: 1em; }
    .muted { color: #55657d; }
    footer { text-align: center; color: #55657d; font-size: 0.8em; margin-top: 0.6em; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'tracking-page': TrackingPage;
  }
}
