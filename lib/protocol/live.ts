import { browser, type Browser } from 'wxt/browser';
import { LIVE_PORT } from './ports';
import type { LiveEvent } from './protocol';

export interface LiveSubscription {
  close(): void;
}

/**
 * Subscribes a view to the background's change events over a long-lived port. When the port drops (the
 * service worker stopped, the extension reloaded) it reconnects with backoff and calls `onReconnect`, so the
 * view re-reads what it shows instead of missing changes.
 * @param onEvent called for every `LiveEvent`.
 * @param onReconnect called after each reconnection (not the first connection).
 */
export function subscribeLive(onEvent: (event: LiveEvent) => void, onReconnect: () => void = () => {}): LiveSubscription {
  let closed = false;
  let port: Browser.runtime.Port | null = null;
  let delay = 100;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let connectedOnce = false;

  const connect = () => {
    if (closed) return;
    try {
      port = browser.runtime.connect({ name: LIVE_PORT });
    } catch {
      // The extension context is gone (reloaded); nothing to reconnect to from this page.
      return;
    }
    port.onMessage.addListener((message: unknown) => {
      delay = 100;
      onEvent(message as LiveEvent);
    });
    port.onDisconnect.addListener(() => {
      port = null;
      if (closed) return;
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 2000);
    });
    if (connectedOnce) onReconnect();
    connectedOnce = true;
  };
  connect();

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      port?.disconnect();
    },
  };
}
