import { randomUUID } from 'node:crypto';
import type { TestServer } from '../../tests/helpers/server';

export type BoardKind = 'customer' | 'dispatch' | 'bay';

/**
 * The URL path a wall board opens, paired as in a real store: the lobby board is public; a
 * dispatch or bay screen is paired (a `pairDisplay` event) and opens with its display token.
 */
export async function boardPath(server: TestServer, storeId: string, board: BoardKind, bayId: string, label = 'bench'): Promise<string> {
  if (board === 'customer') return '/display/customer';
  const displayId = `${label}-${board}-${randomUUID().slice(0, 8)}`;
  const result = await server.service.commit({
    storeId,
    actor: { kind: 'system', id: 'bench' },
    source: 'dispatch',
    key: randomUUID(),
    command: { type: 'pairDisplay', displayId, name: `${label} ${board}`, board, ...(board === 'bay' ? { bayId } : {}) },
  });
  if (!result.ok) throw new Error(result.error.message);
  const token = server.auth.issueDisplayToken({ id: displayId, storeId, board, ...(board === 'bay' ? { bayId } : {}) });
  return `${board === 'bay' ? `/display/bay/${bayId}` : '/display/dispatch'}?display=${encodeURIComponent(token)}`;
}
