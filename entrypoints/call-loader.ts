import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

/**
 * The call loader: the only script of ours the browser puts into call pages by itself (manifest `content_scripts`,
 * `document_idle`, top frame). It is a few hundred bytes and does one thing: once the page's `load` event has
 * fired (in a task of its own, so nothing runs inside the page's load event), it asks the background with
 * `calls.load` to inject the call-detection script (`lib/background/inject.ts`). So nothing heavier than this is
 * parsed before the call page has loaded. Message in @webext-core/messaging's wire shape
 * (`{ id, type, data, timestamp }`); the background checks the sender like any protocol message.
 */
export default defineUnlistedScript(() => {
  if (window !== window.top) return;
  const api = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
  const ask = () =>
    setTimeout(() => {
      api.runtime.sendMessage({ id: 0, type: 'calls.load', data: {}, timestamp: Date.now() }).catch(() => undefined);
    }, 0);
  if (document.readyState === 'complete') ask();
  else addEventListener('load', ask, { once: true });
});
