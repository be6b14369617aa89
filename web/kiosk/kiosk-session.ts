import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../../shared/domain/ids';
import { formatDateTime } from '../../shared/i18n/translate';
import type { CallStatus, KioskSetup } from '../../shared/kiosk/payloads';
import type { KioskAction } from './kiosk-actions';
import { KioskApi, newKey, type ApiError } from './kiosk-api';
import {
  apiNotice,
  back,
  begin,
  edit,
  freshFlow,
  goTo,
  last4Notice,
  mileageNotice,
  next,
  phoneNotice,
  plateNotice,
  withFieldErrors,
  type Flow,
  type Notice,
} from './kiosk-flow';

export interface SessionOptions {
  /** Read when the host connects: a custom element's attributes are not set at construction. */
  storeId: () => string;
  kioskId: () => string;
  /** A paired kiosk's key (sent with every request), or '' for an anonymous kiosk. */
  kioskKey: () => string;
  /** The language the customer is using now (walk-ins are named in it). */
  locale: () => Locale;
}

/**
 * One customer's visit to the kiosk: the flow, and every request it makes on the way. The
 * kiosk element renders `flow` and hands actions to `run`; this decides what each one means.
 * `reset` starts a new visit — answers still in flight for the old one are dropped, so a slow
 * lookup can never bring one customer's booking onto the next customer's screen.
 */
export class KioskSession implements ReactiveController {
  flow: Flow = freshFlow();
  setup?: KioskSetup;
  loadFailed = false;

  #api!: KioskApi;
  #visit = 0;
  #retry?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SessionOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#api = new KioskApi(this.options.storeId(), this.options.kioskId(), this.options.kioskKey());
    void this.#load();
  }

  hostDisconnected(): void {
    clearTimeout(this.#retry);
  }

  get country() {
    return this.setup?.store.country ?? 'CN';
  }

  /** A new visit: the start screen, nothing typed, nothing found. */
  reset(): void {
    this.#visit++;
    this.#set(freshFlow());
  }

  async run(action: KioskAction): Promise<void> {
    const flow = this.flow;
    switch (action.type) {
      case 'begin':
        return this.#set({ ...begin(action.mode), attemptKey: newKey() });
      case 'back':
        return this.#set(back(flow));
      case 'home':
        return this.reset();
      case 'edit':
        return this.#set(edit(flow, action.patch));
      case 'scan':
        return this.#set(goTo({ ...flow, mode: 'appointment' }, 'scan'));
      case 'scanned':
        return this.#scanned(action.code);
      case 'next':
      case 'find':
        return this.#next();
      case 'submit':
        return this.#submit();
      case 'print':
        window.print();
        return;
      case 'rate':
        return this.#rate(action.score, action.comment);
    }
  }

  /** "Call an advisor": what to tell the customer, and the call to watch for an answer. */
  async callAdvisor(): Promise<{ notice: Notice; call?: { id: string; since: number } }> {
    const result = await this.#api.callAdvisor(this.options.locale());
    if (!result.ok) return { notice: { key: 'call.failed' } };
    const { call, repeated, since } = result.data;
    return { notice: { key: repeated ? 'call.repeat' : 'call.sent' }, ...(call ? { call: { id: call.id, since } } : {}) };
  }

  /** Whether someone answered the call, and who (undefined while nobody has, or the server is away). */
  async callAnswer(call: { id: string; since: number }): Promise<CallStatus | undefined> {
    const result = await this.#api.callStatus(call.id, call.since);
    return result.ok && result.data.state === 'answered' ? result.data : undefined;
  }

  #set(flow: Flow): void {
    this.flow = flow;
    this.host.requestUpdate();
  }

  /** Run a request for the current visit; its answer is applied only if the visit is still on. */
  async #request<T>(send: () => Promise<{ ok: true; data: T } | { ok: false; error: ApiError }>, onOk: (data: T) => Flow): Promise<void> {
    const visit = this.#visit;
    this.#set({ ...this.flow, busy: true, error: undefined });
    const result = await send();
    if (visit !== this.#visit) return;
    if (result.ok) this.#set(onOk(result.data));
    else if (result.error.code === 'has_appointment') {
      // Both facts matched a booking for today: check that in instead of opening a second order.
      const found = result.error.details as Flow['found'];
      this.#set({ ...goTo(this.flow, 'confirm'), mode: 'appointment', found, redirected: true, attemptKey: newKey() });
    } else this.#refused(result.error);
  }

  async #load(): Promise<void> {
    const result = await this.#api.setup();
    if (result.ok) {
      this.setup = result.data;
      this.loadFailed = false;
    } else {
      // A kiosk runs unattended: keep trying until the server answers.
      this.loadFailed = true;
      this.#retry = setTimeout(() => void this.#load(), 10_000);
    }
    this.host.requestUpdate();
  }

  #next(): Promise<void> | void {
    const flow = this.flow;
    const refuse = (field: 'plate' | 'last4' | 'phone' | 'mileage', notice: Notice) => this.#set({ ...flow, fieldErrors: { [field]: notice } });
    switch (flow.screen) {
      case 'plate': {
        const problem = plateNotice(flow.draft.plate, this.country);
        return problem ? refuse('plate', problem) : this.#set(next(flow));
      }
      case 'last4': {
        const problem = last4Notice(flow.draft.last4);
        if (problem) return refuse('last4', problem);
        const { plate, last4 } = flow.draft;
        return flow.mode === 'survey'
          ? this.#request(
              () => this.#api.findSurvey(plate, last4),
              (visit) => ({ ...goTo(this.flow, 'rate'), visit }),
            )
          : this.#request(
              () => this.#api.findAppointment(plate, last4),
              (found) => ({ ...goTo(this.flow, 'confirm'), found }),
            );
      }
      case 'phone': {
        const problem = phoneNotice(flow.draft.phone, this.country);
        return problem ? refuse('phone', problem) : this.#set(next(flow));
      }
      case 'details': {
        const problem = mileageNotice(flow.draft.mileage);
        if (problem) return refuse('mileage', problem);
        if (!flow.draft.services.length && !flow.draft.description.trim())
          return this.#set({ ...goTo(flow, 'services'), fieldErrors: { services: { key: 'field.services' } } });
        return this.#set(next(flow));
      }
      default:
        return this.#set(next(flow));
    }
  }

  /** A code from the keyboard-wedge scanner or the camera, on whatever screen was showing. */
  #scanned(code: string): Promise<void> | void {
    const start = goTo({ ...begin('appointment'), attemptKey: newKey() }, 'scan');
    if (!code.includes('TWA1.')) return this.#set({ ...start, error: { key: 'err.unknown_code' } });
    this.#set(start);
    return this.#request(
      () => this.#api.scanAppointment(code),
      (found) => ({ ...goTo(this.flow, 'confirm'), found }),
    );
  }

  #submit(): Promise<void> | void {
    const flow = this.flow;
    if (!flow.draft.consent) return this.#set({ ...flow, fieldErrors: { consent: { key: 'field.consent' } } });
    // The same key for every tap of this check-in: a retry after a lost answer is applied once.
    const key = flow.attemptKey ?? newKey();
    this.#set({ ...flow, attemptKey: key });
    const d = flow.draft;
    const found = flow.found;
    return this.#request(
      () =>
        found
          ? this.#api.checkIn(found.ticket, key, this.options.locale())
          : this.#api.walkIn(
              {
                plate: d.plate,
                phone: d.phone,
                salutation: d.salutation,
                services: d.services,
                locale: this.options.locale(),
                ...(d.surname.trim() ? { surname: d.surname.trim() } : {}),
                ...(d.make ? { make: d.make } : {}),
                ...(d.mileage ? { mileageKm: Number(d.mileage) } : {}),
                ...(d.description.trim() ? { description: d.description.trim() } : {}),
              },
              key,
            ),
      (done) => ({ ...goTo(this.flow, 'done'), done }),
    );
  }

  #rate(score: number, comment?: string): Promise<void> | void {
    const ticket = this.flow.visit?.ticket;
    if (!ticket) return;
    return this.#request(
      () => this.#api.submitSurvey(ticket, score, comment),
      () => goTo(this.flow, 'thanks'),
    );
  }

  #refused(error: ApiError): void {
    const flow = this.flow;
    if (error.code === 'invalid_input') return this.#set(withFieldErrors(flow, error.details, this.country));
    const date = (iso: string) => formatDateTime(iso, this.setup?.store.timezone ?? 'Asia/Shanghai', this.options.locale());
    this.#set({ ...flow, busy: false, error: apiNotice(error, flow.mode, date) });
  }
}
