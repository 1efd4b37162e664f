import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CallState, Platform } from '../db/records';
import type { Dock } from '../content/layout';

/**
 * What the background may ask a call tab's content script to do with its panel.
 * `add-note` expands the panel and moves focus into it (the panel app then opens its note box);
 * `dock-left`/`dock-right` move the panel to that edge.
 */
export type PanelCommand = 'toggle' | 'expand' | 'collapse' | 'add-note' | 'dock-left' | 'dock-right';

/** Every command, for validation at the receiving end. */
export const PANEL_COMMANDS: readonly PanelCommand[] = ['toggle', 'expand', 'collapse', 'add-note', 'dock-left', 'dock-right'];

/**
 * The accessible names of the panel frame and its drag grip, in the interface language (the `content.*` keys of
 * locales/*.yml). The background sends them with its answer to `calls.report`: the browser's first i18n lookup in a
 * call tab took 15–50 ms of the call page's main thread (bench probe, Chromium), which also held back the panel's
 * first paint.
 */
export interface CallPageLabels {
  frameTitle: string;
  gripLabel: string;
}

/** What the content script of a call tab knows: detection plus the panel frame's layout. */
export interface ContentTabState {
  platform: Platform;
  state: CallState;
  meetingId: string | null;
  url: string;
  /** The panel frame is in the page. */
  mounted: boolean;
  collapsed: boolean;
  dock: Dock;
  /** Set when the meeting page's DOM signals have not matched for a while (see `calls.report`). */
  problem: string | null;
  /**
   * Looks at the page completed since the script started (0 before the first). `state: 'none'` is also the value
   * before the first look, so a check that nothing was detected waits for this to advance first.
   */
  looks: number;
  /**
   * `document.readyState` when the call-detection script started. Always `complete` when the call loader did its
   * job (nothing of ours runs before the page's `load` event); the e2e tests check it.
   */
  readyStateAtStart: DocumentReadyState;
}

/** The answer to a command: the panel's resulting state. */
export interface PanelCommandAnswer {
  mounted: boolean;
  collapsed: boolean;
}

/**
 * Background → content-script messages (the other direction of `lib/protocol/protocol.ts`). Send to the top
 * frame only, e.g. `contentMessenger.sendMessage('content.command', { command: 'toggle' }, { tabId, frameId: 0 })`.
 * Sends reject when the tab has no content script (not a call host, or not injected yet).
 */
export interface ContentProtocol {
  'content.command'(data: { command: PanelCommand }): PanelCommandAnswer;
  /** For the popup's "what is on this tab". */
  'content.state'(): ContentTabState;
  /**
   * Report the call state again now: what holds the panel on a page that is no longer a call changed (the pending
   * wrap-up was done or put off), so the panel may go.
   */
  'content.recheck'(): void;
}

// Pure: the call-detection script imports this module (PANEL_COMMANDS) but speaks the wire itself (lib/content/wire.ts),
// so the library stays out of the script every call tab parses.
export const contentMessenger = /* @__PURE__ */ defineExtensionMessaging<ContentProtocol>();
