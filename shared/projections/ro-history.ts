import type { Locale } from '../domain/ids';
import { personOf } from '../domain/people-directory';
import type { Store } from '../domain/shop';
import { common } from '../i18n/common';
import { roHistory } from '../i18n/ro-history';
import { formatDateTime, translator } from '../i18n/translate';
import type { ActorKind, Source, WorkshopEvent } from '../workflow/events';
import type { Fact } from '../workflow/facts';

/** One line of a repair order's history: who did what, when, from where. */
export interface HistoryEntry {
  seq: number;
  at: string;
  /** The fact's type (`operationStarted`, …). */
  type: string;
  /** The line in words, in both languages. */
  summary: Record<Locale, string>;
  /** `name`: the directory's name for the id today, else the one recorded, else null (events from before names). */
  actor: { kind: ActorKind; id: string; name: string | null };
  source: Source;
  device: string | null;
}

const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** Names as the store gives them today: its people (by id) and its paired screens. */
export interface HistoryNames {
  person(id: string): string | undefined;
  display(id: string): string | undefined;
}

/** The store's config people; no screens. */
export const configNames = (store: Store): HistoryNames => ({ person: (id) => personOf(store, id)?.name, display: () => undefined });

/**
 * Turns a repair order's events, oldest first, into history lines. It remembers the operations'
 * titles as the events name them, so an order that has left the live state still reads in words.
 * Summaries carry no customer data (no plates, names, phones): a history is staff reading, but
 * it is also what an integration copies elsewhere.
 */
export class HistoryDescriber {
  readonly #titles = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly names: HistoryNames = configNames(store),
  ) {}

  entry(event: WorkshopEvent): HistoryEntry {
    this.#learn(event);
    const summary = {} as Record<Locale, string>;
    for (const locale of LOCALES) summary[locale] = this.#describe(event, locale);
    return {
      seq: event.seq,
      at: event.at,
      type: event.type,
      summary,
      actor: { kind: event.actor.kind, id: event.actor.id, name: this.#nameOf(event.actor) },
      source: event.source,
      device: event.device ?? null,
    };
  }

  #learn(f: Fact): void {
    if (f.type === 'repairOrderCreated') for (const op of f.data.ro.operations) this.#titles.set(op.id, op.title);
    if (f.type === 'operationAdded') this.#titles.set(f.data.operation.id, f.data.operation.title);
    if (f.type === 'addOnProposed') this.#titles.set(f.data.addOnId, f.data.title);
  }

  // People get renamed and screens re-paired: today's name wins, the recorded one is the fallback.
  #nameOf(actor: WorkshopEvent['actor']): string | null {
    const current =
      actor.kind === 'staff' || actor.kind === 'technician' ? this.names.person(actor.id) : actor.kind === 'display' ? this.names.display(actor.id) : undefined;
    return current ?? actor.name ?? null;
  }

  #person = (id: string | undefined) => (id ? (this.names.person(id) ?? id) : '');
  #bay = (id: string | undefined) => (id ? (this.store.bays.find((b) => b.id === id)?.name ?? id) : '');
  #op = (id: string) => this.#titles.get(id) ?? id;

  #describe(f: Fact, locale: Locale): string {
    const t = translator(roHistory, locale);
    const c = translator(common, locale);
    switch (f.type) {
      case 'repairOrderCreated':
        return t(f.data.ro.stage === 'scheduled' ? 'fact.createdScheduled' : 'fact.created');
      case 'repairOrderUpdated': {
        const p = f.data.patch;
        const fields: string[] = [];
        if (p.promisedAt !== undefined)
          fields.push(
            p.promisedAt === null ? t('field.promisedAtCleared') : t('field.promisedAt', { time: formatDateTime(p.promisedAt, this.store.timezone, locale) }),
          );
        if (p.priority) fields.push(t('field.priority', { priority: t(`priority.${p.priority}`) }));
        if (p.wash !== undefined) fields.push(t(p.wash ? 'field.wash' : 'field.washOff'));
        if (p.description !== undefined) fields.push(t('field.description'));
        if (p.advisorId) fields.push(t('field.advisorId', { advisor: this.#person(p.advisorId) }));
        if (p.vehicle) fields.push(t('field.vehicle'));
        if (p.customer) fields.push(t('field.customer'));
        return t('fact.updated', { fields: fields.join(t('list')) });
      }
      case 'repairOrderCheckedIn':
        return f.data.queueNumber ? t('fact.checkedInQueue', { queue: f.data.queueNumber }) : t('fact.checkedIn');
      case 'repairOrderSentToWorkshop':
        return t('fact.sentToWorkshop');
      case 'qcPassed':
        return t('fact.qcPassed', { next: t(`next.${f.data.next}`) });
      case 'qcFailed':
        return t('fact.qcFailed', { reason: f.data.reason, count: f.data.reopened.length });
      case 'washFinished':
        return t('fact.washFinished');
      case 'repairOrderMarkedReady':
        return t('fact.markedReady');
      case 'repairOrderDelivered':
        return t('fact.delivered');
      case 'repairOrderCancelled':
        return t('fact.cancelled', { reason: f.data.reason });
      case 'repairOrderNoShow':
        return t('fact.noShow');
      case 'surveySubmitted':
        return t('fact.survey', { score: f.data.score });
      case 'operationAdded':
        return t('fact.opAdded', { op: f.data.operation.title });
      case 'operationAssigned': {
        const params = { op: this.#op(f.data.operationId), bay: this.#bay(f.data.bayId), tech: this.#person(f.data.technicianId) };
        return t(f.data.technicianId ? 'fact.opAssignedTech' : 'fact.opAssigned', params);
      }
      case 'operationStarted':
        return f.data.bayId
          ? t('fact.opStartedAt', { op: this.#op(f.data.operationId), bay: this.#bay(f.data.bayId) })
          : t('fact.opStarted', { op: this.#op(f.data.operationId) });
      case 'operationPaused': {
        const pause = f.data.pause;
        const op = this.#op(f.data.operationId);
        return pause.reason === 'parts' ? t('fact.opPausedParts', { op, part: pause.part }) : t('fact.opPaused', { op, reason: c(`pause.${pause.reason}`) });
      }
      case 'operationResumed':
        return t('fact.opResumed', { op: this.#op(f.data.operationId) });
      case 'partsEtaCorrected':
        return t('fact.partsEta', { op: this.#op(f.data.operationId), time: formatDateTime(f.data.eta, this.store.timezone, locale) });
      case 'operationFinished':
        return t('fact.opFinished', { op: this.#op(f.data.operationId), minutes: Math.round(f.data.workedMs / 60_000) });
      case 'addOnProposed':
        return t('fact.addOnProposed', { title: f.data.title, price: `¥${f.data.price.toFixed(2)}`, hours: f.data.hours, photos: f.data.photoIds.length });
      case 'addOnApproved':
      case 'addOnDeclined': {
        const who = f.data.by === 'customer' ? t('addOnBy.customer') : this.#person(f.data.personId) || t('addOnBy.advisor');
        return t(f.type === 'addOnApproved' ? 'fact.addOnApproved' : 'fact.addOnDeclined', {
          title: this.#op(f.data.addOnId),
          who,
          channel: t(`addOnChannel.${f.data.channel}`),
        });
      }
      case 'appointmentCancelled':
        return t('fact.appointmentCancelled');
      case 'appointmentNoShow':
        return t('fact.appointmentNoShow');
      default:
        return t('fact.other', { type: f.type });
    }
  }
}
