import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { Bay } from '../../../shared/domain/shop';
import { fleet } from '../../../shared/i18n/fleet';
import { translator } from '../../../shared/i18n/translate';
import { boardBits } from '../../common/board-theme';
import { pairDisplay, type BoardKind } from './fleet-api';
import { fleetForm } from './fleet-styles';
import { normaliseCode } from './fleet-format';

/** Fired after a screen was paired, so the page refreshes its list. */
export class DisplayPairedEvent extends Event {
  constructor(readonly name: string) {
    super('display-paired', { bubbles: true, composed: true });
  }
}

/**
 * The form that binds a pairing code to a board: code, name, board kind, and the bay (asked only
 * for bay boards). Checks what it can before sending; shows the server's refusal as it is.
 */
@customElement('fleet-pair-form')
export class FleetPairForm extends LitElement {
  @property({ attribute: 'store-id' }) storeId = '';
  @property({ attribute: false }) bays: readonly Bay[] = [];
  @property() locale: Locale = 'zh-CN';

  @state() private board: BoardKind = 'customer';
  @state() private busy = false;
  @state() private message?: { kind: 'ok' | 'bad'; text: string };

  async #submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = translator(fleet, this.locale);
    const form = e.target as HTMLFormElement;
    const fields = new FormData(form);
    const code = normaliseCode(String(fields.get('code') ?? ''));
    const name = String(fields.get('name') ?? '').trim();
    const bayId = this.board === 'bay' ? String(fields.get('bayId') ?? '') : undefined;
    const problem = !/^[A-Z0-9]{6}$/.test(code) ? t('form.needCode') : !name ? t('form.needName') : bayId === '' ? t('form.needBay') : undefined;
    if (problem) {
      this.message = { kind: 'bad', text: problem };
      return;
    }
    this.busy = true;
    this.message = undefined;
    const result = await pairDisplay(this.storeId, { code, name, board: this.board, ...(bayId ? { bayId } : {}) });
    this.busy = false;
    if (!result.ok) {
      this.message = { kind: 'bad', text: t('error', { message: result.error.message }) };
      return;
    }
    this.message = { kind: 'ok', text: t('form.done', { name }) };
    form.reset();
    this.board = 'customer';
    this.dispatchEvent(new DisplayPairedEvent(name));
  }

  render() {
    const t = translator(fleet, this.locale);
    const boards: BoardKind[] = ['customer', 'dispatch', 'bay'];
    return html`
      <form @submit=${this.#submit} novalidate>
        <h2>${t('form.title')}</h2>
        <p class="hint">${t('form.hint')}</p>
        <label>${t('form.code')}
          <input name="code" class="code" maxlength="8" autocomplete="off" autocapitalize="characters" spellcheck="false"
            placeholder="K7M4XA" aria-describedby="code-help" required>
          <span id="code-help" class="help">${t('form.codeHelp')}</span>
        </label>
        <label>${t('form.name')}
          <input name="name" maxlength="40" autocomplete="off" placeholder=${t('form.namePlaceholder')} required>
        </label>
        <fieldset>
          <legend>${t('form.board')}</legend>
          <div class="kinds">
            ${boards.map(
              (b) => html`<label class="kind ${this.board === b ? 'on' : ''}">
              <input type="radio" name="board" value=${b} .checked=${this.board === b} @change=${() => (this.board = b)}>
              ${t(`board.${b}`)}</label>`,
            )}
          </div>
        </fieldset>
        ${
          this.board === 'bay'
            ? html`<label>${t('form.bay')}
          <select name="bayId" required>
            <option value="">${t('form.bayChoose')}</option>
            ${this.bays.map((bay) => html`<option value=${bay.id}>${bay.name} (${bay.id})</option>`)}
          </select></label>`
            : nothing
        }
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('form.busy') : t('form.submit')}</button>
        ${this.message ? html`<div class="message ${this.message.kind}" role=${this.message.kind === 'bad' ? 'alert' : 'status'}>${this.message.text}</div>` : nothing}
      </form>`;
  }

  static styles = [
    boardBits,
    fleetForm,
    css`
    :host { display: block; }
    form { display: grid; gap: 1em; }
    h2 { margin: 0; font-size: 1.3em; }
    .hint { margin: -0.5em 0 0; color: var(--tw-muted); font-size: 0.9em; }
    .code { font-family: "DejaVu Sans Mono", var(--tw-mono); font-size: 1.8em; letter-spacing: 0.3em; text-transform: uppercase; padding: 0.25em 0.4em; }
    .help { color: var(--tw-faint); font-size: 0.8em; font-weight: 400; }
    fieldset { border: 0; padding: 0; margin: 0; display: grid; gap: 0.4em; }
    legend { font-weight: 600; padding: 0; margin-bottom: 0.4em; }
    .kinds { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.5em; }
    .kind { display: flex; align-items: center; justify-content: center; gap: 0.4em; padding: 0.6em 0.4em; border-radius: 0.45em;
      border: 0.1em solid var(--tw-line); background: var(--tw-panel-2); cursor: pointer; font-weight: 600; text-align: center; }
    .kind.on { border-color: var(--tw-info); background: #0c2a40; color: #e0f2fe; }
    .kind input { accent-color: var(--tw-info); margin: 0; }
    button.primary { padding: 0.65em 1em; font-size: 1.05em; }
    .message { padding: 0.7em 0.9em; border-radius: 0.45em; line-height: 1.4; }
    .message.ok { background: #052e16; border: 0.1em solid var(--tw-ok); color: #bbf7d0; }
    .message.bad { background: #450a0a; border: 0.1em solid var(--tw-over); color: #fecaca; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-pair-form': FleetPairForm;
  }
}
