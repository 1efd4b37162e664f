import type { Guide } from '../guides/schema';
import type { InterviewRepository } from '../db/repository';
import type { Settings } from '../settings';
import type { StorageInfo } from '../protocol/protocol';
import type { LiveHub } from './live-hub';
import type { TabRegistry } from './tab-registry';

/** Commands the background can send to a tab's content script. */
export type ContentCommand = 'toggle' | 'expand' | 'collapse' | 'add-note';

/** Everything the handlers need, passed in so that unit tests use fakes and a fake-indexeddb database. */
export interface BackgroundServices {
  repo: InterviewRepository;
  tabs: TabRegistry;
  live: Pick<LiveHub, 'broadcast'>;
  bundledGuides: readonly Guide[];
  settings: () => Promise<Settings>;
  /** Delivers a command to the top frame's content script of a tab. @returns false when nothing answered. */
  sendToContent: (tabId: number, command: ContentCommand) => Promise<boolean>;
  storageInfo: () => Promise<StorageInfo>;
  /** The browser's UI language (`browser.i18n.getUILanguage()`), e.g. `it-IT`. */
  uiLanguage: () => string;
  now: () => number;
}
