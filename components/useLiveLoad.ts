import { useEffect, useRef } from 'react';
import type { LiveEvent } from '../lib/protocol/protocol';
import { useLive } from './useLive';

/**
 * Loads what a view shows when it mounts and again after the port came back (the worker restarted, so changes may
 * have been missed), and runs `onEvent` for every change broadcast meanwhile. The latest `load` is the one run.
 */
export function useLiveLoad(load: () => void, onEvent: (event: LiveEvent) => void) {
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => latest.current(), []);
  useLive(onEvent, () => latest.current());
}
