import { expect, test } from '@playwright/test';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { FIREFOX_EXTENSION_ORIGIN, openExtensionPage, waitForPanelFrame, type FirefoxSession } from './support/firefox';
import { MEETING_URL } from './support/panel';
import { readTableFirefox } from './support/panel-firefox';
import { CONTROL_NEEDLE, expectSpyHearsAndFinds, plantControlText, FIREFOX_OWN_HOSTS, SPY_PATH, foreignProxyTraffic, launchFirefoxBehindProxy, leaks, serveSpiedPagesFirefox, spiedPage, spyReport, startRecordingProxy } from './support/privacy';

/**
 * The privacy probes of privacy.chromium.spec.ts in Firefox: one full interview on a Meet call served with
 * the strict CSP + Trusted Types policy, every character typed through the keyboard into the panel frame.
 */

const CANDIDATE = 'Ottoline Vasquez-Brandt';
const NOTE = 'Zephyrine remark 58213 about the counter-offer';
const QUESTION_NOTE = 'Quillwort answer on sharding 77406';
const SUMMARY = 'Marrowby summary 31975 hire with care';
const NEEDLES = [CANDIDATE, NOTE, 'Zephyrine', '58213', QUESTION_NOTE, 'Quillwort', SUMMARY, 'Marrowby'];
const Q1 = 'When would you choose a relational database over a document store, and when the other way round?';

/** Clicks the first element matching `selector` in `frame` whose text is exactly `text`. */
async function clickByText(frame: Frame, selector: string, text: string): Promise<void> {
  const handle = await frame.waitForFunction(
    (sel, t): Element | null => [...document.querySelectorAll(sel)].find((el) => el.textContent?.trim() === t) ?? null,
    { timeout: 10_000 },
    selector,
    text,
  );
  await (handle.asElement() as ElementHandle<Element>).click();
}

async function waitForText(frame: Frame, selector: string, text: string): Promise<void> {
  await frame.waitForFunction((sel, t) => [...document.querySelectorAll(sel)].some((el) => el.textContent?.includes(t)), { timeout: 10_000 }, selector, text);
}

async function typeInto(page: Page, frame: Frame, selector: string, text: string): Promise<void> {
  await frame.waitForSelector(selector, { timeout: 10_000 });
  await frame.focus(selector);
  await page.keyboard.type(text);
}

/**
 * Opens `options.html` to read the database; BiDi sometimes fails the first wait on a fresh extension tab
 * with an internal error, so a failed attempt is closed and tried again.
 */
async function openReader(session: FirefoxSession): Promise<Page> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await openExtensionPage(session, 'options.html');
    } catch (error) {
      if (attempt === 3) throw error;
      for (const p of await session.browser.pages()) if (p.url().startsWith(session.origin)) await p.close().catch(() => undefined);
    }
  }
}

test('a full interview leaks nothing to the call page or the network (strict CSP, Trusted Types)', async () => {
  test.setTimeout(90_000);
  const proxy = await startRecordingProxy();
  const session = await launchFirefoxBehindProxy(proxy.port);
  try {
    const page = await session.browser.newPage();
    const requests: string[] = [];
    await serveSpiedPagesFirefox(page, { [MEETING_URL]: spiedPage('meet/in-call.html', { strict: true }) }, requests);
    await page.goto(MEETING_URL);
    const frame = await waitForPanelFrame(page);
    expect(await page.evaluate(() => typeof (window as unknown as { __callPageSpy?: unknown }).__callPageSpy)).toBe('object');

    // Start, the name typed key by key; Enter submits the start form.
    await typeInto(page, frame, '#start-candidate', CANDIDATE);
    await frame.waitForSelector('#start-guide option');
    await page.keyboard.press('Enter');
    await waitForText(frame, '[data-testid="candidate-name"]', CANDIDATE);

    // Panel keys, a question note, a red flag, the free note.
    await frame.focus('#question-relational-vs-document-store');
    for (const key of ['a', '3', 'j', 'a', '1', 'k'] as const) await page.keyboard.press(key);
    await frame.waitForFunction((label) => (document.querySelector(`input[aria-label="${label}"]`) as HTMLInputElement | null)?.checked === true, {}, `Asked: ${Q1}`);
    await typeInto(page, frame, `textarea[aria-label="Note on: ${Q1}"]`, QUESTION_NOTE);
    const flag = await frame.waitForFunction((): Element | null => {
      const section = [...document.querySelectorAll('section')].find((s) => s.querySelector('h2')?.textContent === 'Red flags');
      return section?.querySelector('input[type="checkbox"]') ?? null;
    });
    await (flag.asElement() as ElementHandle<Element>).click();
    await typeInto(page, frame, '#notes-box', NOTE);
    await page.keyboard.press('Enter');
    await waitForText(frame, '[data-testid="note-entries"]', NOTE);

    // Wrap up and end.
    await frame.click('button[aria-label="End the interview and wrap up"]');
    await clickByText(frame, '[role="radiogroup"][aria-label="Overall recommendation"] [role="radio"]', 'Yes');
    await typeInto(page, frame, 'textarea[aria-label="Summary"]', SUMMARY);
    await clickByText(frame, 'button', 'End interview');
    await waitForText(frame, 'h1, h2', 'Interview ended');

    // The text reached the extension's own database.
    const reader = await openReader(session);
    await expect.poll(async () => (await readTableFirefox(session, 'notes', reader)).map((n) => n.text)).toEqual([NOTE]);
    const interviews = await readTableFirefox(session, 'interviews', reader);
    expect(interviews[0]).toMatchObject({ candidateName: CANDIDATE, summary: SUMMARY, state: 'ended' });
    const questions = await readTableFirefox(session, 'questionStates', reader);
    expect(questions.find((q) => q.questionId === 'relational-vs-document-store')).toMatchObject({ asked: true, rating: 'yes', note: QUESTION_NOTE });
    expect((await readTableFirefox(session, 'redFlagChecks', reader)).filter((r) => r.checked)).toHaveLength(1);

    // (2)–(4): the call page's own script.
    const report = await spyReport(page, NEEDLES);
    expect(report.found).toEqual([]);
    expect(report.keys).toEqual([]);
    expect(report.violations).toEqual([]);
    expect(report.databases).toEqual([]);
    expect(report.walked).toMatchObject({ frames: 1, shadowRoots: 0 });

    // (1): the call tab's requests as WebDriver BiDi reported them, and everything that reached the proxy.
    // Firefox asks the served call host for its favicon by itself (answered 404 by the interception).
    const served = [MEETING_URL, `https://meet.google.com${SPY_PATH}`, 'https://meet.google.com/favicon.ico'];
    expect(leaks(requests, served, FIREFOX_EXTENSION_ORIGIN)).toEqual([]);
    expect(requests).toContain(MEETING_URL);
    expect(foreignProxyTraffic(proxy.seen, FIREFOX_OWN_HOSTS, NEEDLES)).toEqual([]);

    // Control, on the path the check above reads: a request from the background page (which no interception
    // sees) to the call host reaches the proxy as `CONNECT meet.google.com:443` and is reported (the call host is
    // not one of Firefox's own hosts).
    await reader.evaluate(async () => {
      const api = (globalThis as unknown as { browser: typeof chrome }).browser;
      const background = (await api.runtime.getBackgroundPage()) as Window | null;
      if (!background) throw new Error('no background page');
      void background.fetch('https://meet.google.com/control-from-background').catch(() => undefined);
    });
    await reader.close();
    await expect.poll(() => foreignProxyTraffic(proxy.seen, FIREFOX_OWN_HOSTS, NEEDLES)).toEqual(['CONNECT meet.google.com:443']);

    // Controls: the same spy hears the page's own keys and finds text the page itself can reach.
    await page.focus('button[aria-label="Leave call"]');
    await page.keyboard.press('x');
    await page.evaluate(plantControlText, CONTROL_NEEDLE);
    expectSpyHearsAndFinds(await spyReport(page, [CONTROL_NEEDLE]));
  } finally {
    await session.close();
    await proxy.close();
  }
});
