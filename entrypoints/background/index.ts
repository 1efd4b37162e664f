import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers } from '../../lib/background/handlers';
import { registerHandlers } from '../../lib/background/router';

export default defineBackground(() => {
  registerHandlers(createHandlers({ now: () => Date.now() }), {
    runtimeId: browser.runtime.id,
    extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
  });
});
