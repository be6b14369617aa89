import type { IncomingHttpHeaders } from 'node:http';
import { TERMINAL_STAGES } from '../../shared/domain/stages';
import { staffRo } from '../../shared/projections/project';
import type { ScanJob, ScanJobList } from '../../shared/projections/scan-view';
import { HttpError } from '../http/errors';
import type { ScanService } from './scan-service';

const ORDER: Record<string, number> = { in_progress: 0, paused: 1, assigned: 2, unassigned: 3 };
const MAX_JOBS = 30;

/**
 * A signed-in person's own work at `/s`: every open operation assigned to them, and those at the
 * bay the phone works at (`bayParam`, a bay id or bay code). Each carries a fresh signed code of
 * that operation, so opening it is exactly opening a scanned job card: the same view, the same
 * checks on every action. Running work first, then paused, then waiting.
 */
export async function myJobs(scan: ScanService, headers: IncomingHttpHeaders, bayParam?: string): Promise<ScanJobList> {
  const session = await scan.session(headers);
  if (!session) throw new HttpError(401, 'sign_in_required', 'Sign in first: scan your badge or use your PIN');
  const { store, person } = session;
  const bay = bayParam ? scan.bayFrom(bayParam, store) : undefined;
  const state = await scan.service.state(store.id);
  const picked: { ro: ReturnType<typeof staffRo>; operationId: string; mine: boolean; status: string }[] = [];
  for (const ro of state.ros.values()) {
    if (TERMINAL_STAGES.includes(ro.stage)) continue;
    for (const op of ro.operations) {
      if (op.status === 'done') continue;
      const mine = op.technicianId === person.id;
      if (!mine && !(bay && op.bayId === bay.id)) continue;
      picked.push({ ro: staffRo(ro), operationId: op.id, mine, status: op.status });
    }
  }
  picked.sort((a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) || Number(b.mine) - Number(a.mine) || a.ro.createdAt.localeCompare(b.ro.createdAt));
  const jobs: ScanJob[] = [];
  for (const p of picked.slice(0, MAX_JOBS)) {
    jobs.push({
      ro: p.ro,
      operationId: p.operationId,
      mine: p.mine,
      token: await scan.issue({ kind: 'operation', storeId: store.id, roId: p.ro.id, operationId: p.operationId }),
    });
  }
  return { me: scan.me(session), store: scan.storeInfo(store, state), ...(bay ? { bay } : {}), jobs };
}
