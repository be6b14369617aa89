import type { IncomingHttpHeaders } from 'node:http';
import { staffRo } from '../../shared/projections/project';
import type { ScanActionRequest, ScanActionResult } from '../../shared/projections/scan-view';
import type { Command } from '../../shared/workflow/commands';
import { answers, targetOfFact } from '../../shared/workflow/fact-targets';
import type { Fact } from '../../shared/workflow/facts';
import { mayDo, OPERATION_ACTIONS } from '../../shared/workflow/scan-actions';
import { scanCommand } from '../../shared/workflow/scan-command';
import { HttpError } from '../http/errors';
import { refuse, type ScanService, type ScanSession } from './scan-service';
import { actorOfPerson } from '../actors';

const ROLE_WORDS: Record<string, string> = {
  startOperation: 'start work',
  pauseOperation: 'pause work',
  resumeOperation: 'resume work',
  finishOperation: 'finish work',
  qcPass: 'pass quality checks',
  qcFail: 'fail quality checks',
  washDone: 'finish washing',
  markReady: 'mark cars ready',
  deliver: 'deliver cars',
};

/**
 * One tap on the scan page. The scanned code names the repair order (and operation); the
 * signed-in person is the actor, checked for the role; the device is recorded; the page's
 * action id is the idempotency key, so a retry (or an offline queue sent twice) applies once.
 * Whether the move is legal now is the lifecycle's decision: a stale action gets its refusal.
 */
export async function scanAction(scan: ScanService, headers: IncomingHttpHeaders, key: string, body: ScanActionRequest): Promise<ScanActionResult> {
  const session = await scan.session(headers);
  if (!session) throw new HttpError(401, 'sign_in_required', 'Sign in first: scan your badge or use your PIN');
  const { action } = body;
  if (!mayDo(session.person.roles, action.type))
    throw new HttpError(403, 'forbidden', `${session.person.name} (${session.person.roles.join(', ')}) may not ${ROLE_WORDS[action.type] ?? action.type}`, {
      roles: session.person.roles,
      action: action.type,
    });
  const { roId, operationId } = await targetOf(scan, session, body);
  const isOpAction = (OPERATION_ACTIONS as readonly string[]).includes(action.type);
  if (isOpAction && !operationId)
    throw new HttpError(400, 'invalid_input', 'Say which operation: operationId', [{ path: 'body.operationId', message: 'required for this action' }]);
  const command = scanCommand(action, { roId, operationId }, { personId: session.person.id, isTechnician: session.person.roles.includes('technician') });

  const result = await scan.commit(session.store.id, command, actorOfPerson(session.person), session.device.deviceId, key).catch(async (err: unknown) => {
    throw await withNames(scan, session, err);
  });
  const { event, duplicate } = result;
  if (duplicate && !sameTarget(event, command))
    throw new HttpError(422, 'idempotency_key_reused', `Action id "${key}" was already used for a different action (${event.type})`, {
      key,
      firstSeq: event.seq,
    });
  const ro = (await scan.service.state(session.store.id)).ros.get(roId)!;
  return { repairOrder: staffRo(ro), seq: event.seq, duplicate };
}

/** Which repair order and operation the action is about, from the scanned code. */
async function targetOf(scan: ScanService, session: ScanSession, body: ScanActionRequest): Promise<{ roId: string; operationId?: string }> {
  if (!body.token) {
    // Without a code, only one thing is allowed: pausing one's own running job elsewhere
    // (the page offers it when starting a second job is refused).
    if (body.action.type !== 'pauseOperation' || !body.roId || !body.operationId)
      throw new HttpError(400, 'code_required', 'Scan the job card first: actions need the code of the repair order or operation');
    const state = await scan.service.state(session.store.id);
    const op = state.ros.get(body.roId)?.operations.find((o) => o.id === body.operationId);
    if (!op || op.technicianId !== session.person.id) throw new HttpError(403, 'forbidden', 'Without a scanned code you can pause only your own job');
    return { roId: body.roId, operationId: body.operationId };
  }
  const { code, state } = await scan.check(body.token, session.store.id);
  switch (code.kind) {
    case 'operation':
      if ((body.roId && body.roId !== code.roId) || (body.operationId && body.operationId !== code.operationId))
        throw new HttpError(400, 'invalid_input', 'The action names another operation than the scanned code');
      return { roId: code.roId, operationId: code.operationId };
    case 'ro':
      if (body.roId && body.roId !== code.roId) throw new HttpError(400, 'invalid_input', 'The action names another repair order than the scanned code');
      return { roId: code.roId, operationId: body.operationId };
    case 'bay': {
      const op = body.roId ? state.ros.get(body.roId)?.operations.find((o) => o.id === body.operationId) : undefined;
      if (!op || op.bayId !== code.bayId) throw refuse('not_found', 'That operation is not at the scanned bay; scan its job card', { bayId: code.bayId });
      return { roId: body.roId!, operationId: body.operationId };
    }
    case 'badge':
      throw new HttpError(400, 'invalid_input', 'A badge signs in; scan a job card to act on it');
  }
}

/**
 * A refusal that names another job (technician or bay busy) also gets that job's RO number
 * and title, so the page can say "you are on X" and offer to pause it.
 */
async function withNames(scan: ScanService, session: ScanSession, err: unknown): Promise<unknown> {
  if (!(err instanceof HttpError) || err.code !== 'conflict' || !err.details || typeof err.details !== 'object') return err;
  const details = err.details as { roId?: string; operationId?: string };
  const ro = details.roId ? (await scan.service.state(session.store.id)).ros.get(details.roId) : undefined;
  if (!ro) return err;
  const op = ro.operations.find((o) => o.id === details.operationId);
  return new HttpError(err.status, err.code, err.message, { ...details, roNumber: ro.number, ...(op ? { operationTitle: op.title } : {}) });
}

/** A retried action must be the same action: the same kind of fact about the same operation. */
const sameTarget = (earlier: Fact, now: Command) => {
  const t = targetOfFact(earlier);
  return answers(earlier, now.type) && t.roId === (now as { roId?: string }).roId && t.operationId === (now as { operationId?: string }).operationId;
};
