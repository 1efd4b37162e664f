import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountPanelFrame } from '../../lib/content/panel-frame';
import { isMeetMeetingUrl } from '../../lib/platforms/meet';

export default defineContentScript({
  matches: ['https://meet.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    if (!isMeetMeetingUrl(location.href)) return;
    const frame = mountPanelFrame(document, browser.runtime.getURL('/panel.html'));
    ctx.onInvalidated(() => frame.remove());
  },
});
