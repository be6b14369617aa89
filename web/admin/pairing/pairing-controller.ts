import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PairingLink, type PairingOptions, type PairingStatus } from './pairing-link';

/** Feeds the pairing screen from its PairingLink: subscribe and start on connect, stop on disconnect. */
export class PairingController implements ReactiveController {
  readonly link: PairingLink;
  #unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    options: PairingOptions = {},
  ) {
    this.link = new PairingLink(options);
    host.addController(this);
  }

  get status(): PairingStatus {
    return this.link.status;
  }

  hostConnected(): void {
    this.#unsubscribe = this.link.subscribe(() => this.host.requestUpdate());
    this.link.start();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.link.stop();
  }
}
