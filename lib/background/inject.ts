import { browser } from 'wxt/browser';
import { CALL_HOST_MATCHES } from '../platforms/hosts';
import { contentMessenger } from '../protocol/content-protocol';

/**
 * Injecting the extension's scripts into call tabs after the page has loaded (issue 12, item 5).
 *
 * A call tab's manifest content script is only the call loader (`entrypoints/call-loader.ts`, a few hundred bytes):
 * once the page's `load` event has fired it sends `calls.load`, and the background injects the call-detection script
 * with {@link ensureCallScript}. Nothing else of ours is parsed before the page's `load`. The same functions inject
 * other on-demand scripts (the transcript reader) and re-inject into call tabs whose script stopped answering
 * (after an update, or at every background start).
 *
 * Chrome MV3 and Firefox (MV2, 102+) both have `scripting.executeScript`; `tabs.executeScript` is the fallback for
 * an MV2 browser without it. Both need only the `scripting` permission and the call hosts' host permissions, which
 * the extension already has: no new install warning.
 */

/** The call-detection content script's bundle (entrypoints/content, registered at runtime, not in the manifest). */
export const CALL_SCRIPT_FILE = '/content-scripts/content.js';

/** The manifest's only call-tab content script: asks for {@link CALL_SCRIPT_FILE} after the page's `load`. */
export const CALL_LOADER_FILE = '/call-loader.js';

/** How long a script gets to answer a ping before it counts as gone (ms). */
const ANSWER_TIMEOUT_MS = 500;

/** Injections in flight per tab and file, so concurrent requests (loader + background start) inject once. */
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
 * @param options.check ask the tab first and leave a script that answers alone (default true). The loader's own
 *   request skips it: a page that just loaded has no script yet, and the answer would only delay the panel.
 * @returns `running` when a live script answered, `injected` when one was injected, `failed` otherwise.
 */
export async function ensureCallScript(tabId: number, options: { check?: boolean } = {}): Promise<EnsureResult> {
  if (options.check !== false && (await callScriptAnswers(tabId))) return 'running';
  return (await injectScript(tabId, CALL_SCRIPT_FILE)) ? 'injected' : 'failed';
}

/**
 * Re-injects the call-detection script into every open, loaded call tab whose script does not answer: after an
 * install, update or reload (orphaned scripts throw "Extension context invalidated"), and at a background start.
 * Tabs still loading are skipped: their loader asks by itself after `load`. Concurrent calls share one pass.
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
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.status !== 'complete') return;
      if ((await ensureCallScript(tab.id)) === 'injected') injected.push(tab.id);
    }),
  );
  return injected;
}
