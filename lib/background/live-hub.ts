import type { LiveEvent } from '../protocol/protocol';

/** The parts of a runtime port the hub uses. */
export interface PortLike {
  name: string;
  sender?: { id?: string; url?: string };
  postMessage(message: unknown): void;
  onDisconnect: { addListener(callback: () => void): void };
}

/**
 * Pushes change events to every open view (panels, popup, options, side panel) over their `live` ports, so each
 * shows a change within a second without polling. Only this extension's own pages may connect.
 */
export class LiveHub {
  private ports = new Set<PortLike>();

  constructor(
    private readonly runtimeId: string,
    private readonly extensionOrigin: string,
  ) {}

  /** Accepts a port if it comes from one of this extension's pages. @returns whether it was accepted. */
  accept(port: PortLike): boolean {
    if (port.sender?.id !== this.runtimeId || !(port.sender.url ?? '').startsWith(`${this.extensionOrigin}/`)) return false;
    this.ports.add(port);
    port.onDisconnect.addListener(() => this.ports.delete(port));
    return true;
  }

  broadcast(event: LiveEvent): void {
    for (const port of this.ports) {
      try {
        port.postMessage(event);
      } catch {
        this.ports.delete(port);
      }
    }
  }

  get size(): number {
    return this.ports.size;
  }
}
