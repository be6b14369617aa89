import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Salutation } from '../../../shared/domain/people';
import { COMMON_SURNAMES, LATIN_INITIALS } from '../../../shared/domain/surnames';
import { makesFor } from '../../../shared/domain/vehicle-makes';
import type { KioskKey } from '../../../shared/i18n/kiosk';
import type { DigitsChangeEvent } from '../digit-pad';
import '../digit-pad';
import '../pick-sheet';
import type { PickEvent } from '../pick-sheet';
import { kioskBits } from '../kiosk-theme';
import { KioskScreen } from './kiosk-screen';

const CHIPS: KioskKey[] = ['chip.noise', 'chip.light', 'chip.vibration', 'chip.ac', 'chip.tyre', 'chip.leak'];
const SEPARATOR = { 'zh-CN': '，', en: ', ' } as const;

/**
 * Walk-in: mileage on the number pad, what the customer noticed (one-tap phrases, or their own
 * words with the device's keyboard), the make of the car and how to address them — make and
 * surname tapped on a sheet, since a locked kiosk may have no Chinese input method. All optional.
 */
@customElement('details-screen')
export class DetailsScreen extends KioskScreen {
  /** Which sheet is open: only how the screen looks right now, so it lives here, not in the flow. */
  @state() private sheet?: 'make' | 'surname';

  #sheet() {
    const { t } = this;
    const d = this.flow.draft;
    if (this.sheet === 'make') {
      const choices = makesFor(this.setup?.store.brand).map((m) => ({ value: m.make, label: m.name[this.locale], sub: m.make }));
      return html`<pick-sheet heading=${t('details.makePick')} none=${t('details.makeNone')} .groups=${[{ choices }]} selected=${d.make}
        @pick=${(e: PickEvent) => {
          this.sheet = undefined;
          this.act({ type: 'edit', patch: { make: e.detail } });
        }}></pick-sheet>`;
    }
    if (this.sheet === 'surname') {
      const han = { title: t('details.surnameCommon'), choices: COMMON_SURNAMES.map((s) => ({ value: s, label: s })) };
      const latin = { title: t('details.surnameLatin'), choices: LATIN_INITIALS.map((s) => ({ value: s, label: s })) };
      return html`<pick-sheet heading=${t('details.surnamePick')} none=${t('details.surnameNone')} selected=${d.surname}
        .groups=${this.locale === 'en' ? [latin, han] : [han, latin]}
        @pick=${(e: PickEvent) => {
          this.sheet = undefined;
          this.act({ type: 'edit', patch: { surname: e.detail } });
        }}></pick-sheet>`;
    }
    return nothing;
  }

  /** A phrase tapped on or off: the description stays plain text the advisor can read. */
  #togglePhrase(phrase: string) {
    const sep = SEPARATOR[this.locale];
    const parts = this.flow.draft.description
      .split(/[，,]\s*/)
      .map((p) => p.trim())
      .filter(Boolean);
    const next = parts.includes(phrase) ? parts.filter((p) => p !== phrase) : [...parts, phrase];
    this.act({ type: 'edit', patch: { description: next.join(sep) } });
  }

  render() {
    const { t, flow } = this;
    const { draft, fieldErrors } = flow;
    const said = draft.description.split(/[，,]\s*/).map((p) => p.trim());
    const salutation = (s: Salutation, label: string) => html`<button class="seg ${draft.salutation === s ? 'on' : ''}" data-salutation=${s}
      aria-pressed=${draft.salutation === s ? 'true' : 'false'} @click=${() => this.act({ type: 'edit', patch: { salutation: s } })}>${label}</button>`;
    return html`
      <h1>${t('details.title')}</h1>
      <div class="layout">
        <section class="card mileage">
          <h2>${t('details.mileage')}</h2>
          <digit-pad .value=${draft.mileage} max="7" unit=${t('details.mileageUnit')} locale=${this.locale} ?invalid=${!!fieldErrors.mileage}
            @digits-change=${(e: DigitsChangeEvent) => this.act({ type: 'edit', patch: { mileage: e.detail.value } })}></digit-pad>
          ${fieldErrors.mileage ? html`<p class="error" role="alert">${this.say(fieldErrors.mileage)}</p>` : nothing}
        </section>
        <section class="card">
          <h2>${t('details.describe')}</h2>
          <div class="chips">
            ${CHIPS.map((key) => {
              const phrase = t(key);
              const on = said.includes(phrase);
              return html`<button class="chip ${on ? 'on' : ''}" aria-pressed=${on ? 'true' : 'false'} @click=${() => this.#togglePhrase(phrase)}>${phrase}</button>`;
            })}
          </div>
          <textarea rows="2" maxlength="200" placeholder=${t('details.placeholder')} .value=${draft.description} data-field="description"
            @input=${(e: InputEvent) => this.act({ type: 'edit', patch: { description: (e.target as HTMLTextAreaElement).value } })}></textarea>
          ${fieldErrors.description ? html`<p class="error" role="alert">${this.say(fieldErrors.description)}</p>` : nothing}
          <!-- Make and name side by side: the whole screen fits above the Next bar in both orientations. -->
          <div class="pair">
            <div>
              <h2 class="name">${t('details.make')}</h2>
              <button class="pick ${draft.make ? 'set' : ''}" data-action="pick-make" @click=${() => (this.sheet = 'make')}>${draft.make || t('details.makePick')}</button>
            </div>
            <div>
              <h2 class="name">${t('details.name')}</h2>
              <div class="who">
                <button class="pick ${draft.surname ? 'set' : ''}" data-action="pick-surname" data-field="surname" @click=${() => (this.sheet = 'surname')}>${draft.surname || t('details.surnamePick')}</button>
                <div class="segs">${salutation('mr', t('sal.mr'))}${salutation('ms', t('sal.ms'))}</div>
              </div>
            </div>
          </div>
        </section>
      </div>
      <div class="actions"><button class="primary" data-action="next" @click=${() => this.act({ type: 'next' })}>${t('nav.next')}</button></div>
      ${this.#sheet()}
    `;
  }

  static styles = [
    kioskBits,
    css`
    :host { display: flex; flex-direction: column; height: 100%; }
    /* Scrolls rather than running under the Next bar when a language's words take more room. */
    .layout { display: grid; gap: 1em; flex: 1; min-height: 0; align-content: start; overflow-y: auto; }
    h2 { font-size: 1.05em; margin: 0 0 0.7em; }
    h2.name { margin-top: 1.2em; }
    .chips { display: flex; flex-wrap: wrap; gap: 0.5em; margin-bottom: 0.7em; }
    .chip { min-height: 2.6em; padding: 0.3em 1em; border-radius: 2em; font-weight: 600; }
    .chip.on { background: var(--k-primary-soft); border-color: var(--k-primary); color: var(--k-primary-strong); }
    textarea, input {
      width: 100%; font: inherit; font-size: 1.05em; padding: 0.6em 0.8em; border-radius: var(--k-radius);
      border: 0.09em solid var(--k-line); background: #fbfcfe; color: var(--k-ink); resize: none;
    }
    textarea:focus, input:focus { outline: 0.12em solid var(--k-primary); border-color: var(--k-primary); }
    .who { display: flex; gap: 0.7em; align-items: stretch; }
    .pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.5fr); gap: 1em; align-items: end; }
    .who .pick { flex: 1; min-width: 0; }
    .pick { width: 100%; justify-content: flex-start; text-align: left; color: var(--k-muted); }
    .pick.set { color: var(--k-ink); font-weight: 700; border-color: var(--k-primary); }
    .segs { display: flex; gap: 0.4em; }
    .seg { min-width: 3.6em; }
    .seg.on { background: var(--k-primary); color: #fff; border-color: var(--k-primary); font-weight: 700; }
    /* One line for free text in portrait: the phrases above it do most of the saying. */
    @media (orientation: portrait) { textarea { height: 2.4em; } }
    @media (orientation: landscape) {
      .layout { grid-template-columns: 0.8fr 1.2fr; }
      /* Four questions in the right card: tighter spacing keeps them clear of the Next button. */
      h2.name { margin-top: 0.7em; }
    }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'details-screen': DetailsScreen;
  }
}
