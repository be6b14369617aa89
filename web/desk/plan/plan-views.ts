import { html, nothing, type TemplateResult } from 'lit';
import type { Locale } from '../../../shared/domain/ids';
import { localDayStart } from '../../../shared/domain/local-date';
import { formatTime } from '../../../shared/i18n/translate';
import type { DayCapacity } from '../../../shared/workflow/capacity';
import type { Plan, PlannedAppointment } from './plan-api';
import { addDays, hhmm, placeOf, slotsOf } from './plan-grid';

/** The planner's two grids (bays × time for a day, bays × days for a week) and its capacity figures, as templates. */

// The page's translator, typed loosely here so the views need not repeat the catalogue's keys.
type Tr = (key: string, params?: Record<string, string | number>) => string;

export interface ViewContext {
  plan: Plan;
  lang: Locale;
  t: Tr;
  selectedId?: string;
  /** The slot or cell a booking is being dragged over: `bay|date|minute` (minute empty in the week). */
  target?: string;
  bayName(bayId: string): string;
  book(date: string, bayId: string, minutes?: number): void;
  select(id: string): void;
  openDay(date: string): void;
  /** Start a pointer drag (mouse, pen or finger) of a booking. */
  grab(e: PointerEvent, appt: PlannedAppointment): void;
}

const fmt = (h: number) => String(Math.round(h * 10) / 10);

/** One skill's free hours: what is left, of what, and how (carried over, booked). */
export function capacityList(ctx: ViewContext, day: DayCapacity): TemplateResult {
  const skills = day.skills.filter((s) => s.capacityHours > 0 || s.bookedHours > 0);
  return html`<ul class="capacity" aria-label=${ctx.t('free')}>
    ${skills.map((s) => {
      const used = s.capacityHours ? Math.min(1, (s.carriedHours + s.bookedHours) / s.capacityHours) : 1;
      const over = s.freeHours < 0;
      return html`<li class=${over ? 'over' : s.freeHours <= 0 ? 'full' : ''} data-skill=${s.skill}>
        <b>${ctx.t(`skill.${s.skill}`)}</b>
        <div class="bar" aria-hidden="true"><i style="width:${Math.round(used * 100)}%"></i></div>
        <small class="left">${over ? ctx.t('over', { h: fmt(-s.freeHours) }) : ctx.t('freeOf', { free: fmt(s.freeHours), cap: fmt(s.capacityHours) })}</small
        ><br />
        <small>${ctx.t('booked', { h: fmt(s.bookedHours) })}${s.carriedHours ? html` · ${ctx.t('carried', { h: fmt(s.carriedHours) })}` : nothing}</small>
      </li>`;
    })}
  </ul>`;
}

const label = (ctx: ViewContext, a: PlannedAppointment) =>
  `${formatTime(a.startsAt, ctx.plan.timezone, ctx.lang)}–${formatTime(a.endsAt, ctx.plan.timezone, ctx.lang)} ${a.vehicle.plate} ${a.customer.name} · ${ctx.t(`status.${a.status}`)}`;

const serviceNames = (ctx: ViewContext, a: PlannedAppointment) =>
  a.services.map((code) => ctx.plan.catalogue.find((c) => c.code === code)?.title[ctx.lang === 'en' ? 'en' : 'zh-CN'] ?? code).join('、');

const bookingBlock = (ctx: ViewContext, a: PlannedAppointment, date: string) => {
  const { open, close } = ctx.plan.openingHours;
  const place = placeOf(a.startsAt, a.endsAt, date, ctx.plan.timezone, open, close);
  const classes = ['appt', a.status, a.capacityOverride ? 'overridden' : '', ctx.selectedId === a.id ? 'selected' : ''].join(' ');
  const start = Math.floor((Date.parse(a.startsAt) - dayStartOf(ctx, date)) / 60_000);
  // Dropping a booking onto another asks for that one's place: the server refuses it, naming it.
  return html`<button
    class=${classes}
    data-id=${a.id}
    data-bay=${a.bayId ?? ''}
    data-date=${date}
    data-min=${start}
    style="left:${place.left * 100}%;width:${place.width * 100}%"
    @pointerdown=${(e: PointerEvent) => ctx.grab(e, a)}
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        ctx.select(a.id);
      }
    }}
  >
    <b>${formatTime(a.startsAt, ctx.plan.timezone, ctx.lang)} ${a.vehicle.plate}</b><span>${a.customer.name} · ${serviceNames(ctx, a)}</span>
    <span class="visually-hidden">${label(ctx, a)}</span>
  </button>`;
};

/** Rows of bays (and one for bookings without a bay), columns of the day's slots; empty slots book, bookings drag. */
export function dayGrid(ctx: ViewContext, date: string): TemplateResult {
  const { plan } = ctx;
  const slots = slotsOf(plan.openingHours.open, plan.openingHours.close, plan.slotMinutes);
  const ofBay = (bayId: string | undefined) => plan.appointments.filter((a) => a.bayId === bayId && dateOf(ctx, a) === date);
  const unplaced = ofBay(undefined);
  const rows = [
    ...plan.bays.map((b) => ({ id: b.id, name: ctx.bayName(b.id), kind: b.kind })),
    ...(unplaced.length ? [{ id: '', name: ctx.t('anyBay'), kind: '' }] : []),
  ];
  return html`<div class="scroller" role="region" aria-label=${date} tabindex="0">
    <div class="day" style="--slots:${slots.length}">
      <div class="corner">${ctx.t('bay')}</div>
      <div class="times" aria-hidden="true">${slots.map((m) => html`<span>${m % 60 === 0 ? hhmm(m) : ''}</span>`)}</div>
      ${rows.map(
        (bay) =>
          html` <div class="bayname">${bay.name}${bay.kind ? html`<small>${ctx.t(`skill.${bay.kind}`)}</small>` : nothing}</div>
            <div class="lane" role="group" aria-label=${bay.name} data-bay=${bay.id}>
              ${
                bay.id
                  ? slots.map((m) => {
                      const cls = `slot ${m % 60 === 0 ? 'hour' : ''} ${ctx.target === `${bay.id}|${date}|${m}` ? 'target' : ''}`;
                      // A slot whose middle a booking covers is no button: the booking on top is what a finger meets there.
                      const mid = dayStartOf(ctx, date) + (m + plan.slotMinutes / 2) * 60_000;
                      return ofBay(bay.id).some((a) => Date.parse(a.startsAt) <= mid && mid < Date.parse(a.endsAt))
                        ? html`<span class=${`${cls} busy`} data-bay=${bay.id} data-date=${date} data-min=${m}></span>`
                        : html`<button
                            class=${cls}
                            data-bay=${bay.id}
                            data-date=${date}
                            data-min=${m}
                            aria-label=${ctx.t('emptySlot', { bay: bay.name, time: hhmm(m) })}
                            @click=${() => ctx.book(date, bay.id, m)}
                          ></button>`;
                    })
                  : html`<span></span>`
              }
              ${ofBay(bay.id || undefined).map((a) => bookingBlock(ctx, a, date))}
            </div>`,
      )}
    </div>
  </div>`;
}

const dayStartOf = (ctx: ViewContext, date: string) => localDayStart(date, ctx.plan.timezone);

const dateOf = (ctx: ViewContext, a: PlannedAppointment) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: ctx.plan.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(a.startsAt));

/** Rows of bays, a column per day: each day's bookings as chips (drag one to another day or bay), its free hours on top. */
export function weekGrid(ctx: ViewContext): TemplateResult {
  const { plan } = ctx;
  const dates = Array.from({ length: plan.days }, (_, i) => addDays(plan.from, i));
  const dayName = (date: string) =>
    new Intl.DateTimeFormat(ctx.lang, { weekday: 'short', month: 'numeric', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
  return html`<div class="scroller">
    <table class="week">
      <thead>
        <tr>
          <th scope="col">${ctx.t('bay')}</th>
          ${dates.map(
            (d) =>
              html`<th scope="col">
                <button @click=${() => ctx.openDay(d)} title=${ctx.t('openDay', { date: d })}>${dayName(d)}</button>
                <div class="frees" aria-label=${ctx.t('free')}>
                  ${(plan.capacity.find((c) => c.date === d)?.skills ?? [])
                    .filter((s) => s.capacityHours > 0 || s.bookedHours > 0)
                    .map(
                      (s) =>
                        html`<span class="free ${s.freeHours < 0 ? 'over' : ''}"
                          >${ctx.t(`skill.${s.skill}`)}
                          ${s.freeHours < 0 ? ctx.t('over', { h: fmt(-s.freeHours) }) : ctx.t('hours', { h: fmt(s.freeHours) })}</span
                        >`,
                    )}
                </div>
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${plan.bays.map(
          (bay) =>
            html`<tr>
              <th scope="row" class="bayname">${ctx.bayName(bay.id)}</th>
              ${dates.map((d) => {
                const here = plan.appointments.filter((a) => a.bayId === bay.id && dateOf(ctx, a) === d);
                return html`<td class="cell ${ctx.target === `${bay.id}|${d}|` ? 'target' : ''}" data-bay=${bay.id} data-date=${d}>
                  ${here.map(
                    (a) =>
                      html`<button
                        class="chip ${a.status} ${ctx.selectedId === a.id ? 'selected' : ''}"
                        data-id=${a.id}
                        @pointerdown=${(e: PointerEvent) => ctx.grab(e, a)}
                        @keydown=${(e: KeyboardEvent) => {
                          if (e.key === 'Enter' || e.key === ' ') {
                            e.preventDefault();
                            ctx.select(a.id);
                          }
                        }}
                      >
                        <b>${formatTime(a.startsAt, plan.timezone, ctx.lang)}</b> ${a.vehicle.plate}<span class="visually-hidden"> ${label(ctx, a)}</span>
                      </button>`,
                  )}
                  <button
                    class="add"
                    data-bay=${bay.id}
                    data-date=${d}
                    aria-label=${`${ctx.t('book')} · ${ctx.bayName(bay.id)} · ${d}`}
                    @click=${() => ctx.book(d, bay.id)}
                  >
                    +
                  </button>
                </td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** How many of these days' appointments were cancelled, per reason: what a manager looks for. */
export function cancellationPanel(ctx: ViewContext): TemplateResult {
  const rows = ctx.plan.cancellations.filter((c) => c.count > 0);
  return html`<section class="panel" aria-labelledby="cancellations">
    <h2 id="cancellations">${ctx.t('cancellations')}</h2>
    ${
      rows.length
        ? html`<table>
            <tbody>
              ${rows.map(
                (r) =>
                  html`<tr data-reason=${r.code}>
                    <td>${r.label[ctx.lang === 'en' ? 'en' : 'zh-CN']}</td>
                    <td class="num">${ctx.t('count', { n: r.count })}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>${ctx.t('cancellationsNone')}</p>`
    }
  </section>`;
}
