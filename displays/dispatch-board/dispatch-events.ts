/** What a board row asks the board to do; the board opens the matching dialog. */
export type DispatchRequest =
  | { kind: 'assign'; roId: string; operationId: string }
  | { kind: 'edit'; roId: string };

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
