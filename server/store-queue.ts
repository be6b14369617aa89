import { HttpError } from './http/errors';
import type { WorkshopService } from './workshop-service';

/**
 * A queue per store (and service) for work that reads the state, picks a number and commits —
 * RO numbers, queue numbers — so two requests in flight in this process do not pick the same one.
 * Across processes the workflow refuses a taken RO number and the caller picks again.
 */
export function storeQueue() {
  const queues = new WeakMap<WorkshopService, Map<string, Promise<unknown>>>();
  return <T>(service: WorkshopService, storeId: string, task: () => Promise<T>): Promise<T> => {
    let perStore = queues.get(service);
    if (!perStore) queues.set(service, (perStore = new Map()));
    const run = (perStore.get(storeId) ?? Promise.resolve()).then(task, task);
    perStore.set(
      storeId,
      run.catch(() => undefined),
    );
    return run;
  };
}

/**
 * Pick a number and commit; when another process took that number first (the workflow refuses
 * it with `code`), the state has caught up, so pick again, up to `tries` attempts in all.
 */
export async function pickAgainWhileTaken<T>(code: string, tries: number, attempt: (n: number) => Promise<T>): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!(err instanceof HttpError && err.code === code) || n + 1 >= tries) throw err;
    }
  }
}
