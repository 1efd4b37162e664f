import { browser } from 'wxt/browser';
import type { TranscriptReaderControl } from './services';

/** The reader's bundle (entrypoints/transcript-reader.ts), injected by file. */
export const TRANSCRIPT_READER_FILE = '/transcript-reader.js';

/** Messages between the background and the injected reader (plain runtime messages, top frame only). */
export type ReaderCommand = { transcriptReader: 'ping' | 'stop' | 'captions-on' };

async function tell(tabId: number, command: ReaderCommand['transcriptReader']): Promise<unknown> {
  const message: ReaderCommand = { transcriptReader: command };
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 500));
  const asked = browser.tabs.sendMessage(tabId, message, { frameId: 0 }).catch(() => undefined);
  return Promise.race([asked, timeout]);
}

/**
 * Injects the transcript reader into call tabs on demand (`scripting.executeScript`, in Chrome and in Firefox),
 * so a call tab pays nothing for it while the transcript is off. A reader already running answers a ping and is
 * left alone; the reader itself also refuses to start twice in one page.
 * (Issue 12 plans a shared injection module; this one is small and separate so the two can be merged.)
 */
export function createTranscriptInjector(): TranscriptReaderControl {
  return {
    async ensure(tabId) {
      if ((await tell(tabId, 'ping')) === true) return true;
      try {
        await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [TRANSCRIPT_READER_FILE] });
        return true;
      } catch {
        return false;
      }
    },
    async stop(tabId) {
      await tell(tabId, 'stop');
    },
    async captionsOn(tabId) {
      return (await tell(tabId, 'captions-on')) === true;
    },
  };
}
