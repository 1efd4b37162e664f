import { browser } from 'wxt/browser';
import { CALL_HOST_MATCHES } from '../platforms/hosts';
import { adapterForUrl } from '../platforms/registry';
import { contentMessenger } from '../protocol/content-protocol';

/**
 * Injecting the extension's scripts into call tabs after the page has loaded (issue 12, item 5).
 *
 * The manifest has no content script: call pages get nothing of ours by themselves. When the browser reports that a
 * call tab finished loading (after the page's `load` event; {@link watchCallTabLoads}), the background injects the
 * call-detection script with {@link ensureCallScript}. An earlier design put a loader of a few hundred bytes into every
 * call page at `document_idle`, which usually comes before `load`: its isolated world alone cost the page's load about
 * 10 ms on the benchmark's fixture (bench `loads`). The same functions inject other on-demand scripts (the
 * transcript reader) and re-inject into call tabs whose script stopped answering (after an update, or at every
 * background start).
 *
 * Chrome MV3 and Firefox (MV2, 102+) both have `scripting.executeScript`; `tabs.executeScript` is the fallback for
 * an MV2 browser without it. Both need only the `scripting` permission and the call hosts' host permissions, which
 * the extension already has: no new install warning.
 */

/** The call-detection content script's bundle (entrypoints/content, registered at runtime, not in the manifest). */
export const CALL_SCRIPT_FILE = '/content-scripts/content.js';

/** How long a script gets to answer a ping before it counts as gone (ms). */
const ANSWER_TIMEOUT_MS = 500;

/** Injections in flight per tab and file, so concurrent requests (a load report + background start) inject once. */
const inFlight = new Map<string, Promise<boolean>>();

/**
 * Injects a bundled script file (a path in the build output, e.g. `/transcript-reader.js`) into a tab's top frame
 * (or every frame with `allFrames`). Concurrent calls for the same tab and file share one injection.
 * @returns true once the script was injected; false when the tab is gone, not a call host, or refused it
 *   (never throws).
 */
export function injectScript(tabId: number, file: string, options: { allFrames?: boolean } = {}): Promise<boolean> {
  const key = `${tabId}\n${file}\n${options.allFrames ? 'all' : 'top'}`;
  const running = inFlight.get(key);
  if (running) return running;
  const injected = executeFile(tabId, file, options.allFrames ?? false).finally(() => inFlight.delete(key));
  inFlight.set(key, injected);
  return injected;
}

async function executeFile(tabId: number, file: string, allFrames: boolean): Promise<boolean> {
  try {
    if (browser.scripting?.executeScript) {
      const target = allFrames ? { tabId, allFrames: true } : { tabId, frameIds: [0] };
      await browser.scripting.executeScript({ target, files: [file] as never });
      return true;
    }
    // An MV2 browser without the scripting API.
    const tabs = browser.tabs as unknown as { executeScript?: (tabId: number, details: { file: string; allFrames?: boolean; runAt?: string }) => Promise<unknown> };
    if (!tabs.executeScript) return false;
    await tabs.executeScript(tabId, { file, allFrames, runAt: 'document_idle' });
    return true;
  } catch {
    return false;
  }
}

/** Whether the tab's top frame runs a call-detection script of this extension instance (answers within 500 ms). */
export async function callScriptAnswers(tabId: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ANSWER_TIMEOUT_MS)));
  const asked = contentMessenger.sendMessage('content.state', undefined, { tabId, frameId: 0 }).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([asked, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What {@link ensureCallScript} did. */
export type EnsureResult = 'running' | 'injected' | 'failed';

/**
 * Makes sure the call-detection script runs in a call tab's top frame.
 * @param options.check ask the tab first and leave a script that answers alone (default true).
 * @returns `running` when a live script answered, `injected` when one was injected, `failed` otherwise.
 */
export async function ensureCallScript(tabId: number, options: { check?: boolean } = {}): Promise<EnsureResult> {
  if (options.check !== false && (await callScriptAnswers(tabId))) return 'running';
  return (await injectScript(tabId, CALL_SCRIPT_FILE)) ? 'injected' : 'failed';
}

/**
 * Re-injects the call-detection script into every open, loaded call tab whose script does not answer: after an
 * install, update or reload (orphaned scripts throw "Extension context invalidated"), and at a background start.
 * Tabs still loading are skipped: they get the script when they report `complete`. Concurrent calls share one pass.
 * @returns the ids of the tabs it injected into.
 */
export function reinjectCallTabs(): Promise<number[]> {
  // A start after an install runs it twice (install event and start): both share one pass.
  reinjecting ??= reinjectNow().finally(() => (reinjecting = null));
  return reinjecting;
}

let reinjecting: Promise<number[]> | null = null;

async function reinjectNow(): Promise<number[]> {
  const tabs = await browser.tabs.query({ url: [...CALL_HOST_MATCHES] }).catch(() => []);
  const injected: number[] = [];
  let loading = false;
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined) return;
      if (tab.status !== 'complete') loading = true;
      else if ((await ensureCallScript(tab.id)) === 'injected') injected.push(tab.id);
    }),
  );
  if (loading) lookAgainForLoadingTabs();
  return injected;
}

/** How often, and how many times, a background start looks again at call tabs that were still loading (ms, count). */
const LOADING_RECHECK_MS = 1000;
const LOADING_RECHECKS = 30;
let rechecksLeft = LOADING_RECHECKS;

/**
 * A call tab still loading when the background starts normally gets its script from its `complete` report. Right
 * after an install, Chrome was seen to drop those reports for tabs that started loading before the worker's first
 * run, so the start pass also looks again, once a second for at most 30 s, while any call tab is still loading.
 */
function lookAgainForLoadingTabs(): void {
  if (rechecksLeft <= 0) return;
  rechecksLeft--;
  setTimeout(() => void reinjectCallTabs(), LOADING_RECHECK_MS);
}

/**
 * Injects the call-detection script into a call tab each time the browser reports that its page finished loading
 * (`tabs.onUpdated` with `status: 'complete'`, which comes after the page's `load` event), unless a live script
 * already answers there (a single-page app's later URL changes report `complete` too). So no script of ours, not
 * even a loader, is in a call page before its `load` event. Firefox filters the event by URL in the browser, so other
 * tabs never wake the background; Chrome has no such filter, and the listener returns at once for any tab that is
 * not a call (their URL is not even visible without a host permission).
 */
export function watchCallTabLoads(): void {
  const onUpdated = (tabId: number, change: { status?: string }, tab: { url?: string }) => {
    if (change.status !== 'complete' || !tab.url || !adapterForUrl(tab.url)) return;
    void ensureCallScript(tabId);
  };
  if (import.meta.env.FIREFOX) {
    (browser.tabs.onUpdated.addListener as (listener: typeof onUpdated, filter: object) => void)(onUpdated, {
      urls: [...CALL_HOST_MATCHES],
      properties: ['status'],
    });
  } else {
    browser.tabs.onUpdated.addListener(onUpdated);
  }
}
