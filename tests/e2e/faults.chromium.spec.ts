import type { BrowserContext, Frame, Page } from 'playwright-core';
import { URLS, fixtureBody } from '../fixtures/pages/index';
import { expect, serveCallPages, test } from './support/chromium';
import { contentState } from './support/content-state';
import { fixturePage } from './support/pages';
import { openMeeting, panelFrame, readDatabase, serveMeet, startFromPanel } from './support/panel';

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

/** Plays a single-page app's re-render: the body is replaced, the URL stays (or was changed before). */
async function render(page: Page, file: string): Promise<void> {
  await page.evaluate((html) => {
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    document.body.replaceChildren(...Array.from(parsed.body.childNodes, (node) => document.importNode(node, true)));
  }, fixtureBody(file));
}

const attachedPanels = (page: Page) => page.frames().filter((f) => f.url().includes('/panel.html') && !f.isDetached());

async function interviewRow(context: BrowserContext, extensionId: string, candidate: string) {
  const db = await readDatabase(context, extensionId);
  return (db.interviews ?? []).find((r) => r.candidateName === candidate) as Record<string, unknown> | undefined;
}

/** Waits until the content script has looked at the page twice more and the panel is still the same frame. */
async function expectStillThere(context: BrowserContext, page: Page, frame: Frame): Promise<void> {
  const { looks } = await contentState(context, page);
  await expect.poll(async () => (await contentState(context, page)).looks, { timeout: 15_000 }).toBeGreaterThan(looks + 2);
  expect(frame.isDetached()).toBe(false);
  expect(attachedPanels(page)).toEqual([frame]);
}

test.describe('item 1: leaving a call by in-app navigation', () => {
  test('Meet: the wrap-up stays open while typing when the app moves to its home page, and the panel goes once ended', async ({ context, extensionId }) => {
    await serveMeet(context);
    const { page, frame } = await openMeeting(context);
    await startFromPanel(frame, 'Meet Leaver');
    await render(page, 'meet/left.html');
    await expect(frame.getByRole('heading', { name: 'Wrap-up' })).toBeVisible({ timeout: 15_000 });
    const summary = frame.getByRole('textbox', { name: 'Summary' });
    await summary.pressSequentially('Clear on trade-offs');

    // Meet moves to `/` by client-side navigation while the interviewer types.
    await page.evaluate(() => history.pushState(null, '', '/'));
    await render(page, 'meet/home.html');
    await expect.poll(async () => (await contentState(context, page)).state).toBe('none');
    await summary.pressSequentially(', asks good questions');
    await expectStillThere(context, page, frame);
    await expect(frame.getByText('You left the call.', { exact: false })).toBeVisible();
    await expect(summary).toHaveValue('Clear on trade-offs, asks good questions');

    await frame.getByRole('radio', { name: 'Yes', exact: true }).click();
    await frame.getByRole('button', { name: 'End interview', exact: true }).click();
    await expect.poll(() => frame.isDetached(), { timeout: 15_000 }).toBe(true);
    // The frame's removal reaches Playwright from the browser a moment after the script removed its host.
    await expect.poll(() => attachedPanels(page).length).toBe(0);
    await expect
      .poll(async () => {
        const row = await interviewRow(context, extensionId, 'Meet Leaver');
        return row && { state: row.state, recommendation: row.recommendation, summary: row.summary };
      })
      .toEqual({ state: 'ended', recommendation: 'yes', summary: 'Clear on trade-offs, asks good questions' });
  });

  test('Teams: routed to a chat, the panel offers the wrap-up instead of a start form; "Later" lets it go and the interview waits', async ({ context, extensionId }) => {
    await serveCallPages(context, { [URLS.teams.app]: { body: fixturePage('teams/in-call.html') } });
    const page = await context.newPage();
    await page.goto(URLS.teams.meetupHash);
    const frame = await panelFrame(page);
    await startFromPanel(frame, 'Teams Leaver');

    // The app routes to a chat; the call controls linger a moment, then disappear.
    await page.evaluate(() => (location.hash = '#/conversations/19:abc@thread.v2'));
    await expect.poll(async () => (await contentState(context, page)).meetingId).toBeNull();
    await render(page, 'teams/app.html');
    await expect.poll(async () => (await contentState(context, page)).state, { timeout: 15_000 }).toMatch(/left|none/);
    const panel = attachedPanels(page)[0]!;
    await expect(panel.getByText('You left the call.', { exact: false })).toBeVisible({ timeout: 15_000 });
    await expect(panel.getByTestId('candidate-name')).toHaveText('Teams Leaver');
    await expect(panel.getByRole('button', { name: 'Start interview' })).toHaveCount(0);
    await expectStillThere(context, page, panel);

    await panel.getByRole('button', { name: 'Later', exact: true }).click();
    await expect.poll(() => attachedPanels(page).length, { timeout: 15_000 }).toBe(0);
    expect((await interviewRow(context, extensionId, 'Teams Leaver'))?.state).toBe('active');

    // The popup offers the waiting wrap-up; its record in the options page ends it.
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const pending = popup.getByTestId('pending-wrap-ups');
    await expect(pending).toContainText('Teams Leaver');
    const [options] = await Promise.all([context.waitForEvent('page'), pending.getByRole('button', { name: /Teams Leaver/ }).click()]);
    await expect(options.getByTestId('pending-wrap-up')).toBeVisible({ timeout: 15_000 });
    await options.locator('label').filter({ has: options.getByRole('radio', { name: 'Yes', exact: true }) }).click();
    await expect(options.getByRole('radio', { name: 'Yes', exact: true })).toBeChecked();
    await options.getByTestId('pending-wrap-up').getByRole('button', { name: 'End interview' }).click();
    await expect(options.getByTestId('pending-wrap-up')).toHaveCount(0);
    await expect
      .poll(async () => {
        const row = await interviewRow(context, extensionId, 'Teams Leaver');
        return row && { state: row.state, recommendation: row.recommendation };
      })
      .toEqual({ state: 'ended', recommendation: 'yes' });
    const again = await context.newPage();
    await again.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(again.getByRole('heading', { name: 'Recent interviews' }).or(again.getByText('Recent', { exact: false }).first())).toBeVisible();
    await expect(again.getByTestId('pending-wrap-ups')).toHaveCount(0);
  });

  test('a call left in the Teams app (no meeting URL) with nothing pending: the "left" panel goes away', async ({ context }) => {
    await serveCallPages(context, { [URLS.teams.cloudApp]: { body: fixturePage('teams/app.html') } });
    const page = await context.newPage();
    await page.goto(URLS.teams.cloudApp);
    await render(page, 'teams/in-call.html');
    await panelFrame(page);
    await render(page, 'teams/app.html');
    await expect.poll(async () => (await contentState(context, page)).state, { timeout: 15_000 }).toBe('left');
    await expect.poll(async () => (await contentState(context, page)).mounted).toBe(false);
    // The frame's removal reaches Playwright from the browser a moment after the script removed its host.
    await expect.poll(() => attachedPanels(page).length).toBe(0);
  });
});
