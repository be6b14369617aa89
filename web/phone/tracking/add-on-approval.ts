import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { trackingText } from '../../../shared/i18n/tracking';
import { formatTime, translator } from '../../../shared/i18n/translate';
import type { TrackingAddOn } from '../../../shared/projections/views';

/**
 * Add-on work proposed to this customer: what, the photos the technician took, the price and
 * hours, and two buttons. The answer is stored once (a second tap of the same answer is a
 * harmless retry); the live view then shows it decided, here and on the staff's boards.
 * Photos load from this link's own token (the server serves them to no other page, uncached).
 */
@customElement('add-on-approval')
export class AddOnApproval extends LitElement {
  @property() token = '';
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  @property({ attribute: false }) addOns: readonly TrackingAddOn[] = [];
  @state() private busy?: string;
  @state() private failed?: string;

  async #decide(addOn: TrackingAddOn, decision: 'approve' | 'decline') {
    this.busy = addOn.id;
    this.failed = undefined;
    try {
      const res = await fetch(`/api/track/${encodeURIComponent(this.token)}/add-ons/${encodeURIComponent(addOn.id)}/decision`, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ decision }),
      });
      if (!res.ok) this.failed = addOn.id;
    } catch {
      this.failed = addOn.id;
    } finally {
      this.busy = undefined;
    }
  }

  render() {
    if (!this.addOns.length) return nothing;
    const t = translator(trackingText, this.locale);
    const time = (iso: string) => formatTime(iso, this.timeZone, this.locale);
    const pending = this.addOns.filter((a) => a.status === 'pending');
    return html`<section class="card" data-testid="add-ons" aria-labelledby="addon-title">
      <h2 id="addon-title">${t('addOn.title')}</h2>
      ${pending.length ? html`<p class="muted">${t('addOn.lead')}</p>` : nothing}
      ${this.addOns.map(
        (a) =>
          html`<article class="addon s-${a.status}" data-add-on=${a.id}>
            <div class="head"><strong class="what">${a.title}</strong><span class="price" aria-label=${t('addOn.price')}>¥${a.price.toFixed(2)}</span></div>
            <div class="muted">${t('addOn.hours', { hours: a.hours })}</div>
            ${a.photos.length ? html`<div class="photos">${a.photos.map((src, i) => html`<a href=${src} target="_blank" rel="noreferrer noopener"><img src=${src} loading="lazy" referrerpolicy="no-referrer" alt=${t('addOn.photo', { n: i + 1, title: a.title })} /></a>`)}</div>` : nothing}
            ${
              a.status === 'pending'
                ? html`<div class="buttons">
                      <button class="decline" data-decision="decline" ?disabled=${this.busy === a.id} @click=${() => void this.#decide(a, 'decline')}>
                        ${t('addOn.decline')}
                      </button>
                      <button class="approve" data-decision="approve" ?disabled=${this.busy === a.id} @click=${() => void this.#decide(a, 'approve')}>
                        ${this.busy === a.id ? t('addOn.sending') : t('addOn.approve')}
                      </button>
                    </div>
                    ${this.failed === a.id ? html`<p class="failed" role="alert">${t('addOn.failed')}</p>` : nothing}`
                : html`<p class="decided" data-decided=${a.status}>
                    ${
                      a.decision?.by === 'advisor'
                        ? t('addOn.byAdvisor', { time: time(a.decision.at) })
                        : t(a.status === 'approved' ? 'addOn.approved' : 'addOn.declined', { time: a.decision ? time(a.decision.at) : '' })
                    }
                  </p>`
            }
          </article>`,
      )}
    </section>`;
  }

  static styles = css`
    :host {
      display: block;
    }
    * {
      box-sizing: border-box;
    }
    .card {
      background: #fff;
      border-radius: 1em;
      padding: 1em 1.2em;
      box-shadow: 0 0.2em 1em rgb(15 29 51 / 0.06);
      border: 0.15em solid #2563eb;
      display: grid;
      gap: 0.7em;
    }
    h2 {
      margin: 0;
      font-size: 1.15em;
    }
    p {
      margin: 0;
      line-height: 1.5;
    }
    .muted {
      color: #55657d;
    }
    .addon {
      display: grid;
      gap: 0.5em;
      padding-top: 0.7em;
      border-top: 0.08em solid #d9e1ec;
    }
    .head {
      display: flex;
      justify-content: space-between;
      gap: 1em;
      align-items: baseline;
    }
    .what {
      font-size: 1.1em;
    }
    .price {
      font-size: 1.3em;
      font-weight: 800;
      white-space: nowrap;
    }
    .photos {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: 0.5em;
    }
    .photos img {
      width: 100%;
      aspect-ratio: 4 / 3;
      object-fit: cover;
      border-radius: 0.6em;
      display: block;
      background: #e5e9f0;
    }
    .buttons {
      display: grid;
      grid-template-columns: 1fr 1.4fr;
      gap: 0.6em;
    }
    button {
      font: inherit;
      font-weight: 800;
      min-height: 3em;
      border-radius: 0.8em;
      border: 0.12em solid #1d4ed8;
      cursor: pointer;
    }
    .approve {
      background: #1d4ed8;
      color: #fff;
    }
    .decline {
      background: #fff;
      color: #1d4ed8;
    }
    button[disabled] {
      opacity: 0.6;
    }
    .decided {
      font-weight: 700;
    }
    .s-approved .decided {
      color: #15803d;
    }
    .s-declined .decided {
      color: #55657d;
    }
    .failed {
      color: #b91c1c;
      font-weight: 700;
    }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'add-on-approval': AddOnApproval;
  }
}
