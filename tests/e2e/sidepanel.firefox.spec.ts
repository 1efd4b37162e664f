import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { launchFirefox, openExtensionPage, panelFrames, type FirefoxSession } from './support/firefox';
import { MEETING_URL } from './support/panel';
import { openMeetingFirefox, readTableFirefox, startFromPanelFirefox, waitForNoteFirefox } from './support/panel-firefox';

/**
 * The guide in Firefox's sidebar (`sidebar_action`). The real sidebar cannot be driven over BiDi, so its page is
 * opened as a normal tab with `?tabId=N`, the tab it would follow.
 */
let session: FirefoxSession;
test.beforeAll(async () => {
  session = await launchFirefox();
});
test.afterAll(async () => {
  await session?.close();
});

async function textOf(page: Page, selector: string): Promise<string> {
  await page.waitForSelector(selector, { timeout: 10_000 });
  return page.$eval(selector, (el) => el.textContent ?? '');
}

test('side-panel mode: no overlay on the Meet call, and the sidebar page shows and edits the same interview', async () => {
  const { page: call, frame } = await openMeetingFirefox(session);
  await startFromPanelFirefox(frame, 'Robin Sidebar');
  await frame.focus('#notes-box');
  await call.keyboard.type('Typed in the overlay');
  await call.keyboard.press('Enter');
  await waitForNoteFirefox(session, 'Typed in the overlay');

  // Meet goes to the sidebar from the Settings view; the overlay leaves the call page, which is not reloaded for
  // it (a mark in the page's window survives). How fast is not asserted here (no timed assertions in tests).
  await call.evaluate(() => ((window as unknown as { __beforeSwitch?: boolean }).__beforeSwitch = true));
  const options = await openExtensionPage(session, 'options.html#settings');
  await options.waitForSelector('[data-testid="panel-mode-meet"]', { timeout: 10_000 });
  await options.click('[data-testid="panel-mode-meet"] label:nth-of-type(2) input');
  await expect.poll(() => call.$$eval('[data-interview-copilot]', (els) => els.length)).toBe(0);
  expect(await call.evaluate(() => (window as unknown as { __beforeSwitch?: boolean }).__beforeSwitch)).toBe(true);
  expect(await panelFrames(call)).toHaveLength(0);

  const tabId = await options.evaluate(async (pattern) => (await browser.tabs.query({ url: pattern }))[0]?.id, `${MEETING_URL}*`);
  expect(tabId).toEqual(expect.any(Number));
  const side = await openExtensionPage(session, `sidepanel.html?tabId=${tabId}`);
  expect(await textOf(side, '[data-testid="candidate-name"]')).toBe('Robin Sidebar');
  expect(await textOf(side, '[data-testid="note-entries"]')).toContain('Typed in the overlay');
  expect(await side.$('[aria-label="Collapse the panel"]')).toBeNull();

  await side.focus('#notes-box');
  await side.keyboard.type('Typed in the sidebar');
  await side.keyboard.press('Enter');
  await waitForNoteFirefox(session, 'Typed in the sidebar');
  const interview = (await readTableFirefox(session, 'interviews', options)).find((i) => i.candidateName === 'Robin Sidebar');
  expect(interview).toMatchObject({ platform: 'meet', meetingId: 'abc-defg-hij', state: 'active' });
  const notes = (await readTableFirefox(session, 'notes', options)).filter((n) => n.interviewId === interview?.id).map((n) => n.text);
  expect(notes.sort()).toEqual(['Typed in the overlay', 'Typed in the sidebar']);
  // No overlay host in the page either (`panelFrames` takes a frame it cannot read for "not a panel").
  expect(await call.$$eval('[data-interview-copilot]', (els) => els.length)).toBe(0);
  expect(await panelFrames(call)).toHaveLength(0);

  await Promise.all([side.close(), options.close(), call.close()]);
});
