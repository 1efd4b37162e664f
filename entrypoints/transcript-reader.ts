import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createJournal } from '../lib/client/journal';
import { createSaveQueue, flushOnLeave } from '../lib/client/save-queue';
import { writeMessage } from '../lib/client/writes';
import type { CaptionSource } from '../lib/platforms/captions';
import { meetCaptions, meetCaptionsButton } from '../lib/platforms/meet-captions';
import { teamsCaptions } from '../lib/platforms/teams-captions';
import { zoomCaptions } from '../lib/platforms/zoom-captions';
import { call } from '../lib/protocol/client';
import { ApiCallError } from '../lib/protocol/result';
import { startCaptionReader } from '../lib/transcript/reader';
import type { Platform } from '../lib/db/records';

const SOURCES: Record<Platform, CaptionSource> = { meet: meetCaptions, teams: teamsCaptions, zoom: zoomCaptions };
const RUNNING = Symbol.for('interview-copilot.transcript-reader');

/**
 * The transcript reader (issue 14), injected into a call tab's top frame by the background only while an
 * interview's transcript is capturing; never part of the content script every call tab loads. It reads the
 * platform's captions into utterances and sends them through the protocol with the notes' durability (a
 * journaled save queue: retried while the worker restarts, replayed after an extension reload). It keeps
 * nothing in the page: no DOM writes, no page storage, no network.
 */
export default defineUnlistedScript(() => {
  void startReader();
});

async function startReader(): Promise<void> {
  const scope = globalThis as { [RUNNING]?: boolean };
  if (window !== window.top || scope[RUNNING]) return;
  scope[RUNNING] = true;

  const config = await call('transcript.config', {}, { retryForMs: 3000 }).catch(() => null);
  if (!config?.capturing || !config.interviewId || !config.platform) {
    scope[RUNNING] = false;
    return;
  }
  const { interviewId } = config;
  const source = SOURCES[config.platform];
  const queue = createSaveQueue({ debounceMs: 250, journal: createJournal(browser.storage.local) });
  const removeFlush = flushOnLeave(queue, window);

  const reader = startCaptionReader({
    doc: document,
    source,
    emit: (update) => {
      const input = { interviewId, ...update };
      const send = () =>
        call('transcript.upsert', input).catch((error: unknown) => {
          // Turned off or never confirmed: the line must not be kept, so it is not retried either.
          if (error instanceof ApiCallError && (error.code === 'forbidden' || error.code === 'invalid-input' || error.code === 'not-found')) return;
          throw error;
        });
      queue.schedule({ key: { interviewId, field: { kind: 'utterance', id: update.id } }, send, message: writeMessage('transcript.upsert', input) });
      // Final lines go out at once; partial ones are coalesced by the queue.
      if (update.final) void queue.flush();
    },
    onStatus: (captions) => void call('transcript.status', { captions }).catch(() => undefined),
    newId: () => crypto.randomUUID(),
    now: () => Date.now(),
    MutationObserver: window.MutationObserver,
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (h) => window.clearTimeout(h as number),
    setInterval: (fn, ms) => window.setInterval(fn, ms),
    clearInterval: (h) => window.clearInterval(h as number),
  });

  const stop = () => {
    browser.runtime.onMessage.removeListener(onMessage);
    reader.stop();
    removeFlush();
    void queue.flush().finally(() => queue.dispose());
    scope[RUNNING] = false;
  };

  // Answers with a promise (both browsers); `undefined` leaves other messages to other listeners.
  const onMessage: (message: unknown) => undefined = ((message: unknown): Promise<boolean> | undefined => {
    const command = (message as { transcriptReader?: string } | null)?.transcriptReader;
    if (command === 'ping') return Promise.resolve(true);
    if (command === 'stop') {
      stop();
      return Promise.resolve(true);
    }
    if (command === 'captions-on') {
      const button = config.platform === 'meet' ? meetCaptionsButton(document) : null;
      if (button && button.getAttribute('aria-pressed') !== 'true') button.click();
      return Promise.resolve(button !== null);
    }
    return undefined;
  }) as never;
  browser.runtime.onMessage.addListener(onMessage);
}
