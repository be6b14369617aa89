import type { Draft, Mode } from './kiosk-flow';

/**
 * What a screen asks the kiosk to do. Screens hold no state of their own beyond what is on
 * screen; the kiosk element owns the flow, the requests and the idle timer.
 */
export type KioskAction =
  | { type: 'begin'; mode: Mode }
  | { type: 'back' }
  | { type: 'home' }
  | { type: 'next' }
  | { type: 'edit'; patch: Partial<Draft> }
  | { type: 'find' }
  | { type: 'scan' }
  | { type: 'scanned'; code: string }
  | { type: 'submit' }
  | { type: 'print' }
  | { type: 'rate'; score: number; comment?: string };

export class KioskActionEvent extends CustomEvent<KioskAction> {
  constructor(detail: KioskAction) {
    super('kiosk-action', { detail, bubbles: true, composed: true });
  }
}

/** Dispatch an action from a screen element. */
export const act = (from: HTMLElement, action: KioskAction) => from.dispatchEvent(new KioskActionEvent(action));

declare global {
  interface HTMLElementEventMap {
    'kiosk-action': KioskActionEvent;
  }
}
