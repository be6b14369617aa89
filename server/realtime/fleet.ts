import { randomInt } from 'node:crypto';
import type { Display } from '../../shared/domain/repair-order';
import { roomOf } from '../../shared/projections/audience';
import type { DisplayHeartbeat } from '../../shared/protocol';
import type { Actor } from '../../shared/workflow/events';
import type { Auth } from '../auth';
import { newId } from '../ids';
import type { WorkshopService } from '../workshop-service';
import type { WorkshopIo } from './gateway';

/** Letters and digits that cannot be mistaken for one another across a room. */
const CODE_ALPHABET = 'ACDEFHJKMNPRTUVWXY3479';
export const CODE_LENGTH = 6;
export const CODE_TTL_MS = 10 * 60_000;

export const pairRoom = (code: string) => `pair:${code}`;
export const displayRoom = (displayId: string) => `display:${displayId}`;
export const storeDisplaysRoom = (storeId: string) => `displays:${storeId}`;

export interface DisplayStatus extends Display {
  online: boolean;
  lastSeen?: string;
  version?: string;
  page?: string;
  shownSeq?: number;
  /** When and why the screen last reloaded, as its last heartbeat said. */
  lastReload?: DisplayHeartbeat['lastReload'];
  /** A lobby board's speech, as its last heartbeat said ('unavailable': it chimes but cannot speak). */
  speech?: DisplayHeartbeat['speech'];
}

type DisplayRef = { id: string; storeId: string; board: string; bayId?: string };

export class FleetError extends Error {
  constructor(
    readonly code: 'unknown_code' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Pairing and health of wall screens. A new screen shows a short code (its socket waits in the
 * code's room); an admin binds the code to a board, which commits a `pairDisplay` event and hands
 * the screen its own display token. Unpairing commits `unpairDisplay`, after which the token is
 * refused. Rooms go through the socket.io adapter, so this works across processes.
 */
export class Fleet {
  /** Last heartbeat or disconnect per display seen by this process (not shared between processes). */
  readonly #lastSeen = new Map<string, string>();

  constructor(
    private readonly io: WorkshopIo,
    private readonly service: WorkshopService,
    private readonly auth: Auth,
    private readonly demo: boolean,
    private readonly now: () => Date = () => new Date(),
  ) {
    auth.setDisplayCheck((grant) => this.pairedNow(grant));
  }

  newCode(): { code: string; expiresAt: string } {
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    return { code, expiresAt: new Date(this.now().getTime() + CODE_TTL_MS).toISOString() };
  }

  /** Is this display token's screen still paired? Catches up first. (The demo's screens are paired at start, server/demo/displays.ts.) */
  async stillPaired(p: DisplayRef): Promise<boolean> {
    await this.service.state(p.storeId);
    return this.pairedNow(p);
  }

  /** The same check against this process's current state, for synchronous callers (HTTP auth). */
  pairedNow(p: DisplayRef): boolean {
    const display = this.service.cachedState(p.storeId)?.displays.get(p.id);
    return !!display && display.board === p.board && display.bayId === p.bayId;
  }

  seen(displayId: string): void {
    // Re-insert so the oldest entry is first when the map is trimmed.
    this.#lastSeen.delete(displayId);
    this.#lastSeen.set(displayId, this.now().toISOString());
    if (this.#lastSeen.size > 10_000) this.#lastSeen.delete(this.#lastSeen.keys().next().value!);
  }

  async pair(input: { storeId: string; code: string; name: string; board: Display['board']; bayId?: string; actor: Actor; key: string }): Promise<Display> {
    const code = input.code.toUpperCase().replace(/\s/g, '');
    const waiting = await this.io.in(pairRoom(code)).fetchSockets();
    const live = waiting.filter((s) => (s.data.pairExpiresAt ?? 0) > this.now().getTime());
    if (!live.length) throw new FleetError('unknown_code', `No screen is showing the code ${code}; check the code on the screen`);
    const chosenId = newId('disp');
    const result = await this.service.commit({
      storeId: input.storeId,
      actor: input.actor,
      source: 'dispatch',
      key: input.key,
      command: { type: 'pairDisplay', displayId: chosenId, name: input.name, board: input.board, bayId: input.bayId },
    });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { workflow: result.error });
    const displayId = result.event.type === 'displayPaired' ? result.event.data.display.id : chosenId;
    const display = (await this.service.state(input.storeId)).displays.get(displayId);
    if (!display) throw new Error('paired display vanished');
    const token = this.auth.issueDisplayToken({ id: display.id, storeId: display.storeId, board: display.board, bayId: display.bayId });
    this.io.to(pairRoom(code)).emit('paired', { token, url: this.boardUrl(display, token) });
    return display;
  }

  async unpair(storeId: string, displayId: string, actor: Actor, key: string): Promise<void> {
    const result = await this.service.commit({ storeId, actor, source: 'dispatch', key, command: { type: 'unpairDisplay', displayId } });
    if (!result.ok) throw new FleetError('not_found', result.error.message);
    // Out of its board's room at once (on every process: the adapter carries this), so not one
    // more delta reaches it; told; then let go of once 'unpaired' is out.
    const store = this.service.storeConfig(storeId);
    const boards = [
      roomOf({ kind: 'customer', storeId }),
      roomOf({ kind: 'dispatch', storeId }),
      ...(store?.bays ?? []).map((bay) => roomOf({ kind: 'bay', storeId, bayId: bay.id })),
    ];
    this.io.in(displayRoom(displayId)).socketsLeave(boards);
    this.io.to(displayRoom(displayId)).emit('unpaired');
    setTimeout(() => this.io.in(displayRoom(displayId)).disconnectSockets(true), 500).unref();
  }

  async reload(storeId: string, displayId: string): Promise<void> {
    const state = await this.service.state(storeId);
    if (!state.displays.has(displayId)) throw new FleetError('not_found', `There is no paired display "${displayId}"`);
    this.io.to(displayRoom(displayId)).emit('reload');
  }

  async list(storeId: string): Promise<DisplayStatus[]> {
    const state = await this.service.state(storeId);
    const sockets = await this.io.in(storeDisplaysRoom(storeId)).fetchSockets();
    const online = new Map(sockets.map((s) => [s.data.principal?.id, s.data.heartbeat]));
    return [...state.displays.values()].map((d) => {
      const beat = online.get(d.id);
      const status: DisplayStatus = { ...d, online: online.has(d.id) };
      const lastSeen = beat?.at ?? this.#lastSeen.get(d.id);
      if (lastSeen) status.lastSeen = lastSeen;
      if (beat)
        Object.assign(
          status,
          { version: beat.version, page: beat.page, shownSeq: beat.shownSeq },
          beat.lastReload ? { lastReload: beat.lastReload } : {},
          beat.speech ? { speech: beat.speech } : {},
        );
      return status;
    });
  }

  boardUrl(display: Pick<Display, 'storeId' | 'board' | 'bayId'>, token: string): string {
    const path = display.board === 'bay' ? `/display/bay/${display.bayId}` : `/display/${display.board}`;
    const multi = this.service.storeConfigs.length > 1 ? `store=${encodeURIComponent(display.storeId)}&` : '';
    return `${path}?${multi}display=${encodeURIComponent(token)}`;
  }
}
