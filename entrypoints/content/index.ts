import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { afterPageLoad, startCallDetection } from '../../lib/content/call-detection';
import { CALL_HOST_MATCHES } from '../../lib/platforms/hosts';
import { PANEL_COMMANDS } from '../../lib/protocol/content-protocol';
import { callVia } from '../../lib/protocol/retry';
import { onContentMessages, sendToBackground } from '../../lib/content/wire';

export default defineContentScript({
  matches: [...CALL_HOST_MATCHES],
  // Top frame only: Zoom's `#webclient` call frame is same-origin and read from here by its adapter.
  allFrames: false,
  // Not in the manifest: the background injects this once the browser reports the call tab loaded, after the page's
  // load event (lib/background/inject.ts, watchCallTabLoads), so call pages parse none of it while loading.
  registration: 'runtime',
  runAt: 'document_idle',
  async main(ctx) {
    if (window !== window.top) return;
    // Start after the call page's load event (at most 250 ms later), so the page's own load is not delayed.
    await afterPageLoad(window, 250);
    if (ctx.isInvalid) return;
    let onSettings: ((changes: Record<string, { newValue?: unknown }>, area: string) => void) | null = null;
    const detection = startCallDetection({
      window,
      panelUrl: (platform) => `${browser.runtime.getURL('/panel.html')}?platform=${platform}`,
      report: (report) => callVia(sendToBackground, 'calls.report', report, { retryForMs: 3000 }),
      storage: browser.storage.local,
      watchSettings: (listener) => {
        onSettings = (changes, area) => {
          if (area === 'local' && 'settings' in changes) listener(changes.settings?.newValue);
        };
        browser.storage.onChanged.addListener(onSettings);
      },
      setInterval: (handler, ms) => ctx.setInterval(handler, ms),
      addEventListener: (target, type, handler) => ctx.addEventListener(target as Window, type as 'resize', handler),
      now: () => Date.now(),
    });
    if (!detection) return;
    const removers = [
      onContentMessages({
        'content.command': (data: { command?: (typeof PANEL_COMMANDS)[number] } | undefined) => {
          if (!data?.command || !PANEL_COMMANDS.includes(data.command)) throw new Error('Unknown panel command');
          return detection.command(data.command);
        },
        'content.state': () => detection.state(),
        'content.recheck': () => detection.recheck(),
      }),
    ];
    ctx.onInvalidated(() => {
      detection.stop();
      removers.forEach((remove) => remove());
      if (onSettings) browser.storage.onChanged.removeListener(onSettings);
    });
  },
});
