import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { icon } from '../../common/icons';
import type { ScanText } from './scan-text';

/** A message: done, saved for later, or refused (stays until read). */
export interface Notice {
  id: number;
  kind: 'ok' | 'info' | 'fail';
  text: string;
  detail?: string;
}

/** How long "done" stays bright; after that it stays, dimmed, until the next message. */
const FRESH_MS = 4000;

/**
 * The page's messages, in the page's flow under the top bar, never over it: an overlay hid the
 * plate line and, at the bottom, the PIN pad (issue 18). A "done" message is not removed when it
 * is old, only dimmed, so a message going away never moves a button under a finger; the next
 * message takes its place. Refusals stay until dismissed, since they say what to do.
 */
@customElement('scan-notices')
export class ScanNotices extends LitElement {
  @property({ attribute: false }) text!: ScanText;
  @state() private notices: (Notice & { old?: boolean })[] = [];
  #id = 0;
  #timers = new Set<ReturnType<typeof setTimeout>>();

  disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const t of this.#timers) clearTimeout(t);
  }

  say(kind: Notice['kind'], text: string, detail?: string): void {
    const notice = { id: ++this.#id, kind, text, detail };
    // Only the latest "done" message is worth reading; refusals stay until they are read.
    this.notices = [...this.notices.filter((n) => n.kind === 'fail').slice(-2), notice];
    if (kind !== 'fail') {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.notices = this.notices.map((n) => (n.id === notice.id ? { ...n, old: true } : n));
      }, FRESH_MS);
      this.#timers.add(timer);
    }
    // Shown where the person is looking: scrolled down to the buttons, bring the message (and the plate under it) back.
    void this.updateComplete.then(() => {
      if (this.getBoundingClientRect().top < 0) window.scrollTo({ top: 0 });
    });
  }

  /** A new screen (another code opened): a faded "done" is no news there; a fresh one (just signed in) still is. */
  clearOld(): void {
    this.notices = this.notices.filter((n) => n.kind === 'fail' || !n.old);
  }

  get items(): readonly Notice[] {
    return this.notices;
  }

  render() {
    if (!this.notices.length) return nothing;
    const { t } = this.text;
    return html`<div class="notices" aria-live="polite">${this.notices.map(
      (n) => html`
      <div class="notice ${n.kind} ${n.old ? 'old' : ''}" data-kind=${n.kind} role=${n.kind === 'fail' ? 'alert' : 'status'}>
        <b>${icon(n.kind === 'ok' ? 'check' : n.kind === 'fail' ? 'x' : 'hourglass')} ${n.text}</b>${n.detail ? html`<div>${n.detail}</div>` : nothing}
        ${n.kind === 'fail' ? html`<button class="dismiss" data-action="dismiss" @click=${() => (this.notices = this.notices.filter((x) => x !== n))}>${t('page.dismiss')} ${icon('x')}</button>` : nothing}
      </div>`,
    )}</div>`;
  }

  static styles = css`
    :host { display: block; }
    * { box-sizing: border-box; }
    .notices { display: grid; gap: 8px; padding: 10px 14px 0; }
    .notice { display: grid; gap: 4px; padding: 10px 14px; border-radius: 14px; font-size: 21px; line-height: 1.3; transition: opacity .4s; }
    .notice.ok { background: #14532d; border: 3px solid #4ade80; }
    .notice.info { background: #422006; border: 3px solid #f59e0b; }
    .notice.fail { background: #450a0a; border: 3px solid #ef4444; }
    /* Dimmed, not gone: the same height, so nothing below it moves. */
    .notice.old { opacity: .55; }
    .i { width: 1em; height: 1em; vertical-align: -0.14em; flex: none; }
    .dismiss { justify-self: end; min-height: 48px; min-width: 88px; padding: 6px 14px; border-radius: 10px; border: 2px solid #fff; background: transparent; color: #fff; font: inherit; font-weight: 800; font-size: 18px; cursor: pointer; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'scan-notices': ScanNotices;
  }
}
