import type { Guide } from '../guides/schema';
import type { InterviewRepository } from '../db/repository';
import type { Settings } from '../settings';
import type { StorageInfo } from '../protocol/protocol';
import type { CallPageLabels } from '../protocol/content-protocol';
import type { SyncStatus } from '../sync/status';
import type { SyncSetup } from '../sync/config';
import type { SuggestService } from './suggest-service';
import type { LiveHub } from './live-hub';
import type { TabRegistry } from './tab-registry';

/** Commands the background can send to a tab's content script. */
export type ContentCommand = 'toggle' | 'expand' | 'collapse' | 'add-note';

/**
 * Runs the transcript reader in call tabs (issue 14). The reader is not part of the content script every call tab
 * loads: it is injected only while an interview's transcript is capturing.
 */
export interface TranscriptReaderControl {
  /** Makes sure the reader runs in the tab's top frame, injecting it when absent. @returns whether it runs. */
  ensure(tabId: number): Promise<boolean>;
  /** Stops the reader in the tab at once (nothing more is read or sent). */
  stop(tabId: number): Promise<void>;
  /** Asks the tab's reader to press the platform's own captions button. @returns whether it was pressed. */
  captionsOn(tabId: number): Promise<boolean>;
}

/** What the handlers need of the background's sync service (lib/background/sync-service.ts). */
export interface SyncControl {
  status(): Promise<SyncStatus>;
  enable(setup: SyncSetup): Promise<SyncStatus>;
  disable(): Promise<SyncStatus>;
  runNow(): Promise<SyncStatus>;
}

/** Everything the handlers need, passed in so that unit tests use fakes and a fake-indexeddb database. */
export interface BackgroundServices {
  repo: InterviewRepository;
  tabs: TabRegistry;
  live: Pick<LiveHub, 'broadcast'>;
  bundledGuides: readonly Guide[];
  /** The stored settings, parsed (`readSettings`). */
  settings: () => Promise<Settings>;
  /** Stores validated settings (`settingsItem`). */
  saveSettings: (settings: Settings) => Promise<void>;
  /** Delivers a command to the top frame's content script of a tab. @returns false when nothing answered. */
  sendToContent: (tabId: number, command: ContentCommand) => Promise<boolean>;
  /** Asks a tab's content script to report its call state again (`content.recheck`). @returns false when nothing answered. */
  recheckTab?: (tabId: number) => Promise<boolean>;
  storageInfo: () => Promise<StorageInfo>;
  transcriptReader: TranscriptReaderControl;
  /** The panel frame's and grip's accessible names for call pages (`content.*` messages; see `CallPageLabels`). */
  callPageLabels: () => CallPageLabels;
  /** The browser's UI language (`browser.i18n.getUILanguage()`), e.g. `it-IT`. */
  uiLanguage: () => string;
  now: () => number;
  /** Live suggestions (lib/background/suggest-service.ts); absent in tests that do not need them. */
  suggest?: SuggestService;
  /** Team sync (lib/background/sync-service.ts); absent in tests that do not need it. */
  sync?: SyncControl;
}
