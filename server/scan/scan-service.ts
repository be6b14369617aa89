import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Person } from '../../shared/domain/people-directory';
import { activePeopleAt, activePersonAt } from '../people/directory';
import type { RepairOrder } from '../../shared/domain/repair-order';
import { TERMINAL_STAGES } from '../../shared/domain/stages';
import type { Store } from '../../shared/domain/shop';
import { staffRo } from '../../shared/projections/project';
import type { ScanMe, ScanResolved, ScanStore, SignInPerson } from '../../shared/projections/scan-view';
import { codesKey, deviceKey, pinKey, type CodeRevocation, type DeviceAccess, type PinAccess } from '../../shared/workflow/access';
import type { Command } from '../../shared/workflow/commands';
import type { Actor } from '../../shared/workflow/events';
import type { StoreState } from '../../shared/workflow/state';
import type { Logger } from '../log';
import { fromWorkflow, HttpError } from '../http/errors';
import type { WorkshopService } from '../workshop-service';
import { CodeSigner, revocationSubject, type CodeSubject, type SignedCode } from './codes';
import { DeviceSessions, type DeviceClaims } from './device-session';

/** A signed-in device, checked against the store's records. */
export interface ScanSession {
  claims: DeviceClaims;
  device: DeviceAccess;
  person: Person;
  store: Store;
}

/** Why a code is refused; the scan page and the refusal page show each in words. */
export type CodeRefusal = 'invalid_code' | 'foreign_store' | 'revoked_code' | 'not_found';
const REFUSAL_STATUS: Record<CodeRefusal, number> = { invalid_code: 400, foreign_store: 403, revoked_code: 410, not_found: 404 };

export const refuse = (code: CodeRefusal, message: string, details?: Record<string, unknown>) => new HttpError(REFUSAL_STATUS[code], code, message, details);

/**
 * The scan page's server side: signed codes, device sign-ins, and what a scan shows. Writes
 * go through WorkshopService.commit like every other change (see scan-actions.ts for the
 * work actions and scan-admin.ts for an admin's tools).
 */
export class ScanService {
  readonly signer: CodeSigner;
  readonly sessions: DeviceSessions;

  constructor(
    readonly service: WorkshopService,
    signingKey: Buffer,
    readonly log: Logger,
    readonly now: () => number = Date.now,
  ) {
    this.signer = new CodeSigner(signingKey);
    this.sessions = new DeviceSessions(signingKey, now);
  }

  store(storeId: string): Store | undefined {
    return this.service.storeConfig(storeId);
  }

  /**
   * A fresh code for a subject. Issued after any revocation of the subject, even when that
   * was less than a second ago (codes carry whole seconds).
   */
  async issue(subject: CodeSubject): Promise<string> {
    const state = await this.service.state(subject.storeId);
    const { kind, subjectId } = revocationSubject(subject);
    const revoked = state.access.get(codesKey(kind, subjectId)) as CodeRevocation | undefined;
    const floor = revoked ? (Math.floor(Date.parse(revoked.before) / 1000) + 1) * 1000 : 0;
    return this.signer.sign(subject, Math.max(this.now(), floor));
  }

  /**
   * A code's signature, store and revocation checked. `deviceStore` is the store the device is
   * signed in at: a code of any other store is refused.
   */
  async check(token: string, deviceStore?: string): Promise<{ code: SignedCode; store: Store; state: StoreState }> {
    const verified = this.signer.verify(token);
    if (!verified.ok) {
      this.log.warn({ problem: verified.problem }, 'refused a scanned code');
      throw refuse(
        'invalid_code',
        verified.problem === 'malformed'
          ? 'This is not a code of this workshop system, or it was damaged'
          : 'This code was altered or was not issued by this server',
      );
    }
    const { code } = verified;
    const store = this.store(code.storeId);
    if (!store) throw refuse('foreign_store', `This code belongs to a store this server does not serve ("${code.storeId}")`, { storeId: code.storeId });
    if (deviceStore && deviceStore !== code.storeId)
      throw refuse('foreign_store', `This code belongs to store ${store.name.en}; this device is signed in at another store`, {
        storeId: code.storeId,
        deviceStore,
      });
    const state = await this.service.state(store.id);
    const { kind, subjectId } = revocationSubject(code);
    const revoked = state.access.get(codesKey(kind, subjectId)) as CodeRevocation | undefined;
    if (revoked && code.issuedAt <= Date.parse(revoked.before))
      throw refuse('revoked_code', 'This code was withdrawn; use the newly printed one', { kind, subjectId, revokedAt: revoked.before });
    return { code, store, state };
  }

  /** The device's sign-in, if its cookie is good and the store's record still holds it. */
  async session(headers: IncomingHttpHeaders): Promise<ScanSession | undefined> {
    const claims = this.sessions.claimsOf(headers);
    if (!claims) return undefined;
    const store = this.store(claims.store);
    if (!store) return undefined;
    const state = await this.service.state(store.id);
    const device = state.access.get(deviceKey(claims.dev)) as DeviceAccess | undefined;
    const person = activePersonAt(store, state, claims.sub);
    const holds =
      device && person && !device.ended && device.personId === claims.sub && Date.parse(device.since) === claims.since && Date.parse(device.until) > this.now();
    return holds ? { claims, device, person, store } : undefined;
  }

  me(session: ScanSession): ScanMe {
    const { device, person, store } = session;
    return {
      personId: person.id,
      name: person.name,
      roles: person.roles,
      storeId: store.id,
      deviceId: device.deviceId,
      method: device.method,
      until: device.until,
    };
  }

  storeInfo(store: Store, state: StoreState): ScanStore {
    return {
      id: store.id,
      name: store.name,
      timezone: store.timezone,
      locale: store.locale,
      allowParallelJobs: store.allowParallelJobs,
      bays: store.bays.map((b) => ({ id: b.id, name: b.name, ...(b.nameEn ? { nameEn: b.nameEn } : {}), kind: b.kind })),
      catalogue: store.catalogue.map((c) => ({ code: c.code, title: c.title })),
      people: activePeopleAt(store, state).map((p) => ({ id: p.id, name: p.name })),
    };
  }

  signInPeople(store: Store, state: StoreState): SignInPerson[] {
    return activePeopleAt(store, state).map((p) => ({
      id: p.id,
      name: p.name,
      ...(p.teamId ? { teamId: p.teamId } : {}),
      hasPin: !!(state.access.get(pinKey(p.id)) as PinAccess | undefined)?.hash,
    }));
  }

  /** What a scanned code shows this device. */
  async resolve(token: string, headers: IncomingHttpHeaders, bayParam?: string): Promise<ScanResolved> {
    const session = await this.session(headers);
    const verified = this.signer.verify(token);
    // A badge may sign in at another store; everything else must match the device's store.
    const deviceStore = verified.ok && verified.code.kind === 'badge' ? undefined : session?.store.id;
    const { code, store, state } = await this.check(token, deviceStore);
    const base = { token, kind: code.kind, storeId: store.id };
    if (code.kind === 'badge') {
      const person = activePersonAt(store, state, code.personId);
      if (!person) throw refuse('revoked_code', 'This badge belongs to someone who is no longer in the configuration', { personId: code.personId });
      return { ...base, target: { kind: 'badge', person: { id: person.id, name: person.name } }, ...(session ? { me: this.me(session) } : {}) };
    }
    const target = this.#target(code, store, state);
    if (!session) return { ...base, signIn: { people: this.signInPeople(store, state) } };
    const bay = bayParam ? this.bayFrom(bayParam, store) : undefined;
    return { ...base, target, store: this.storeInfo(store, state), me: this.me(session), ...(bay ? { bay } : {}) };
  }

  /** A bay named by a bay board (`?bay=`): a signed bay code or a bay id of this store; anything else is ignored. */
  bayFrom(param: string, store: Store): { id: string; name: string } | undefined {
    const verified = this.signer.verify(param);
    const bayId = verified.ok ? (verified.code.kind === 'bay' && verified.code.storeId === store.id ? verified.code.bayId : undefined) : param;
    const bay = store.bays.find((b) => b.id === bayId);
    return bay && { id: bay.id, name: bay.name };
  }

  #target(code: Exclude<SignedCode, { kind: 'badge' }>, store: Store, state: StoreState): NonNullable<ScanResolved['target']> {
    if (code.kind === 'bay') {
      const bay = store.bays.find((b) => b.id === code.bayId);
      if (!bay) throw refuse('not_found', `There is no bay "${code.bayId}" any more`, { bayId: code.bayId });
      return { kind: 'bay', bay: { id: bay.id, name: bay.name }, ros: rosAtBay(state, bay.id).map((ro) => staffRo(ro)) };
    }
    const ro = state.ros.get(code.roId);
    if (!ro) throw refuse('not_found', "This job card's repair order is not in the system", { roId: code.roId });
    if (code.kind === 'ro') return { kind: 'ro', ro: staffRo(ro) };
    if (!ro.operations.some((o) => o.id === code.operationId))
      throw refuse('not_found', `This operation is no longer on ${ro.number}`, { roId: ro.id, operationId: code.operationId });
    return { kind: 'operation', ro: staffRo(ro), operationId: code.operationId };
  }

  /** Commit as a scan: the person as actor, the device recorded. */
  async commit(storeId: string, command: Command, actor: Actor, deviceId: string, key = `scan:${randomUUID()}`) {
    const result = await this.service.commit({ storeId, command, actor, source: 'scan', key, device: deviceId });
    if (!result.ok) throw fromWorkflow(result.error);
    return result;
  }
}

/** Repair orders with work at a bay, the car being worked on there first. */
export function rosAtBay(state: StoreState, bayId: string): RepairOrder[] {
  const open = [...state.ros.values()].filter(
    (ro) => !TERMINAL_STAGES.includes(ro.stage) && ro.operations.some((o) => o.bayId === bayId && o.status !== 'done'),
  );
  const busy = (ro: RepairOrder) => ro.operations.some((o) => o.bayId === bayId && o.status === 'in_progress');
  return open.sort((a, b) => Number(busy(b)) - Number(busy(a)) || a.createdAt.localeCompare(b.createdAt)).slice(0, 5);
}

const services = new WeakMap<WorkshopService, ScanService>();

/** One ScanService per WorkshopService, made on first use (routes and pages share it). */
export function scanServiceOf(deps: { service: WorkshopService; auth: { signingKey: Buffer }; log: Logger }): ScanService {
  let scan = services.get(deps.service);
  if (!scan) services.set(deps.service, (scan = new ScanService(deps.service, deps.auth.signingKey, deps.log)));
  return scan;
}
