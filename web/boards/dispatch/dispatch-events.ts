/** What a board row asks the board to do; the board opens the matching dialog. */
export type DispatchRequest =
  | { kind: 'assign'; roId: string; operationId: string }
  | { kind: 'edit'; roId: string }
  | { kind: 'parts-eta'; roId: string; operationId: string }
  /** Propose add-on work (增项) on the order: asked from the order's dialog. */
  | { kind: 'add-on'; roId: string };

export class DispatchRequestEvent extends CustomEvent<DispatchRequest> {
  constructor(detail: DispatchRequest) {
    super('dispatch-request', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'dispatch-request': DispatchRequestEvent;
  }
}
