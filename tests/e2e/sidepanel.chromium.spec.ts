import type { BrowserContext, Page } from 'playwright-core';
import { PANEL_HOST_ATTR } from '../../lib/content/panel-frame';
import { collectErrors, expect, serveCallPages, test } from './support/chromium';
import { waitForLooks } from './support/content-state';
import { MEETING_URL, panelFrame, readDatabase, startFromPanel } from './support/panel';
import { fixturePage } from './support/pages';
import { screenshotPath } from './support/screenshots';

/**
 * The guide in Chrome's side panel. Playwright cannot drive the browser's real side panel, so the side-panel
 * page is opened as a normal tab with `?tabId=N` (the tab it would follow), as the popup tests do.
 */
const PRESENTING_URL = 'https://meet.google.com/pre-sent-ing';

test.beforeEach(async ({ context }) => {
  await serveCallPages(context, {
    [MEETING_URL]: { body: fixturePage('meet/in-call.html') },
    [PRESENTING_URL]: { body: fixturePage('meet/presenting.html') },
    'https://meet.google.com/': { body: fixturePage('meet/home.html') },
  });
});

/** The id of the tab showing `url`, read from an extension page (call-host URLs are visible to it). */
async function tabIdOf(extensionPage: Page, url: string): Promise<number> {
  const id = await extensionPage.evaluate(async (pattern) => (await chrome.tabs.query({ url: pattern }))[0]?.id, `${url}*`);
  expect(id, `a tab for ${url}`).toEqual(expect.any(Number));
  return id!;
}

const overlayHosts = (page: Page) => page.locator(`[${PANEL_HOST_ATTR}]`).count();
const panelFrames = (page: Page) => page.frames().filter((f) => f.url().includes('/panel.html') && !f.isDetached());

/** Sets a platform's panel mode from the options page's Settings view, as the interviewer would. */
async function chooseMode(context: BrowserContext, extensionId: string, mode: 'Over the call' | 'In the side panel'): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#settings`);
  const meet = options.getByTestId('panel-mode-meet');
  await meet.getByRole('radio', { name: mode }).check();
  await expect(meet.getByRole('radio', { name: mode })).toBeChecked();
  return options;
}

test('side-panel mode: no overlay on the Meet call, and the side panel shows and edits the same interview', async ({ context, extensionId }) => {
  // Start an interview and write a note in the overlay first.
  const call = await context.newPage();
  const errors = collectErrors(call);
  await call.goto(MEETING_URL);
  const frame = await panelFrame(call);
  await startFromPanel(frame, 'Riley Sidebar');
  const notes = frame.getByRole('textbox', { name: 'Notes', exact: true });
  await notes.click();
  await call.keyboard.type('Typed in the overlay');
  await call.keyboard.press('Enter');
  await expect(frame.getByTestId('note-entries')).toContainText('Typed in the overlay');
  // The overlay offers the side panel.
  await expect(frame.getByRole('button', { name: 'Show in side panel' })).toBeVisible();

  // Switch Meet to the side panel: the overlay leaves the call page, which is not reloaded for it (a mark in the
  // page's window survives). How fast is not asserted here (no timed assertions in tests).
  await call.evaluate(() => ((window as unknown as { __beforeSwitch?: boolean }).__beforeSwitch = true));
  const options = await chooseMode(context, extensionId, 'In the side panel');
  await expect.poll(() => overlayHosts(call)).toBe(0);
  expect(await call.evaluate(() => (window as unknown as { __beforeSwitch?: boolean }).__beforeSwitch)).toBe(true);
  expect(panelFrames(call)).toHaveLength(0);

  // A fresh load of the call never shows it either.
  await call.reload();
  // Detection looked at the reloaded page (twice) and found the call, yet mounted nothing.
  expect(await waitForLooks(context, call)).toMatchObject({ state: 'in-call', mounted: false });
  expect(await overlayHosts(call)).toBe(0);

  // The side panel for that tab shows the same interview, with the overlay's note.
  const tabId = await tabIdOf(options, MEETING_URL);
  const side = await context.newPage();
  await side.setViewportSize({ width: 400, height: 800 });
  const sideErrors = collectErrors(side);
  await side.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
  await expect(side.getByTestId('candidate-name')).toHaveText('Riley Sidebar');
  await expect(side.getByTestId('note-entries')).toContainText('Typed in the overlay');
  await expect(side.getByLabel('Call: In call')).toBeVisible();
  // Nothing to collapse in the side panel; the control offers the way back instead.
  await expect(side.getByRole('button', { name: 'Collapse the panel' })).toHaveCount(0);
  await expect(side.getByRole('button', { name: 'Show over the call' })).toBeVisible();
  expect(await side.evaluate(() => document.querySelector('[data-testid="panel-drawer"]')!.getBoundingClientRect().height)).toBe(800);

  // Edit in the side panel: a free note and a question, both in the database.
  const sideNotes = side.getByRole('textbox', { name: 'Notes', exact: true });
  await sideNotes.click();
  await side.keyboard.type('Typed in the side panel');
  await side.keyboard.press('Enter');
  const firstQuestion = side.locator('article[id^="question-"]').first();
  await firstQuestion.getByRole('checkbox').check();
  await expect
    .poll(async () => {
      const db = await readDatabase(context, extensionId, options);
      const interview = db.interviews?.find((i) => i.candidateName === 'Riley Sidebar');
      const notesOf = (db.notes ?? []).filter((n) => n.interviewId === interview?.id).map((n) => n.text);
      const asked = (db.questionStates ?? []).filter((q) => q.interviewId === interview?.id && q.asked === true).length;
      return { meeting: interview?.meetingId, notes: notesOf.sort(), asked };
    })
    .toEqual({ meeting: 'abc-defg-hij', notes: ['Typed in the overlay', 'Typed in the side panel'], asked: 1 });

  await side.screenshot({ path: screenshotPath('sidepanel-en.png') });

  // "Show over the call" brings the overlay back on the call tab, with the side panel's note in it.
  await side.getByRole('button', { name: 'Show over the call' }).click();
  await expect(side.getByTestId('sidepanel-overlay-mode')).toBeVisible();
  await expect.poll(() => overlayHosts(call), { intervals: [50] }).toBe(1);
  const back = await panelFrame(call);
  await expect(back.getByTestId('note-entries')).toContainText('Typed in the side panel');
  // And the side panel's notice moves it back.
  await side.getByRole('button', { name: 'Show it here instead' }).click();
  await expect(side.getByTestId('candidate-name')).toHaveText('Riley Sidebar');
  await expect.poll(() => overlayHosts(call), { intervals: [50] }).toBe(0);

  expect(errors).toEqual([]);
  expect(sideErrors).toEqual([]);
});

test('the side panel on a tab without a call says so', async ({ context, extensionId }) => {
  const home = await context.newPage();
  await home.goto('https://meet.google.com/');
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const tabId = await tabIdOf(options, 'https://meet.google.com/');
  const side = await context.newPage();
  await side.setViewportSize({ width: 400, height: 800 });
  await side.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
  await expect(side.getByTestId('sidepanel-empty')).toContainText('No call in this tab');
  // Without a tab id, opened as a tab, the active tab is the page itself: no call either.
  await side.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await expect(side.getByTestId('sidepanel-empty')).toBeVisible();
  await side.screenshot({ path: screenshotPath('sidepanel-no-call-en.png') });
});

test('presenting on Meet collapses the overlay, which offers the side panel', async ({ context }) => {
  const call = await context.newPage();
  await call.goto(PRESENTING_URL);
  const frame = await panelFrame(call);
  const prompt = frame.getByTestId('presenting-prompt');
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('You are presenting');
  await expect(prompt.getByRole('button', { name: /move the guide to the side panel/i })).toBeVisible();
  await expect(call.locator(`[${PANEL_HOST_ATTR}]`)).toHaveAttribute('data-collapsed', 'true');
  await call.locator(`[${PANEL_HOST_ATTR}]`).screenshot({ path: screenshotPath('panel-presenting-en.png') });
});

test('“Show in side panel” in the overlay opens Chrome’s side panel on the call tab and takes the overlay away', async ({ context, extensionId }) => {
  const call = await context.newPage();
  await call.goto(MEETING_URL);
  const frame = await panelFrame(call);
  await frame.getByRole('button', { name: 'Show in side panel' }).click();
  await expect.poll(() => overlayHosts(call), { intervals: [50] }).toBe(0);
  const probe = await context.newPage();
  await probe.goto(`chrome-extension://${extensionId}/options.html`);
  // The real side panel is an extension context of its own (runtime.getContexts, Chrome 116+).
  await expect
    .poll(() => probe.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] })).map((c) => c.documentUrl)))
    .toEqual([expect.stringContaining('/sidepanel.html')]);
  const settings = await probe.evaluate(async () => (await chrome.storage.local.get('settings')).settings as { panelMode: Record<string, string> });
  expect(settings.panelMode.meet).toBe('sidepanel');
});
