import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A short two-note chime made with Web Audio (no audio file), for a new advisor call or a new
 * alarm on a staff board. Switched per screen and remembered in that browser's localStorage;
 * `?chime=on|off` in the address sets it too (a wall screen has nobody to press a button).
 *
 * It chimes only for keys it has not seen since the page loaded: the first view's calls and
 * alarms are taken as known, so a reload or a reconnect never plays for old ones.
 */
const STORAGE_KEY = 'tw.chime';

export const chimeStorageKey = (board: string) => `${STORAGE_KEY}.${board}`;

/** Whether this screen chimes: `?chime=` first (and remembered), else what it remembered, else on. */
export function chimeEnabled(board: string, search = globalThis.location?.search ?? ''): boolean {
  const asked = new URLSearchParams(search).get('chime');
  try {
    if (asked === 'on' || asked === 'off') globalThis.localStorage?.setItem(chimeStorageKey(board), asked);
    return globalThis.localStorage?.getItem(chimeStorageKey(board)) !== 'off';
  } catch {
    return asked !== 'off'; // storage refused (private mode): the address still decides
  }
}

export function rememberChime(board: string, on: boolean): void {
  try {
    globalThis.localStorage?.setItem(chimeStorageKey(board), on ? 'on' : 'off');
  } catch {
    /* not remembered, still switched */
  }
}

let context: AudioContext | undefined;

/** Play the chime: two sine notes, a fifth apart, fading out; `urgent` plays it twice. */
export function playChime(urgent = false): void {
  const Ctx = globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctx) return;
  context ??= new Ctx();
  // A browser that allows no sound before a tap keeps the context suspended; resuming is allowed
  // once someone has touched the page, and on wall screens started with autoplay allowed.
  void context.resume().catch(() => undefined);
  const start = context.currentTime + 0.02;
  const notes = urgent ? [880, 1320, 880, 1320] : [880, 1320];
  notes.forEach((frequency, i) => {
    const osc = context!.createOscillator();
    const gain = context!.createGain();
    const t = start + i * 0.22;
    osc.type = 'sine';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.35, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.5);
    osc.connect(gain).connect(context!.destination);
    osc.start(t);
    osc.stop(t + 0.55);
  });
  chimeCount++;
  (globalThis as { __twChimes?: number }).__twChimes = chimeCount;
}
// Counted on the page (window.__twChimes) so a browser test can tell that it played.
let chimeCount = 0;

/**
 * Watches keys (calls, alarms) a board shows and chimes when one appears that it has not seen.
 * `observe` is called with every render's keys; the first call only learns them.
 */
export class ChimeController implements ReactiveController {
  #seen?: Set<string>;
  on: boolean;

  constructor(
    host: ReactiveControllerHost,
    private readonly board: string,
    private readonly play: (urgent: boolean) => void = playChime,
  ) {
    this.on = chimeEnabled(board);
    host.addController(this);
  }

  hostConnected(): void {}

  toggle(): void {
    this.on = !this.on;
    rememberChime(this.board, this.on);
  }

  /** `urgent` keys (an unanswered call escalated) chime twice. */
  observe(keys: readonly string[], urgent: (key: string) => boolean = () => false): void {
    if (!this.#seen) {
      this.#seen = new Set(keys);
      return;
    }
    const fresh = keys.filter((k) => !this.#seen!.has(k));
    // Forget what left, so the set does not grow over weeks on a wall.
    this.#seen = new Set(keys);
    if (fresh.length && this.on) this.play(fresh.some(urgent));
  }
}
