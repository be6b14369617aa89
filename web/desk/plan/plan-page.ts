import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { localDate } from '../../../shared/domain/local-date';
import { plan as planText } from '../../../shared/i18n/plan';
import { formatTime, translator } from '../../../shared/i18n/translate';
import { durationOf } from '../../../shared/workflow/capacity';
import {
  bookAppointment,
  cancelAppointment,
  loadPlan,
  markNoShow,
  moveAppointment,
  shortOf,
  type MoveInput,
  type Plan,
  type PlannedAppointment,
  type Written,
} from './plan-api';
import { addDays, hhmm, isoAt, minuteOfDay, mondayOf, slotsOf } from './plan-grid';
import { planStyles } from './plan-styles';
import { LiveConnection } from '../../live/live-connection';
import { cancellationPanel, capacityList, dayGrid, weekGrid, type ViewContext } from './plan-views';

interface Draft {
  date: string;
  minutes: number;
  bayId: string;
  customer: string;
  phone: string;
  plate: string;
  make: string;
  services: string[];
  note: string;
  error?: string;
}

interface Over {
  short: { skill: string; neededHours: number; freeHours: number }[];
  reason: string;
  retry(override: { reason: string }): Promise<Written>;
  done: string;
}

interface Grab {
  appt: PlannedAppointment;
  x: number;
  y: number;
  moved: boolean;
  el: HTMLElement;
}

/**
 * /plan: an advisor plans the days ahead. A day view (bays × the day's slots) and a week view
 * (bays × days) with every booking, the free hours per skill, a click on an empty slot to book,
 * a drag (mouse or finger) — or, on a tablet or keyboard, the booking's Move form — to move one,
 * cancel with a configured reason, no-show, and an override dialog when a day is full. All rules
 * are the server's: the page shows what the API answers (conflict, over_capacity) in its words.
 *
 * The address carries the view (`view=day|week`, `date`) and, from other pages, a booking to
 * prefill: `?date=&plate=&services=A,B&customer=&phone=` opens the booking dialog (date: tomorrow).
 */
/** How long after an event the plan is fetched again: a burst of events (a check-in) is one fetch. */
const REFETCH_MS = 700;

@customElement('plan-page')
export class PlanPage extends LitElement {
  @property({ attribute: 'store-id' }) storeId = '';
  @property({ attribute: 'store-name' }) storeName = '';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  @property({ attribute: 'lang' }) locale: Locale = 'zh-CN';

  @state() private view: 'day' | 'week' = 'day';
  @state() private date = '';
  @state() private plan?: Plan;
  @state() private error?: string;
  @state() private notice?: { text: string; error?: boolean };
  @state() private draft?: Draft;
  @state() private selectedId?: string;
  @state() private move?: { date: string; minutes: number; bayId: string; error?: string };
  @state() private cancelReason = '';
  @state() private over?: Over;
  @state() private target?: string;
  #grab?: Grab;
  #prefill?: Partial<Draft>;
  #asked = 0;
  /**
   * The store's live feed (the desk's staff view): a booking made at another desk, a car checked in
   * or work finished moves what the plan shows, so the plan is fetched again shortly after each new
   * event (never in the middle of a drag). Its own bookings come back this way too, harmlessly.
   */
  #live?: LiveConnection;
  #unsubscribe?: () => void;
  #seenSeq = 0;
  #refetch?: ReturnType<typeof setTimeout>;

  connectedCallback(): void {
    super.connectedCallback();
    const q = new URLSearchParams(location.search);
    const today = localDate(Date.now(), this.timeZone);
    const asked = q.get('date');
    const valid = asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : undefined;
    this.view = q.get('view') === 'week' ? 'week' : 'day';
    if (q.has('plate') || q.has('services') || q.has('customer') || q.has('phone')) {
      this.#prefill = {
        date: valid ?? addDays(today, 1),
        plate: q.get('plate') ?? '',
        customer: q.get('customer') ?? '',
        phone: q.get('phone') ?? '',
        services: (q.get('services') ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    }
    this.date = this.#prefill?.date ?? valid ?? today;
    void this.#load();
    if (this.storeId) {
      // A desk signs in as a person; nothing here is a paired screen to send back to /display.
      this.#live = new LiveConnection({ audience: { kind: 'dispatch', storeId: this.storeId }, onUnpaired: () => undefined });
      this.#unsubscribe = this.#live.subscribe(() => this.#onLive());
      this.#live.start();
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#live?.stop();
    this.#live = undefined;
    clearTimeout(this.#refetch);
  }

  #onLive(): void {
    const seq = this.#live?.sync.seq ?? 0;
    if (seq <= this.#seenSeq) return;
    this.#seenSeq = seq;
    this.#refetchSoon();
  }

  #refetchSoon(): void {
    clearTimeout(this.#refetch);
    this.#refetch = setTimeout(() => (this.#grab ? this.#refetchSoon() : void this.#load()), REFETCH_MS);
  }

  get #t() {
    return translator(planText, this.locale === 'en' ? 'en' : 'zh-CN') as (key: string, params?: Record<string, string | number>) => string;
  }

  get #from(): string {
    return this.view === 'week' ? mondayOf(this.date) : this.date;
  }

  async #load(): Promise<void> {
    const asked = ++this.#asked;
    const r = await loadPlan(this.storeId, this.#from, this.view === 'week' ? 7 : 1);
    if (asked !== this.#asked) return;
    if (!r.ok) {
      this.error = r.message;
      return;
    }
    this.error = undefined;
    this.plan = r.plan;
    if (this.#prefill) {
      const p = this.#prefill;
      this.#prefill = undefined;
      this.#openDraft(p.date ?? this.date, undefined, undefined, p);
    }
  }

  #bayName = (bayId: string): string => {
    const bay = this.plan?.bays.find((b) => b.id === bayId);
    return bay ? (this.locale === 'en' ? (bay.nameEn ?? bay.name) : bay.name) : bayId;
  };

  #selected(): PlannedAppointment | undefined {
    return this.plan?.appointments.find((a) => a.id === this.selectedId);
  }

  #setUrl(): void {
    const q = new URLSearchParams(location.search);
    for (const k of ['plate', 'services', 'customer', 'phone']) q.delete(k);
    q.set('date', this.date);
    q.set('view', this.view);
    history.replaceState(null, '', `${location.pathname}?${q}`);
  }

  #go(view: 'day' | 'week', date: string): void {
    this.view = view;
    this.date = date;
    this.selectedId = undefined;
    this.#setUrl();
    void this.#load();
  }

  /** Open the booking dialog; without a bay, the first bay of the services' kind that is free at the first open slot. */
  #openDraft(date: string, bayId?: string, minutes?: number, fill: Partial<Draft> = {}): void {
    const plan = this.plan;
    if (!plan) return;
    const services = (fill.services ?? []).filter((code) => plan.catalogue.some((c) => c.code === code));
    const slots = slotsOf(plan.openingHours.open, plan.openingHours.close, plan.slotMinutes);
    const kind = plan.catalogue.find((c) => c.code === services[0])?.bayKind;
    const bay = bayId ?? plan.bays.find((b) => b.kind === kind)?.id ?? plan.bays[0]?.id ?? '';
    this.draft = {
      date,
      minutes: minutes ?? slots.find((m) => m >= 9 * 60) ?? slots[0] ?? 540,
      bayId: bay,
      customer: fill.customer ?? '',
      phone: fill.phone ?? '',
      plate: fill.plate ?? '',
      make: fill.make ?? '',
      services,
      note: '',
    };
    this.selectedId = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#d-customer')?.focus());
  }

  async #afterWrite(r: Written, done: string, retry: (o: { reason: string }) => Promise<Written>, onError: (message: string) => void): Promise<boolean> {
    if (r.ok) {
      this.notice = { text: done };
      await this.#load();
      return true;
    }
    const short = shortOf(r.error);
    if (short) this.over = { short, reason: '', retry, done };
    else onError(r.error.code === 'conflict' ? this.#t('conflict', { message: r.error.message }) : r.error.message);
    return false;
  }

  async #submitDraft(e: Event): Promise<void> {
    e.preventDefault();
    const d = this.draft;
    if (!d || !this.plan) return;
    const t = this.#t;
    const missing = !d.customer.trim() ? t('customer') : !d.phone.trim() ? t('phone') : !d.plate.trim() ? t('plate') : '';
    if (missing) return void (this.draft = { ...d, error: t('required', { field: missing }) });
    if (!d.services.length) return void (this.draft = { ...d, error: t('pickServices') });
    const input = {
      at: isoAt(d.date, d.minutes, this.plan.timezone),
      bayId: d.bayId || undefined,
      services: d.services,
      vehicle: { plate: d.plate.trim(), make: d.make.trim() || '—' },
      customer: { name: d.customer.trim(), phone: d.phone.trim() },
      ...(d.note.trim() ? { note: d.note.trim() } : {}),
    };
    const send = (override?: { reason: string }) => bookAppointment(this.storeId, { ...input, ...(override ? { override } : {}) });
    const ok = await this.#afterWrite(await send(), t('bookedOk'), send, (message) => {
      this.draft = { ...d, error: message };
    });
    if (ok) this.draft = undefined;
  }

  async #moveTo(appt: PlannedAppointment, to: { date: string; minutes?: number; bayId?: string }): Promise<void> {
    if (!this.plan) return;
    const minutes = to.minutes ?? minuteOfDay(appt.startsAt, localDate(appt.startsAt, this.plan.timezone), this.plan.timezone);
    const input: MoveInput = { at: isoAt(to.date, minutes, this.plan.timezone), ...(to.bayId && to.bayId !== appt.bayId ? { bayId: to.bayId } : {}) };
    const send = (override?: { reason: string }) => moveAppointment(this.storeId, appt.id, { ...input, ...(override ? { override } : {}) });
    const ok = await this.#afterWrite(await send(), this.#t('moved'), send, (message) => {
      if (this.move) this.move = { ...this.move, error: message };
      else this.notice = { text: message, error: true };
    });
    if (ok) {
      this.move = undefined;
      this.selectedId = undefined;
    }
  }

  // Drag: a pointer held on a booking and moved past a few pixels drags it; let go over a slot
  // (day) or a cell (week) and it moves there. A press without a move selects it instead.
  #grabBooking = (e: PointerEvent, appt: PlannedAppointment): void => {
    if (e.button !== 0) return;
    const el = e.currentTarget as HTMLElement;
    el.setPointerCapture?.(e.pointerId);
    this.#grab = { appt, x: e.clientX, y: e.clientY, moved: false, el };
    el.addEventListener('pointermove', this.#drag);
    el.addEventListener('pointerup', this.#drop, { once: true });
    el.addEventListener('pointercancel', this.#cancelDrag, { once: true });
  };

  #targetAt(x: number, y: number): HTMLElement | undefined {
    const hit = (this.renderRoot as ShadowRoot).elementFromPoint(x, y) as HTMLElement | null;
    return hit?.closest<HTMLElement>('[data-bay][data-date]') ?? undefined;
  }

  #drag = (e: PointerEvent): void => {
    const g = this.#grab;
    if (!g) return;
    if (!g.moved && Math.hypot(e.clientX - g.x, e.clientY - g.y) < 8) return;
    g.moved = true;
    g.el.classList.add('dragging');
    const t = this.#targetAt(e.clientX, e.clientY);
    this.target = t ? `${t.dataset.bay}|${t.dataset.date}|${t.dataset.min ?? ''}` : undefined;
  };

  #drop = (e: PointerEvent): void => {
    const g = this.#grab;
    this.#endDrag();
    if (!g) return;
    if (!g.moved) return this.#select(g.appt.id);
    const t = this.#targetAt(e.clientX, e.clientY);
    if (t?.dataset.bay && t.dataset.date)
      void this.#moveTo(g.appt, { date: t.dataset.date, bayId: t.dataset.bay, minutes: t.dataset.min ? Number(t.dataset.min) : undefined });
  };

  #cancelDrag = (): void => this.#endDrag();

  #endDrag(): void {
    const g = this.#grab;
    this.#grab = undefined;
    this.target = undefined;
    if (!g) return;
    g.el.classList.remove('dragging');
    g.el.removeEventListener('pointermove', this.#drag);
  }

  #select(id: string): void {
    this.selectedId = id;
    this.move = undefined;
    this.cancelReason = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#booking-title')?.focus());
  }

  #close = (): void => {
    this.draft = undefined;
    this.selectedId = undefined;
    this.move = undefined;
    this.over = undefined;
  };

  render(): TemplateResult {
    const t = this.#t;
    const step = this.view === 'week' ? 7 : 1;
    return html`
      <header class="bar">
        <h1>${t('title')}</h1>
        <div role="group" aria-label=${t('title')}>
          <button aria-pressed=${this.view === 'day'} @click=${() => this.#go('day', this.date)}>${t('day')}</button>
          <button aria-pressed=${this.view === 'week'} @click=${() => this.#go('week', this.date)}>${t('week')}</button>
        </div>
        <button @click=${() => this.#go(this.view, addDays(this.date, -step))} aria-label=${t('prev')}>‹</button>
        <label class="visually-hidden" for="plan-date">${t('date')}</label>
        <input
          id="plan-date"
          type="date"
          .value=${this.date}
          @change=${(e: Event) => {
            const v = (e.target as HTMLInputElement).value;
            if (v) this.#go(this.view, v);
          }}
        />
        <button @click=${() => this.#go(this.view, addDays(this.date, step))} aria-label=${t('next')}>›</button>
        <button @click=${() => this.#go(this.view, localDate(Date.now(), this.timeZone))}>${t('today')}</button>
        <span class="spacer"></span>
        <button
          class="primary"
          @click=${() => this.#openDraft(this.view === 'week' && this.date < localDate(Date.now(), this.timeZone) ? localDate(Date.now(), this.timeZone) : this.date)}
        >
          ${t('book')}
        </button>
      </header>
      <div aria-live="polite">
        ${this.notice ? html`<p class="notice ${this.notice.error ? 'error' : ''}" role=${this.notice.error ? 'alert' : 'status'}>${this.notice.text}</p>` : nothing}
      </div>
      ${this.error ? html`<p class="notice error" role="alert">${t('error', { message: this.error })} <button @click=${() => void this.#load()}>${t('retry')}</button></p>` : nothing}
      ${this.plan ? this.#body(this.plan) : html`<p class="hint">${t('loading')}</p>`} ${this.draft ? this.#draftDialog(this.draft) : nothing}
      ${this.#selected() && !this.draft ? this.#bookingDialog(this.#selected()!) : nothing} ${this.over ? this.#overDialog(this.over) : nothing}
    `;
  }

  #body(plan: Plan): TemplateResult {
    const ctx: ViewContext = {
      plan,
      lang: this.locale,
      t: this.#t,
      selectedId: this.selectedId,
      target: this.target,
      bayName: this.#bayName,
      book: (date, bayId, minutes) => this.#openDraft(date, bayId, minutes),
      select: (id) => this.#select(id),
      openDay: (date) => this.#go('day', date),
      grab: this.#grabBooking,
    };
    const day = plan.capacity[0];
    return html` ${this.view === 'day' && day ? capacityList(ctx, day) : nothing}
      <p class="hint">${this.#t('dragHint')}</p>
      ${this.view === 'day' ? dayGrid(ctx, plan.from) : weekGrid(ctx)}
      <div class="panels">${cancellationPanel(ctx)}</div>`;
  }

  #draftDialog(d: Draft): TemplateResult {
    const t = this.#t;
    const plan = this.plan!;
    const lang = this.locale === 'en' ? 'en' : 'zh-CN';
    const slots = slotsOf(plan.openingHours.open, plan.openingHours.close, plan.slotMinutes);
    const set = (patch: Partial<Draft>) => {
      this.draft = { ...d, ...patch, error: undefined };
    };
    const val = (e: Event) => (e.target as HTMLInputElement).value;
    return html`<div class="overlay" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#close()}>
      <form class="dialog" role="dialog" aria-modal="true" aria-labelledby="draft-title" @submit=${(e: Event) => void this.#submitDraft(e)}>
        <h2 id="draft-title">${t('bookTitle')}</h2>
        <div class="cols">
          <label>${t('customer')}<input id="d-customer" .value=${d.customer} @input=${(e: Event) => set({ customer: val(e) })} autocomplete="off" /></label>
          <label
            >${t('phone')}<input id="d-phone" type="tel" inputmode="tel" .value=${d.phone} @input=${(e: Event) => set({ phone: val(e) })} autocomplete="off"
          /></label>
          <label>${t('plate')}<input id="d-plate" .value=${d.plate} @input=${(e: Event) => set({ plate: val(e) })} autocomplete="off" /></label>
          <label>${t('make')}<input id="d-make" .value=${d.make} @input=${(e: Event) => set({ make: val(e) })} autocomplete="off" /></label>
          <label>${t('date')}<input id="d-date" type="date" .value=${d.date} @change=${(e: Event) => set({ date: val(e) })} /></label>
          <label
            >${t('time')}<select id="d-time" @change=${(e: Event) => set({ minutes: Number(val(e)) })}>
              ${slots.map((m) => html`<option value=${m} ?selected=${m === d.minutes}>${hhmm(m)}</option>`)}
            </select></label
          >
          <label
            >${t('bay')}<select id="d-bay" @change=${(e: Event) => set({ bayId: val(e) })}>
              ${plan.bays.map((b) => html`<option value=${b.id} ?selected=${b.id === d.bayId}>${this.#bayName(b.id)} · ${t(`skill.${b.kind}`)}</option>`)}
            </select></label
          >
          <label>${t('note')}<input id="d-note" .value=${d.note} @input=${(e: Event) => set({ note: val(e) })} /></label>
        </div>
        <fieldset>
          <legend>${t('services')}</legend>
          <div class="services">
            ${plan.catalogue.map(
              (c) =>
                html`<label
                  ><input
                    type="checkbox"
                    name="service"
                    value=${c.code}
                    .checked=${d.services.includes(c.code)}
                    @change=${(e: Event) => set({ services: (e.target as HTMLInputElement).checked ? [...d.services, c.code] : d.services.filter((s) => s !== c.code) })}
                  />
                  ${c.title[lang]} (${c.standardHours} h)</label
                >`,
            )}
          </div>
        </fieldset>
        <p>${t('duration', { min: durationOf(plan, d.services) })}</p>
        ${d.error ? html`<p class="error" role="alert">${d.error}</p>` : nothing}
        <div class="actions"><button type="button" @click=${this.#close}>${t('close')}</button><button class="primary" type="submit">${t('save')}</button></div>
      </form>
    </div>`;
  }

  #bookingDialog(a: PlannedAppointment): TemplateResult {
    const t = this.#t;
    const plan = this.plan!;
    const lang = this.locale === 'en' ? 'en' : 'zh-CN';
    const date = localDate(a.startsAt, plan.timezone);
    const slots = slotsOf(plan.openingHours.open, plan.openingHours.close, plan.slotMinutes);
    const m = this.move;
    const val = (e: Event) => (e.target as HTMLInputElement).value;
    return html`<div class="overlay" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#close()}>
      <section class="dialog" role="dialog" aria-modal="true" aria-labelledby="booking-title">
        <h2 id="booking-title" tabindex="-1">${t('selected')} · ${a.vehicle.plate}</h2>
        <dl>
          <dt>${t('customer')}</dt>
          <dd>${a.customer.name} · ${a.customer.phone}</dd>
          <dt>${t('time')}</dt>
          <dd>${date} ${formatTime(a.startsAt, plan.timezone, this.locale)}–${formatTime(a.endsAt, plan.timezone, this.locale)}</dd>
          <dt>${t('bay')}</dt>
          <dd>${a.bayId ? this.#bayName(a.bayId) : '—'}</dd>
          <dt>${t('services')}</dt>
          <dd>${a.services.map((code) => plan.catalogue.find((c) => c.code === code)?.title[lang] ?? code).join('、')}</dd>
          <dt>${t('status.booked')}</dt>
          <dd>${t(`status.${a.status}`)}</dd>
          ${
            a.capacityOverride
              ? html`<dt>${t('overTitle')}</dt>
                  <dd>${t('overridden', { reason: a.capacityOverride.reason, by: a.capacityOverride.by.name ?? a.capacityOverride.by.id })}</dd>`
              : nothing
          }
        </dl>
        ${
          a.status === 'booked'
            ? html` <fieldset>
                  <legend>${t('moveTitle')}</legend>
                  <p class="hint" style="margin:0 0 6px">${t('moveHint')}</p>
                  <div class="cols">
                    <label
                      >${t('date')}<input
                        id="m-date"
                        type="date"
                        .value=${m?.date ?? date}
                        @change=${(e: Event) => {
                          this.move = { ...this.#moveState(a), date: val(e) };
                        }}
                    /></label>
                    <label
                      >${t('time')}<select
                        id="m-time"
                        @change=${(e: Event) => {
                          this.move = { ...this.#moveState(a), minutes: Number(val(e)) };
                        }}
                      >
                        ${slots.map((s) => html`<option value=${s} ?selected=${s === this.#moveState(a).minutes}>${hhmm(s)}</option>`)}
                      </select></label
                    >
                    <label
                      >${t('bay')}<select
                        id="m-bay"
                        @change=${(e: Event) => {
                          this.move = { ...this.#moveState(a), bayId: val(e) };
                        }}
                      >
                        ${plan.bays.map((b) => html`<option value=${b.id} ?selected=${b.id === this.#moveState(a).bayId}>${this.#bayName(b.id)}</option>`)}
                      </select></label
                    >
                  </div>
                  ${m?.error ? html`<p class="error" role="alert">${m.error}</p>` : nothing}
                  <div class="actions">
                    <button
                      id="m-save"
                      class="primary"
                      @click=${() => {
                        const s = this.#moveState(a);
                        void this.#moveTo(a, s);
                      }}
                    >
                      ${t('move')}
                    </button>
                  </div>
                </fieldset>
                <fieldset>
                  <legend>${t('cancelTitle')}</legend>
                  <div class="cols">
                    <label
                      >${t('cancelReason')}<select
                        id="c-reason"
                        @change=${(e: Event) => {
                          this.cancelReason = val(e);
                        }}
                      >
                        <option value="" ?selected=${!this.cancelReason}>—</option>
                        ${plan.cancelReasons.map((r) => html`<option value=${r.code} ?selected=${r.code === this.cancelReason}>${r.label[lang]}</option>`)}
                      </select></label
                    >
                  </div>
                  <div class="actions">
                    <button id="c-noshow" @click=${() => void this.#noShow(a)}>${t('noShow')}</button>
                    <button id="c-cancel" class="danger" ?disabled=${!this.cancelReason} @click=${() => void this.#cancel(a)}>${t('cancelConfirm')}</button>
                  </div>
                </fieldset>`
            : nothing
        }
        <div class="actions"><button @click=${this.#close}>${t('close')}</button></div>
      </section>
    </div>`;
  }

  #moveState(a: PlannedAppointment): { date: string; minutes: number; bayId: string } {
    const plan = this.plan!;
    const date = localDate(a.startsAt, plan.timezone);
    return this.move ?? { date, minutes: minuteOfDay(a.startsAt, date, plan.timezone), bayId: a.bayId ?? plan.bays[0]?.id ?? '' };
  }

  async #cancel(a: PlannedAppointment): Promise<void> {
    const r = await cancelAppointment(this.storeId, a.id, this.cancelReason);
    if (r.ok) {
      this.#close();
      this.notice = { text: this.#t('cancelledOk') };
      await this.#load();
    } else this.notice = { text: r.error.message, error: true };
  }

  async #noShow(a: PlannedAppointment): Promise<void> {
    const r = await markNoShow(this.storeId, a.id);
    if (r.ok) {
      this.#close();
      this.notice = { text: this.#t('noShowOk') };
      await this.#load();
    } else this.notice = { text: r.error.message, error: true };
  }

  #overDialog(o: Over): TemplateResult {
    const t = this.#t;
    const confirm = async (e: Event) => {
      e.preventDefault();
      if (!o.reason.trim()) return;
      const r = await o.retry({ reason: o.reason.trim() });
      this.over = undefined;
      if (r.ok) {
        this.draft = undefined;
        this.move = undefined;
        this.selectedId = undefined;
        this.notice = { text: o.done };
        await this.#load();
      } else this.notice = { text: r.error.message, error: true };
    };
    return html`<div class="overlay" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.over = undefined)}>
      <form class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="over-title" @submit=${confirm}>
        <h2 id="over-title">${t('overTitle')}</h2>
        <p>${t('overBody')}</p>
        <ul>
          ${o.short.map((s) => html`<li>${t('short', { skill: t(`skill.${s.skill}`), need: s.neededHours, free: s.freeHours })}</li>`)}
        </ul>
        <label
          >${t('overReason')}<input
            id="o-reason"
            .value=${o.reason}
            @input=${(e: Event) => {
              this.over = { ...o, reason: (e.target as HTMLInputElement).value };
            }}
        /></label>
        <div class="actions">
          <button
            type="button"
            @click=${() => {
              this.over = undefined;
            }}
          >
            ${t('close')}
          </button>
          <button id="o-confirm" class="primary" type="submit" ?disabled=${!o.reason.trim()}>${t('overConfirm')}</button>
        </div>
      </form>
    </div>`;
  }

  static styles = planStyles;
}

declare global {
  interface HTMLElementTagNameMap {
    'plan-page': PlanPage;
  }
}
