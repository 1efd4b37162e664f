import type { BrowserContext, Page } from 'playwright-core';
import { expect, test } from './support/chromium';
import { openMeeting, serveMeet, startFromPanel } from './support/panel';

/**
 * What real calls and real machines throw at the extension (issue 17), in Chromium: each test failed before
 * its fix.
 */

/** Text of every attached panel frame in the page, joined. */
async function panelText(page: Page): Promise<string> {
  const frames = page.frames().filter((f) => f.url().includes('/panel.html') && !f.isDetached());
  const texts = await Promise.all(frames.map((f) => f.evaluate(() => document.body.innerText).catch(() => '')));
  return texts.join('\n');
}

/** Turns the extension off or on as `chrome://extensions` does (chrome.management from that page). */
async function setEnabled(context: BrowserContext, extensionId: string, enabled: boolean): Promise<void> {
  const settings = await context.newPage();
  await settings.goto('chrome://extensions');
  await settings.evaluate(
    ({ id, enabled }) =>
      (globalThis as unknown as { chrome: { management: { setEnabled(id: string, on: boolean): Promise<void> } } }).chrome.management.setEnabled(id, enabled),
    { id: extensionId, enabled },
  );
  await settings.close();
}

test('item 7: disabling and enabling the extension brings the panel back into an open call tab', async ({ context, extensionId }) => {
  await serveMeet(context);
  const { page, frame } = await openMeeting(context);
  await startFromPanel(frame, 'Disabled Candidate');
  await setEnabled(context, extensionId, false);
  await expect.poll(() => frame.isDetached(), { timeout: 15_000 }).toBe(true);
  await setEnabled(context, extensionId, true);
  // No install event on enabling: the background's start itself re-injects into call tabs that do not answer.
  await expect.poll(() => panelText(page), { timeout: 20_000 }).toContain('Disabled Candidate');
  await expect.poll(() => page.frames().filter((f) => f.url().includes('/panel.html')).length).toBe(1);
});
