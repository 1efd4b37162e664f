import { expect, test } from '@playwright/test';
import { launchFirefox, openExtensionPage, type FirefoxSession } from './support/firefox';
import { openMeetingFirefox, startFromPanelFirefox, waitForNoteFirefox } from './support/panel-firefox';

/** Nothing typed in the panel is lost in Firefox: the tab closing, and the background page restarting. */
let session: FirefoxSession;
test.beforeEach(async () => {
  session = await launchFirefox();
});
test.afterEach(async () => {
  await session?.close();
});

test('survives the tab being closed 100 ms after the last keystroke', async () => {
  const { page, frame } = await openMeetingFirefox(session);
  await startFromPanelFirefox(frame, 'Tab Close Firefox');
  await frame.focus('#notes-box');
  const text = 'Closed the Firefox tab right after this';
  await page.keyboard.type(text, { delay: 15 });
  await new Promise((r) => setTimeout(r, 100));
  await page.close({ runBeforeUnload: true });
  await waitForNoteFirefox(session, text, 5000);
});

test('survives the background page restarting (extension reload)', async () => {
  const { page, frame } = await openMeetingFirefox(session);
  await startFromPanelFirefox(frame, 'Reload Firefox');
  await frame.focus('#notes-box');
  const text = 'Typed before the background restarted';
  await page.keyboard.type(text, { delay: 15 });
  // Within a second it is stored; then the whole add-on (its background page included) reloads.
  await waitForNoteFirefox(session, text, 1000);
  const control = await openExtensionPage(session, 'options.html');
  await control.evaluate(() => void (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser.runtime.reload()).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 2000));
  // The reload really happened: the add-on's old pages were closed with it.
  expect(control.isClosed() || (await control.evaluate(() => location.href).catch(() => 'gone')) === 'gone').toBe(true);
  await waitForNoteFirefox(session, text, 10_000);
  // Typing after the restart reaches the new background too, from a fresh panel.
  const again = await openMeetingFirefox(session);
  await again.frame.waitForSelector('[data-testid="candidate-name"]', { timeout: 15_000 });
  expect(await again.frame.$eval('[data-testid="candidate-name"]', (el) => el.textContent)).toBe('Reload Firefox');
  await again.frame.focus('#notes-box');
  await again.page.keyboard.type('Typed after the restart', { delay: 15 });
  await waitForNoteFirefox(session, 'Typed after the restart', 5000);
});
