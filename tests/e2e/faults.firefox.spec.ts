import { expect, test } from '@playwright/test';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { fixtureBody } from '../fixtures/pages/index';
import { launchFirefox, openExtensionPage, panelFrames, serveCallPagesFirefox, setAddonEnabled, waitForLooksFirefox, waitForPanelFrame, type FirefoxSession } from './support/firefox';
import { fixturePage } from './support/pages';
import { openMeetingFirefox, readTableFirefox, startFromPanelFirefox } from './support/panel-firefox';
import { waitFor } from './support/wait';

/**
 * What real calls throw at the extension (issue 17) in Firefox, as faults.chromium.spec.ts does in Chromium. Each
 * test has a browser of its own and a meeting of its own (running interviews on one meeting leak between tests).
 */

const MEET_LEAVER = 'https://meet.google.com/lea-verf-fox';
const MEET_DISABLED = 'https://meet.google.com/dis-able-dfx';
const TEAMS_APP = 'https://teams.microsoft.com/_';
const TEAMS_LEAVER = `${TEAMS_APP}#/l/meetup-join/19%3ameeting_RmlyZWZveExlYXZlcg%40thread.v2/0?context=%7b%7d`;

let session: FirefoxSession;
/** An extension page, opened before any call tab: it asks the content scripts for their state and reads the database. */
let control: Page;
test.beforeEach(async () => {
  session = await launchFirefox();
  control = await openExtensionPage(session, 'popup.html');
});
test.afterEach(async () => {
  await session?.close();
});

interface ContentState {
  state: string;
  meetingId: string | null;
  mounted: boolean;
}

/** The content script's state in the tab whose URL starts with `urlPrefix` (its top frame). */
async function contentState(urlPrefix: string): Promise<ContentState | null> {
  const wire = (await control
    .evaluate(
      async (prefix) => {
        const api = (globalThis as unknown as { browser: typeof chrome }).browser;
        const tab = (await api.tabs.query({})).find((t) => t.url?.startsWith(prefix));
        if (tab?.id === undefined) return null;
        return api.tabs.sendMessage(tab.id, { id: 1, type: 'content.state', data: undefined, timestamp: Date.now() }, { frameId: 0 });
      },
      urlPrefix,
    )
    .catch(() => null)) as { res?: ContentState } | null;
  return wire?.res ?? null;
}

/** Plays a single-page app's re-render: the body is replaced, the URL stays (or was changed before). */
async function render(page: Page, file: string): Promise<void> {
  await page.evaluate((html) => {
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    document.body.replaceChildren(...Array.from(parsed.body.childNodes, (node) => document.importNode(node, true)));
  }, fixtureBody(file));
}

const hostCount = (page: Page) => page.$$eval('[data-interview-copilot]', (els) => els.length);
const text = (target: Frame | Page) => target.evaluate(() => document.body.innerText);

/** Clicks the first element matching `selector` in `target` whose text is exactly `label`. */
async function clickByText(target: Frame | Page, selector: string, label: string): Promise<void> {
  const handle = await target.waitForFunction(
    (sel, t): Element | null => [...document.querySelectorAll(sel)].find((el) => el.textContent?.trim() === t) ?? null,
    { timeout: 10_000 },
    selector,
    label,
  );
  await (handle.asElement() as ElementHandle<Element>).click();
}

async function interviewRow(candidate: string): Promise<Record<string, unknown> | undefined> {
  return (await readTableFirefox(session, 'interviews', control)).find((r) => r.candidateName === candidate);
}

/** The content script looked at the page twice more and the panel is still `frame`, the only one. */
async function expectStillThere(page: Page, urlPrefix: string, frame: Frame): Promise<void> {
  await waitForLooksFirefox(control, urlPrefix, 2);
  expect(await hostCount(page)).toBe(1);
  const frames = await panelFrames(page);
  expect(frames).toHaveLength(1);
  expect(frames[0] === frame).toBe(true);
}

test('item 7: disabling and enabling the add-on brings the panel back into an open call tab', async () => {
  const { page, frame } = await openMeetingFirefox(session, MEET_DISABLED);
  await startFromPanelFirefox(frame, 'Disabled Candidate Firefox');
  await setAddonEnabled(session, false);
  // Off: the panel page is unloaded (Firefox leaves its emptied frame in the page; the content script that would
  // remove it was unloaded too).
  await waitFor(() => frame.evaluate(() => document.body?.innerText ?? '').catch(() => ''), 'the panel emptied', { ok: (t) => t === '', timeoutMs: 15_000 });
  await setAddonEnabled(session, true);
  // No install event on enabling: the background's start itself re-injects into call tabs that do not answer.
  const panel = (await waitFor(
    async () => {
      const frames = await panelFrames(page);
      const found = frames.length === 1 ? frames[0] : undefined;
      return found && (await text(found)).includes('Disabled Candidate Firefox') ? found : undefined;
    },
    'the panel back with its interview',
    { timeoutMs: 20_000 },
  ))!;
  expect(panel === frame).toBe(false);
  expect(await hostCount(page)).toBe(1);
});

test.describe('item 1: leaving a call by in-app navigation', () => {
  test('Meet: the wrap-up stays open while typing when the app moves to its home page, and the panel goes once ended', async () => {
    const page = await session.browser.newPage();
    await serveCallPagesFirefox(page, {
      [MEET_LEAVER]: { body: fixturePage('meet/in-call.html') },
      'https://meet.google.com/': { body: fixturePage('meet/home.html') },
    });
    await page.goto(MEET_LEAVER);
    const frame = await waitForPanelFrame(page);
    await startFromPanelFirefox(frame, 'Meet Leaver Firefox');
    await render(page, 'meet/left.html');
    await frame.waitForFunction(() => document.querySelector('#wrap-up-heading')?.textContent === 'Wrap-up', { timeout: 15_000 });
    const summary = 'textarea[aria-label="Summary"]';
    await frame.waitForSelector(summary);
    await frame.focus(summary);
    await page.keyboard.type('Clear on trade-offs');

    // Meet moves to `/` by client-side navigation while the interviewer types.
    await page.evaluate(() => history.pushState(null, '', '/'));
    await render(page, 'meet/home.html');
    await waitFor(() => contentState('https://meet.google.com/'), 'state none on the home page', { ok: (s) => s?.state === 'none', timeoutMs: 15_000 });
    await page.keyboard.type(', asks good questions');
    await expectStillThere(page, 'https://meet.google.com/', frame);
    expect(await text(frame)).toContain('You left the call.');
    expect(await frame.$eval(summary, (el) => (el as HTMLTextAreaElement).value)).toBe('Clear on trade-offs, asks good questions');

    await clickByText(frame, '[role="radiogroup"][aria-label="Overall recommendation"] [role="radio"]', 'Yes');
    await clickByText(frame, 'button', 'End interview');
    await waitFor(() => hostCount(page), 'the panel gone', { ok: (n) => n === 0, timeoutMs: 15_000 });
    expect(await panelFrames(page)).toHaveLength(0);
    const ended = await waitFor(() => interviewRow('Meet Leaver Firefox'), 'the interview ended', { ok: (r) => r?.state === 'ended', timeoutMs: 15_000 });
    expect({ recommendation: ended?.recommendation, summary: ended?.summary }).toEqual({ recommendation: 'yes', summary: 'Clear on trade-offs, asks good questions' });
  });

  test('Teams: routed to a chat, the panel offers the wrap-up instead of a start form; "Later" lets it go and the interview waits', async () => {
    test.setTimeout(90_000);
    const page = await session.browser.newPage();
    await serveCallPagesFirefox(page, { [TEAMS_APP]: { body: fixturePage('teams/in-call.html') } });
    await page.goto(TEAMS_LEAVER);
    const frame = await waitForPanelFrame(page);
    await startFromPanelFirefox(frame, 'Teams Leaver Firefox');

    // The app routes to a chat; the call controls linger a moment, then disappear.
    const teams = 'https://teams.microsoft.com/';
    await page.evaluate(() => (location.hash = '#/conversations/19:abc@thread.v2'));
    await waitFor(() => contentState(teams), 'no meeting id on the chat', { ok: (s) => s !== null && s.meetingId === null, timeoutMs: 15_000 });
    await render(page, 'teams/app.html');
    await waitFor(() => contentState(teams), 'the call left', { ok: (s) => s?.state === 'left' || s?.state === 'none', timeoutMs: 15_000 });
    const panel = (await waitFor(
      async () => {
        const [found] = await panelFrames(page);
        return found && (await text(found)).includes('You left the call.') ? found : undefined;
      },
      'the wrap-up in the panel on the chat page',
      { timeoutMs: 15_000 },
    ))!;
    expect(await panel.$eval('[data-testid="candidate-name"]', (el) => el.textContent)).toBe('Teams Leaver Firefox');
    expect(await text(panel)).not.toContain('Start interview');
    await expectStillThere(page, teams, panel);

    await clickByText(panel, 'button', 'Later');
    await waitFor(() => hostCount(page), 'the panel gone after Later', { ok: (n) => n === 0, timeoutMs: 15_000 });
    expect((await interviewRow('Teams Leaver Firefox'))?.state).toBe('active');

    // The popup offers the waiting wrap-up; its record in the options page ends it.
    const popup = await openExtensionPage(session, 'popup.html');
    await popup.waitForFunction(() => document.querySelector('[data-testid="pending-wrap-ups"]')?.textContent?.includes('Teams Leaver Firefox'), { timeout: 15_000 });
    const before = new Set(await session.browser.pages());
    await clickByText(popup, '[data-testid="pending-wrap-ups"] button span', 'Teams Leaver Firefox');
    const id = (await interviewRow('Teams Leaver Firefox'))?.id as string;
    const record = `/options.html#/interviews/${encodeURIComponent(id)}`;
    const options = (await waitFor(
      async () => {
        for (const p of await session.browser.pages()) {
          if (before.has(p)) continue;
          const href = await p.evaluate(() => location.href).catch(() => '');
          if (href.endsWith(record)) return p;
        }
        return undefined;
      },
      'the record opened in a new tab',
      { timeoutMs: 15_000 },
    ))!;
    await waitFor(() => options.$('[data-testid="pending-wrap-up"]'), 'the pending wrap-up banner', { timeoutMs: 15_000 });
    await clickByText(options, 'label', 'Yes');
    await waitFor(() => options.$eval('input[name="recommendation"]:checked', (el) => el.parentElement?.textContent?.trim()), 'Yes checked', { ok: (t) => t === 'Yes' });
    await clickByText(options, '[data-testid="pending-wrap-up"] button', 'End interview');
    await waitFor(async () => (await options.$('[data-testid="pending-wrap-up"]')) === null, 'the banner gone', { timeoutMs: 15_000 });
    const ended = await waitFor(() => interviewRow('Teams Leaver Firefox'), 'the interview ended', { ok: (r) => r?.state === 'ended', timeoutMs: 15_000 });
    expect(ended?.recommendation).toBe('yes');
    const again = await openExtensionPage(session, 'popup.html');
    // Ready once the recent interviews and the pending wrap-ups were read (stores/popup.ts init).
    await again.waitForSelector('[data-testid="popup"][data-ready="true"]', { timeout: 10_000 });
    expect(await again.$eval('[data-testid="recent-interviews"]', (el) => el.textContent)).toContain('Teams Leaver Firefox');
    expect(await again.$('[data-testid="pending-wrap-ups"]')).toBeNull();
  });

  test('a call left in the Teams app (no meeting URL) with nothing pending: the "left" panel goes away', async () => {
    const cloudApp = 'https://teams.cloud.microsoft/v2/';
    const page = await session.browser.newPage();
    await serveCallPagesFirefox(page, { [cloudApp]: { body: fixturePage('teams/app.html') } });
    await page.goto(cloudApp);
    await render(page, 'teams/in-call.html');
    await waitForPanelFrame(page);
    await render(page, 'teams/app.html');
    await waitFor(() => contentState(cloudApp), 'the call left', { ok: (s) => s?.state === 'left', timeoutMs: 15_000 });
    await waitFor(() => contentState(cloudApp), 'the panel unmounted', { ok: (s) => s?.mounted === false, timeoutMs: 15_000 });
    expect(await hostCount(page)).toBe(0);
    expect(await panelFrames(page)).toHaveLength(0);
  });
});
