import { useEffect, useRef } from 'react';
import { subscribeLive } from '../lib/protocol/live';
import type { LiveEvent } from '../lib/protocol/protocol';

/**
 * Runs `onEvent` for every change the background broadcasts, and `onReconnect` after the port came back (the
 * worker restarted), so a view can re-read what it shows. One port per mounted component.
 */
export function useLive(onEvent: (event: LiveEvent) => void, onReconnect?: () => void) {
  const handlers = useRef({ onEvent, onReconnect });
  handlers.current = { onEvent, onReconnect };
  useEffect(() => {
    const subscription = subscribeLive(
      (event) => handlers.current.onEvent(event),
      () => handlers.current.onReconnect?.(),
    );
    return () => subscription.close();
  }, []);
}
