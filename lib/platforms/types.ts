import type { Platform } from '../db/records';

/**
 * What a page's URL says about a possible meeting.
 * - `meeting`: the URL is a meeting of this platform; the panel mounts and DOM signals decide the state.
 * - `app`: the platform's single-page app, which can host a call without a meeting URL of its own (Teams
 *   "Meet now", calls started from a chat); the panel mounts only once DOM signals show a call.
 * - `none`: cannot be a meeting (home pages, settings, launchers).
 */
export type UrlVerdict = { kind: 'meeting'; meetingId: string | null } | { kind: 'app' } | { kind: 'none' };

/** A call state read directly from DOM signals. `left` is mostly inferred by the state machine instead. */
export type SignalState = 'lobby' | 'in-call' | 'left';

/**
 * One call platform: every URL rule and selector of that platform lives in its adapter file, so a redesign
 * is fixed in one place (shared/docs/platforms.md).
 */
export interface PlatformAdapter {
  platform: Platform;
  /** Whether `hostname` (lowercase, no port) belongs to this platform. */
  matchesHost(hostname: string): boolean;
  /** The URL rule: can this page be a meeting, and which one. */
  classifyUrl(url: URL): UrlVerdict;
  /**
   * Reads the DOM signals of the top document (and of any same-origin frame the platform renders its call
   * in). Must stay cheap: it runs about once a second for the whole call.
   * @returns the state the signals show, or null when none matched.
   */
  readSignals(doc: Document): SignalState | null;
  /**
   * Whether the page shows that this interviewer is presenting (sharing a screen, window or tab), read only in
   * a call. Absent where the platform has no public, language-independent signal: the overlay then never
   * collapses by itself, and the side panel is chosen by hand.
   */
  readPresenting?(doc: Document): boolean;
  /**
   * Height in CSS px of call controls the platform draws along the top of the window, which the panel's default
   * position keeps clear (the bottom control bar is always kept clear). Absent: none at the top.
   */
  topControlsHeight?: number;
}
