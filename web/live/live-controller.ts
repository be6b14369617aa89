import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { View } from '../../shared/projections/views';
import { LiveConnection, type ConnectionStatus, type LiveOptions } from './live-connection';

/**
 * Feeds one page's top-level element from the server. Subscribes in hostConnected and
 * unsubscribes in hostDisconnected; components below it receive plain view data and never
 * see the socket.
 */
export class LiveController<V extends View = View> implements ReactiveController {
  readonly connection: LiveConnection<V>;
  #unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    options: LiveOptions,
  ) {
    this.connection = new LiveConnection<V>(options);
    host.addController(this);
  }

  get view(): V | undefined {
    return this.connection.view;
  }

  get status(): ConnectionStatus {
    return this.connection.status;
  }

  hostConnected(): void {
    this.#unsubscribe = this.connection.subscribe(() => this.host.requestUpdate());
    this.connection.start();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.connection.stop();
  }
}
