import { css, html, nothing } from 'lit';
import { formatPlate } from '../../../shared/domain/plate-rules';
import type { Operation } from '../../../shared/domain/repair-order';
import type { ScanMe, ScanResolved, ScanStore, SignInPerson } from '../../../shared/projections/scan-view';
import type { StaffRo } from '../../../shared/projections/views';
import type { ScanActionType } from '../../../shared/workflow/scan-actions';
import type { QueuedAction } from './action-queue';
import type { ApiError } from './scan-api';
import { icon, type IconName } from '../../common/icons';
import { isClosed, operationActions, repairOrderActions } from './scan-model';
import type { ScanText } from './scan-text';
import type { ActDetail } from './work-op';
import { targetText, type ActTarget } from './act-target';

const REFUSALS = ['invalid_code', 'foreign_store', 'revoked_code', 'not_found'] as const;
const OP_STATUSES = ['unassigned', 'assigned', 'in_progress', 'paused', 'done'];

const plateText = formatPlate;

/** What the page says about a queued action: "Start · Oil change · RO…". */
export const queuedText = (item: QueuedAction, text: ScanText) =>
  item.roNumber ? `${text.t(`act.${item.action.type}`)} · ${targetText(item)}` : (item.label ?? item.roId);

/** Why an action was not done, in words a technician can act on. */
export function failureText(error: ApiError, text: ScanText, store?: ScanStore, me?: ScanMe | null, ro?: StaffRo): string {
  const { t, c } = text;
  const d = (error.details ?? {}) as Record<string, string | undefined>;
  if (error.code === 'illegal_transition' && d.current) {
    const current = OP_STATUSES.includes(d.current) ? c(`op.${d.current}` as never) : c(`stage.${d.current}` as never);
    // Say who has it, when someone else does: that is usually the whole story.
    const by = ro?.operations.find((o) => o.id === d.operationId)?.technicianId;
    const name = by && by !== me?.personId ? store?.people.find((p) => p.id === by)?.name : undefined;
    return name ? t('fail.staleBy', { current, name }) : t('fail.stale', { current });
  }
  if (error.code === 'conflict' && d.technicianId) {
    const name = d.technicianId === me?.personId ? me.name : (store?.people.find((p) => p.id === d.technicianId)?.name ?? d.technicianId);
    return t('fail.busyTech', { name, op: d.operationTitle ?? '', ro: d.roNumber ?? '' });
  }
  if (error.code === 'conflict' && d.bayId) {
    return t('fail.busyBay', { bay: store?.bays.find((b) => b.id === d.bayId)?.name ?? d.bayId, ro: d.roNumber ?? '' });
  }
  if (error.code === 'forbidden') return t('fail.forbidden');
  if ((REFUSALS as readonly string[]).includes(error.code)) return t(`refuse.${error.code as (typeof REFUSALS)[number]}.body`);
  return t('fail.other', { message: error.message });
}

export function topBar(o: {
  text: ScanText;
  me?: ScanMe | null;
  online: boolean;
  bay?: { id: string; name: string };
  store?: ScanStore;
  backToBoard: boolean;
  pending: number;
  onSignOut: () => void;
  onClearBay: () => void;
}) {
  const { t, time } = o.text;
  return html`
    <header class="bar">
      ${o.backToBoard ? html`<button class="back" aria-label="back" @click=${() => history.back()}>${icon('back')}</button>` : nothing}
      <div class="who">
        ${o.me ? html`<b data-me=${o.me.personId}>${icon('user')} ${o.me.name}</b><small>${t('page.until', { time: time(o.me.until) })}</small>` : html`<b>${t('page.title')}</b>`}
      </div>
      ${o.pending ? html`<a class="queued" href="#pending" data-queued=${o.pending}>${icon('hourglass')} ${o.pending}</a>` : nothing}
      <span class="net ${o.online ? 'on' : 'off'}" data-online=${o.online}>${o.online ? `● ${t('page.online')}` : `○ ${t('page.offlineShort')}`}</span>
      ${o.me ? html`<button class="signout" @click=${o.onSignOut}>${t('page.signOut')}</button>` : nothing}
    </header>
    ${o.online ? nothing : html`<div class="offline" role="status">${icon('offline')} ${t('page.offline')}</div>`}
    ${o.bay && o.me ? html`<div class="baybar"><span>${icon('pin')} ${t('page.currentBay', { bay: o.bay.name })}</span><button @click=${o.onClearBay}>${t('page.clearBay')}</button></div>` : nothing}
  `;
}

export function pendingPanel(o: { text: ScanText; items: readonly QueuedAction[]; sending?: string; me?: ScanMe | null; onDiscard: (id: string) => void }) {
  if (!o.items.length) return nothing;
  const { t, time } = o.text;
  return html`
    <section class="pending" id="pending" data-pending=${o.items.length}>
      <h2>${icon('hourglass')} ${t('page.pending', { n: o.items.length })}</h2>
      <p class="muted">${t('page.pendingHint')}</p>
      <ol>${o.items.map((item) => {
        const blocked = o.me?.personId !== item.personId;
        return html`<li data-action-id=${item.id}>
          <span>${queuedText(item, o.text)}</span><small>${time(item.queuedAt)}${item.id === o.sending ? ` · ${t('page.sending')}` : ''}${blocked ? ` · ${t('page.waitingFor', { name: item.personId })}` : ''}</small>
          ${blocked ? html`<button @click=${() => o.onDiscard(item.id)}>${t('page.discard')}</button>` : nothing}
        </li>`;
      })}</ol>
    </section>`;
}

export function refusalCard(text: ScanText, error: ApiError, onScan?: () => void) {
  const { t } = text;
  const known = (REFUSALS as readonly string[]).includes(error.code) ? (error.code as (typeof REFUSALS)[number]) : undefined;
  return html`
    <div class="card refusal" role="alert" data-refusal=${error.code}>
      <div class="icon">${icon('alert')}</div>
      <h2>${known ? t(`refuse.${known}.title`) : error.code === 'offline' ? t('page.offlineShort') : t('refuse.other.title')}</h2>
      <p>${known ? t(`refuse.${known}.body`) : error.message}</p>
    </div>
    ${
      onScan
        ? html`<button class="big resume" @click=${onScan}><span class="icon">${icon('camera')}</span>${t('refuse.scanAnother')}</button>`
        : html`<p class="use-scanner" data-testid="use-scanner">${t('shared.scanAnother')}</p>`
    }`;
}

/** `onBadge` undefined: no camera here (a shared bay screen), so the badge goes through the scanner. */
export function signInView(o: { text: ScanText; people: SignInPerson[]; storeId: string; onBadge?: () => void; onSignedIn: (me: ScanMe) => void }) {
  const { t } = o.text;
  return html`
    <div class="card signin">
      <h2>${icon('lock')} ${t('signIn.title')}</h2>
      ${
        o.onBadge
          ? html`<button class="big resume" data-action="badge" @click=${o.onBadge}><span class="icon">${icon('badge')}</span>${t('signIn.badge')}</button>`
          : html`<p class="use-scanner" data-testid="use-scanner"><span class="icon">${icon('badge')}</span>${t('shared.scanBadge')}</p>`
      }
    </div>
    ${
      o.people.length
        ? html`<div class="card"><pin-sign-in .people=${o.people} store-id=${o.storeId} .text=${o.text}
          @signed-in=${(e: CustomEvent<ScanMe>) => o.onSignedIn(e.detail)}></pin-sign-in></div>`
        : html`<p class="muted">${t('signIn.noPeople')}</p>`
    }`;
}

function roHeader(ro: StaffRo, text: ScanText) {
  const { t, c, time } = text;
  return html`
    <header class="ro" data-ro=${ro.id}>
      <div class="line"><span class="plate">${plateText(ro.vehicle.plate)}</span><span class="pill stage" data-stage=${ro.stage}>${c(`stage.${ro.stage}`)}</span></div>
      <div class="car">${[ro.vehicle.make, ro.vehicle.model, ro.vehicle.color].filter(Boolean).join(' ')}</div>
      <div class="meta muted"><span class="num">${ro.number}</span>${ro.promisedAt ? html`<span>${t('ro.promised', { time: time(ro.promisedAt) })}</span>` : nothing}</div>
    </header>`;
}

function closedNote(ro: StaffRo, text: ScanText) {
  const { t, time } = text;
  const key = ro.stage === 'delivered' ? 'ro.closed.delivered' : ro.stage === 'cancelled' ? 'ro.closed.cancelled' : 'ro.closed.no_show';
  return html`<div class="card closed" data-closed=${ro.stage} role="status">${icon('check')} ${t(key, { time: time(ro.deliveredAt ?? ro.stageSince) })}</div>`;
}

const RO_BUTTON: Partial<Record<ScanActionType, { cls: string; icon: IconName }>> = {
  qcPass: { cls: 'pass', icon: 'check' },
  qcFail: { cls: 'fail', icon: 'x' },
  washDone: { cls: 'resume', icon: 'drop' },
  markReady: { cls: 'resume', icon: 'bell' },
  deliver: { cls: 'finish', icon: 'car' },
};

interface TargetProps {
  text: ScanText;
  resolved: ScanResolved;
  me: ScanMe;
  store: ScanStore;
  shown: Map<string, StaffRo>;
  queued: readonly QueuedAction[];
  bay?: { id: string; name: string };
  onAct: (detail: ActDetail, target: ActTarget) => void;
  onProposeAddOn: (target: ActTarget) => void;
}

/** Roles that may propose add-on work (shared/workflow/permissions.ts: proposeAddOn). */
const PROPOSERS = ['technician', 'advisor', 'dispatcher', 'manager', 'admin'];
const PROPOSE_STAGES = ['checked_in', 'waiting_dispatch', 'in_service'];

/** The order's add-on work and how each stands, and the button to propose more (for those who may, while the car is in the workshop). */
function addOnPart(p: TargetProps, ro: StaffRo, target: ActTarget) {
  const { t } = p.text;
  const may = PROPOSE_STAGES.includes(ro.stage) && p.me.roles.some((r) => PROPOSERS.includes(r));
  const addOns = ro.addOns ?? [];
  if (!may && !addOns.length) return nothing;
  return html`${
    addOns.length
      ? html`<div class="card addons" data-addons><b>${t('addOn.list')}</b>
      ${addOns.map(
        (a) => html`<div class="addon" data-add-on=${a.id} data-status=${a.status}><span>${a.title} · ¥${a.price.toFixed(2)} · ${a.hours} h</span>
        <span class="pill">${t(`addOn.${a.status}`)}</span></div>`,
      )}</div>`
      : nothing
  }
    ${may ? html`<button class="big ghost" data-action="proposeAddOn" @click=${() => p.onProposeAddOn(target)}><span class="icon">${icon('alert')}</span>${t('addOn.propose')}</button>` : nothing}`;
}

function opCard(p: TargetProps, ro: StaffRo, op: Operation, opts: { large?: boolean; withActions: boolean }) {
  const target: ActTarget = { token: p.resolved.token, roId: ro.id, operationId: op.id, roNumber: ro.number, opTitle: op.title };
  const actions = opts.withActions && !isClosed(ro) ? operationActions(ro, op.id, p.me.roles) : [];
  const startBay = p.bay ?? p.store.bays.find((b) => b.id === op.bayId);
  return html`<work-op ?large=${!!opts.large} .ro=${ro} .op=${op} .actions=${actions} .store=${p.store} .text=${p.text}
    .startBay=${startBay} ?pending=${p.queued.some((q) => q.operationId === op.id)}
    @scan-act=${(e: CustomEvent<ActDetail>) => p.onAct(e.detail, target)}></work-op>`;
}

function roActions(p: TargetProps, ro: StaffRo) {
  const actions = isClosed(ro) ? [] : repairOrderActions(ro, p.me.roles);
  if (!actions.length) return nothing;
  const target: ActTarget = { token: p.resolved.token, roId: ro.id, roNumber: ro.number, plate: ro.vehicle.plate };
  return html`<div class="row">${actions.map((type) => {
    const look = RO_BUTTON[type] ?? { cls: 'neutral', icon: 'check' as IconName };
    return html`<button class="big ${look.cls}" data-action=${type} @click=${() => p.onAct({ type, roId: ro.id }, target)}><span class="icon">${icon(look.icon)}</span>${p.text.t(`act.${type}`)}</button>`;
  })}</div>`;
}

/** After a badge scan: who is signed in, and what to do next. */
export function badgeView(text: ScanText, me: ScanMe) {
  const { t } = text;
  return html`<div class="card badge"><div class="ok">${icon('check')} ${t('badge.signedIn')}</div><div class="name">${me.name}</div>
    <div class="hero">${icon('camera')}</div><p>${t('badge.scanCard')}</p></div>`;
}

/** What a scanned code shows: a badge, a bay and its cars, a repair order, or one operation. */
export function targetView(p: TargetProps) {
  const { t } = p.text;
  const target = p.resolved.target;
  if (!target) return nothing;
  switch (target.kind) {
    case 'badge':
      return badgeView(p.text, p.me);
    case 'bay': {
      const ros = target.ros.map((ro) => p.shown.get(ro.id) ?? ro);
      return html`<div class="card baycard"><div class="bayname">${icon('pin')} ${target.bay.name}</div><div class="ok">${icon('check')} ${t('bay.selected')}</div>
          <p>${ros.length ? t('bay.scanCard') : t('bay.empty')}</p></div>
        ${ros.map(
          (ro) => html`<div class="card ro-card">${roHeader(ro, p.text)}</div>
          ${ro.operations.filter((o) => o.bayId === target.bay.id).map((op) => opCard(p, ro, op, { withActions: true }))}`,
        )}`;
    }
    case 'ro': {
      const ro = p.shown.get(target.ro.id) ?? target.ro;
      const any = !isClosed(ro) && (repairOrderActions(ro, p.me.roles).length || ro.operations.some((o) => operationActions(ro, o.id, p.me.roles).length));
      return html`<div class="card ro-card">${roHeader(ro, p.text)}</div>
        ${isClosed(ro) ? closedNote(ro, p.text) : roActions(p, ro)}
        ${ro.operations.map((op) => opCard(p, ro, op, { withActions: true }))}
        ${!isClosed(ro) && !any ? html`<p class="muted">${t('ro.nothing')}</p>` : nothing}
        ${addOnPart(p, ro, { token: p.resolved.token, roId: ro.id, roNumber: ro.number, plate: ro.vehicle.plate })}`;
    }
    case 'operation': {
      const ro = p.shown.get(target.ro.id) ?? target.ro;
      const op = ro.operations.find((o) => o.id === target.operationId)!;
      const others = ro.operations.filter((o) => o.id !== op.id);
      const actions = operationActions(ro, op.id, p.me.roles);
      return html`<div class="card ro-card">${roHeader(ro, p.text)}</div>
        ${isClosed(ro) ? closedNote(ro, p.text) : nothing}
        ${opCard(p, ro, op, { large: true, withActions: true })}
        ${!isClosed(ro) && !actions.length ? html`<p class="muted">${t('op.noActions')}</p>` : nothing}
        ${roActions(p, ro)}
        ${addOnPart(p, ro, { token: p.resolved.token, roId: ro.id, operationId: op.id, roNumber: ro.number, opTitle: op.title })}
        ${others.length ? html`<h2 class="others">${t('ro.otherOperations')}</h2><div class="dim">${others.map((o) => opCard(p, ro, o, { withActions: false }))}</div>` : nothing}`;
    }
  }
}

/** Styles of the views above (they render into the scan page's shadow root). */
export const viewStyles = css`
.addons { display: grid; gap: 8px; font-size: 20px; }
      .addons .addon { display: flex; justify-content: space-between; gap: 8px; flex-wrap: wrap; }
.bar { position: sticky; top: 0; z-index: 10; display: flex; align-items: center; gap: 10px; padding: 10px 14px; background: #0b1220; border-bottom: 2px solid #1e293b; }
      .bar .who { flex: 1; display: grid; }
      .bar .who b { font-size: 24px; }
      .bar .who small { color: #94a3b8; font-size: 16px; }
      .bar .queued { font-size: 18px; font-weight: 900; color: #1c1917; background: #fbbf24; padding: 4px 10px; border-radius: 999px; text-decoration: none; }
      .bar .net { font-size: 16px; font-weight: 800; padding: 4px 10px; border-radius: 999px; }
      .bar .net.on { color: #4ade80; border: 2px solid #166534; }
      .bar .net.off { color: #fbbf24; border: 2px solid #b45309; }
      .bar .signout, .bar .back { min-height: 52px; padding: 0 14px; border-radius: 12px; border: 2px solid #64748b; background: transparent; color: #e2e8f0; font-size: 18px; font-weight: 700; }
      .bar .back { font-size: 30px; }
      .offline { margin: 10px 14px 0; padding: 12px 14px; border-radius: 14px; background: #422006; border: 3px solid #f59e0b; font-weight: 800; font-size: 20px; }
      .baybar { display: flex; align-items: center; justify-content: space-between; gap: 10px; margin: 10px 14px 0; padding: 8px 8px 8px 14px; border-radius: 14px; background: #0c2a4a; border: 2px solid #1d4ed8; font-size: 21px; font-weight: 800; }
      .baybar button { min-height: 48px; padding: 0 14px; border-radius: 10px; border: 2px solid #93c5fd; background: transparent; color: #dbeafe; font-size: 18px; }
.pending { margin: 10px 14px 0; padding: 12px 14px; border-radius: 16px; background: #1c1917; border: 3px dashed #f59e0b; }
        .pending h2 { font-size: 22px; margin: 0; }
        .pending p { margin: 2px 0 6px; font-size: 17px; }
        .pending ol { margin: 0; padding-left: 26px; display: grid; gap: 6px; font-size: 19px; }
        .pending li small { display: block; color: #a8a29e; font-size: 15px; }
        .pending li button { min-height: 44px; margin-top: 4px; padding: 0 12px; border-radius: 10px; border: 2px solid #ef4444; background: transparent; color: #fecaca; }
.refusal { border: 4px solid #ef4444; background: #450a0a; }
      .refusal .icon { font-size: 56px; color: #fca5a5; }
      .refusal h2 { font-size: 32px; margin: 8px 0; }
      .refusal p { font-size: 21px; margin: 0; }
.signin { display: grid; gap: 14px; } .signin h2 { font-size: 30px; margin: 0; }
.ro { display: grid; gap: 4px; }
      .ro .line { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 8px 10px; }
      .ro .plate { white-space: nowrap; font-size: 26px; font-weight: 900; background: #1d4ed8; color: #fff; padding: 2px 10px; border-radius: 8px; border: 2px solid #bfdbfe; letter-spacing: .03em; }
      .ro .car { font-size: 21px; font-weight: 700; }
      .ro .meta { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 18px; }
      .ro .stage { color: #7dd3fc; }
      .ro-card { padding: 12px 14px; }
.closed { font-size: 26px; font-weight: 800; border-color: #64748b; background: #1e293b; text-align: center; padding: 26px 16px; }
.badge { text-align: center; padding: 28px 16px; }
.badge .hero { font-size: 88px; color: #67e8f9; margin-top: 10px; } .badge .ok { font-size: 24px; color: #4ade80; font-weight: 800; } .badge .name { font-size: 40px; font-weight: 900; } .badge p { font-size: 22px; }
.baycard { text-align: center; } .bayname { font-size: 36px; font-weight: 900; } .baycard .ok { color: #4ade80; font-weight: 800; font-size: 22px; } .baycard p { font-size: 21px; margin: 6px 0 0; }
.others { font-size: 20px; color: #94a3b8; margin: 8px 0 0; }
.dim { display: grid; gap: 10px; opacity: .72; }
`;
