/** Name of the runtime port views open to receive `LiveEvent`s (lib/protocol/live.ts); without Zod, for the panel. */
export const LIVE_PORT = 'live';
