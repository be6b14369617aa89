import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { maskName, maskPhone } from '../../../shared/domain/mask';
import { formatPlate } from '../../../shared/domain/plate-rules';
import { formatDateTime } from '../../../shared/i18n/translate';
import type { ServiceLine } from '../../../shared/kiosk/payloads';
import { hoursText } from '../format';
import { kioskBits } from '../kiosk-theme';
import { KioskScreen } from './kiosk-screen';

/**
 * The last look before checking in: the booking (or what the walk-in customer typed), contact
 * details masked — a kiosk stands in a public place — and the consent line to tick.
 */
@customElement('confirm-screen')
export class ConfirmScreen extends KioskScreen {
  render() {
    const { t, flow } = this;
    const rows = flow.mode === 'appointment' ? this.#bookingRows() : this.#walkInRows();
    return html`
      <div class="head">
        <h1>${t('confirm.title')}</h1>
        <p class="lead">${flow.redirected ? t('appt.fromWalkIn') : t('confirm.lead')}</p>
      </div>
      <div class="facts">
        <dl class="card summary" data-testid="summary">${rows}</dl>
        <p class="masked">${t('confirm.masked')}</p>
      </div>
      <div class="bottom">
      <label class="consent ${flow.fieldErrors.consent ? 'invalid' : ''}">
        <input type="checkbox" data-field="consent" .checked=${flow.draft.consent}
          @change=${(e: Event) => this.act({ type: 'edit', patch: { consent: (e.target as HTMLInputElement).checked } })}>
        <span class="box" aria-hidden="true">${flow.draft.consent ? '✓' : ''}</span>
        <span>${t('confirm.consent')}</span>
      </label>
      ${flow.fieldErrors.consent ? html`<p class="error" role="alert">${this.say(flow.fieldErrors.consent)}</p>` : nothing}
      ${flow.error ? html`<p class="error" role="alert" data-testid="screen-error">${this.say(flow.error)}</p>` : nothing}
      <div class="actions">
        <button class="primary" data-action="submit" ?disabled=${flow.busy} @click=${() => this.act({ type: 'submit' })}>
          ${flow.busy ? t('confirm.submitting') : t('confirm.submit')}
        </button>
      </div>
      </div>
    `;
  }

  #row(label: string, value: TemplateResult | string, cls = '') {
    return html`<div class="row ${cls}"><dt>${label}</dt><dd>${value}</dd></div>`;
  }

  #services(lines: readonly ServiceLine[]) {
    const { t } = this;
    if (!lines.length) return html`<span class="muted">${t('confirm.none')}</span>`;
    return html`<ul>${lines.map(
      (s) =>
        html`<li><span>${s.title[this.locale]}</span>${
          s.standardHours ? html`<span class="muted">${t('services.about', { time: hoursText(t, s.standardHours) })}</span>` : nothing
        }</li>`,
    )}</ul>`;
  }

  #bookingRows() {
    const { t } = this;
    const b = this.flow.found?.booking;
    if (!b) return nothing;
    return html`
      ${b.at ? this.#row(t('confirm.appointment'), formatDateTime(b.at, this.timeZone, this.locale)) : nothing}
      ${this.#row(t('confirm.plate'), html`<span class="plate">${b.plate}</span>`)}
      ${this.#row(t('confirm.customer'), b.customer[this.locale])}
      ${this.#row(t('confirm.phone'), b.phone)}
      ${b.advisor ? this.#row(t('confirm.advisor'), b.advisor.desk ? `${b.advisor.name} · ${b.advisor.desk}` : b.advisor.name) : nothing}
      ${this.#row(t('confirm.services'), this.#services(b.services), 'services')}
    `;
  }

  #walkInRows() {
    const { t } = this;
    const d = this.flow.draft;
    const catalogue = this.setup?.catalogue ?? [];
    const lines = d.services.map((code) => catalogue.find((c) => c.code === code)).filter((c) => !!c);
    const name = d.surname.trim() ? maskName(d.surname.trim(), d.salutation)[this.locale] : '';
    return html`
      ${this.#row(t('confirm.plate'), html`<span class="plate">${formatPlate(d.plate, this.country)}</span>`)}
      ${name ? this.#row(t('confirm.customer'), name) : nothing}
      ${this.#row(t('confirm.phone'), maskPhone(d.phone))}
      ${d.make ? this.#row(t('confirm.make'), d.make) : nothing}
      ${d.mileage ? this.#row(t('confirm.mileage'), `${Number(d.mileage).toLocaleString('en-US')} ${t('details.mileageUnit')}`) : nothing}
      ${this.#row(t('confirm.services'), this.#services(lines), 'services')}
      ${d.description.trim() ? this.#row(t('confirm.description'), d.description.trim()) : nothing}
    `;
  }

  static styles = [
    kioskBits,
    css`
    :host { max-width: 52em; margin: 0 auto; width: 100%; display: flex; flex-direction: column; }
    .bottom { margin-top: auto; padding-top: 1em; }
    @media (orientation: landscape) {
      :host { max-width: 80em; display: grid; grid-template-columns: 1.25fr 1fr; grid-template-rows: auto 1fr; column-gap: 2em; }
      .head { grid-column: 1 / -1; }
      .bottom { margin-top: 0; padding-top: 0; align-self: start; }
    }
    .summary { margin: 0; display: grid; gap: 0; padding: 0.4em 1.4em; }
    .row { display: grid; grid-template-columns: 6.5em 1fr; gap: 1em; padding: 0.75em 0; border-bottom: 0.06em solid var(--k-line); align-items: baseline; }
    .row:last-child { border-bottom: 0; }
    dt { color: var(--k-muted); }
    dd { margin: 0; font-weight: 700; font-size: 1.1em; }
    ul { margin: 0; padding: 0; list-style: none; display: grid; gap: 0.35em; }
    li { display: flex; justify-content: space-between; gap: 1em; }
    .muted { color: var(--k-muted); font-weight: 400; font-size: 0.9em; }
    .plate { color: #fff; background: var(--k-plate); border-radius: 0.3em; padding: 0.05em 0.5em; letter-spacing: 0.05em; }
    .masked { color: var(--k-faint); font-size: 0.85em; margin: 0.5em 0 1em; }
    .consent {
      display: flex; gap: 0.9em; align-items: flex-start; padding: 1em 1.2em; border-radius: 1em; background: var(--k-surface);
      border: 0.1em solid var(--k-line); line-height: 1.5; cursor: pointer;
    }
    .consent.invalid { border-color: var(--k-error); }
    .consent input { position: absolute; opacity: 0; pointer-events: none; }
    .consent .box { flex: none; width: 1.7em; height: 1.7em; border-radius: 0.35em; border: 0.12em solid var(--k-primary); display: grid; place-items: center; font-weight: 800; color: #fff; }
    .consent input:checked + .box { background: var(--k-primary); }
    .consent input:focus-visible + .box { outline: 0.15em solid var(--k-primary); outline-offset: 0.12em; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'confirm-screen': ConfirmScreen;
  }
}
