import { expect, test } from '@playwright/test';
import type { Frame, Page } from 'puppeteer-core';
import { extensionPageErrors, launchFirefox, openExtensionPage, serveCallPagesFirefox, waitForPanelFrame, type FirefoxSession } from './support/firefox';
import { fixturePage } from './support/pages';
import { bundledGuide, firstQuestion, protocolCallScript, type SessionProbe } from './support/popup';
import { waitFor } from './support/wait';

const MEETING = 'https://meet.google.com/abc-defg-hij';
const SECOND_MEETING = 'https://meet.google.com/fir-stus-eee';
const THIRD_MEETING = 'https://meet.google.com/tip-sfor-int';
const PAGES = {
  [MEETING]: { body: fixturePage('meet/in-call.html') },
  [SECOND_MEETING]: { body: fixturePage('meet/in-call.html') },
  [THIRD_MEETING]: { body: fixturePage('meet/in-call.html') },
  'https://meet.google.com/': { body: fixturePage('meet/home.html') },
};

let session: FirefoxSession;
test.beforeAll(async () => {
  session = await launchFirefox();
});
test.afterAll(async () => {
  await session?.close();
});

const bodyText = (frame: Frame | Page) => frame.evaluate(() => document.body.innerText);

test('choosing Backend Engineer and a stage in the popup starts the interview, and the panel shows it', async () => {
  const call = await session.browser.newPage();
  await serveCallPagesFirefox(call, PAGES);
  await call.goto(MEETING);
  const frame = await waitForPanelFrame(call);

  // The popup runs as a tab here, so it is told which tab is the call (host permissions let it see call tabs).
  const finder = await openExtensionPage(session, 'popup.html');
  const tabId = await finder.evaluate(async (pattern) => (await browser.tabs.query({ url: pattern }))[0]?.id, `${MEETING}*`);
  expect(tabId).toEqual(expect.any(Number));
  await finder.close();

  const popup = await openExtensionPage(session, `popup.html?tabId=${tabId}`);
  const errors = extensionPageErrors(popup);
  await popup.waitForSelector('[data-testid="popup"][data-ready="true"]', { timeout: 10_000 });
  await popup.waitForSelector('[data-testid="tab-status"][data-state="in-call"]', { timeout: 10_000 });

  await popup.type('#candidate-name', 'Alex Rivera');
  await popup.type('[data-testid="guide-search"]', 'backend');
  await popup.click('input[name="guide"][value="backend-engineer"]');
  await popup.select('#stage', 'system-design');
  expect(await popup.$eval('input[name="guide"][value="backend-engineer"]', (el) => (el as HTMLInputElement).checked)).toBe(true);

  const question = firstQuestion('backend-engineer', 'system-design');
  expect(await bodyText(frame)).not.toContain(question);
  await popup.click('form[data-testid="new-interview"] button[type="submit"]');

  const started = await waitFor(
    async () => ((await popup.evaluate(protocolCallScript, ['session.get', { tabId }] as [string, unknown])) as SessionProbe).interview?.interview,
    'the interview on the call tab',
    { timeoutMs: 15_000, everyMs: 50 },
  );
  expect(started).toMatchObject({ candidateName: 'Alex Rivera', guideId: 'backend-engineer', currentStageId: 'system-design', state: 'active' });
  // PANEL ASSERTION (the in-call panel is built in parallel): the call's panel shows the chosen stage's first question.
  await waitFor(async () => (await bodyText(frame)).includes(question), 'the chosen stage in the panel', { timeoutMs: 15_000, everyMs: 50 });

  await popup.waitForSelector('[data-testid="active-interview"]', { timeout: 5000 });
  expect(await popup.$eval('[data-testid="active-interview"]', (el) => el.textContent)).toContain('Alex Rivera');
  expect(await popup.$eval('#active-stage', (el) => (el as HTMLSelectElement).value)).toBe('system-design');
  expect(errors).toEqual([]);
  await popup.close();
  await call.close();
});

test('first use: the popup preselects the guide the panel offers, with its first stage, and "Start interview" shows in a 600 px popup', async () => {
  // First use: nothing remembered (an earlier test in this browser chose a guide), on a meeting without an interview.
  const cleaner = await openExtensionPage(session, 'popup.html');
  await cleaner.evaluate(async () => {
    const settings = (await browser.storage.local.get('settings')).settings as Record<string, unknown> | undefined;
    if (settings) await browser.storage.local.set({ settings: { ...settings, lastGuideId: null, lastStageId: null } });
  });
  await cleaner.close();
  const call = await session.browser.newPage();
  await serveCallPagesFirefox(call, PAGES);
  await call.goto(SECOND_MEETING);
  const frame = await waitForPanelFrame(call);
  // What the panel's start form offers when nothing is remembered (once the form is drawn with its guides).
  await frame.waitForFunction(() => Boolean(document.querySelector<HTMLSelectElement>('#start-guide')?.value && document.querySelector<HTMLSelectElement>('#start-stage')?.value), { timeout: 15_000 });
  const panelGuide = await frame.$eval('#start-guide', (el) => (el as HTMLSelectElement).value);
  const panelStage = await frame.$eval('#start-stage', (el) => (el as HTMLSelectElement).value);
  expect([panelGuide, panelStage]).toEqual(['backend-engineer', 'technical-screen']);

  const finder = await openExtensionPage(session, 'popup.html');
  const tabId = await finder.evaluate(async (pattern) => (await browser.tabs.query({ url: pattern }))[0]?.id, `${SECOND_MEETING}*`);
  await finder.close();
  const popup = await openExtensionPage(session, `popup.html?tabId=${tabId}`);
  const errors = extensionPageErrors(popup);
  // Firefox's popup is at most 600 px tall too.
  await popup.setViewport({ width: 380, height: 600 });
  await popup.waitForSelector('[data-testid="popup"][data-ready="true"]', { timeout: 10_000 });
  await popup.waitForSelector('[data-testid="tab-status"][data-state="in-call"]', { timeout: 10_000 });
  const checked = await popup.$eval('input[name="guide"]:checked', (el) => (el as HTMLInputElement).value);
  expect([checked, await popup.$eval('#stage', (el) => (el as HTMLSelectElement).value)]).toEqual([panelGuide, panelStage]);
  const layout = await popup.$eval('form[data-testid="new-interview"] button[type="submit"]', (el) => ({
    bottom: el.getBoundingClientRect().bottom,
    scrollY: window.scrollY,
    innerHeight: window.innerHeight,
  }));
  expect(layout.innerHeight).toBe(600);
  expect(layout.scrollY).toBe(0);
  expect(layout.bottom).toBeLessThanOrEqual(600);
  expect(errors).toEqual([]);
  await popup.close();
  await call.close();
});

test("the guide's interview tips show in the panel's start form and help and in the popup's guide details (issue 12, item 4)", async () => {
  const expected = (bundledGuide('backend-engineer').tips ?? []).map((t) => t.text);
  expect(expected.length).toBeGreaterThan(0);
  const call = await session.browser.newPage();
  await serveCallPagesFirefox(call, PAGES);
  await call.goto(THIRD_MEETING);
  const frame = await waitForPanelFrame(call);
  // The frame exists before its form is drawn (select and $eval do not wait): wait for the guide's option.
  await frame.waitForSelector('#start-guide option[value="backend-engineer"]', { timeout: 15_000 });
  await frame.select('#start-guide', 'backend-engineer');
  const tipsIn = async (target: Frame | Page) => {
    await target.waitForSelector('[data-testid="guide-tips"] li', { timeout: 10_000 });
    return target.$eval('[data-testid="guide-tips"]', (el) => {
      (el as HTMLDetailsElement).open = true;
      return { summary: el.querySelector('summary')!.textContent, tips: [...el.querySelectorAll('li')].map((li) => li.textContent) };
    });
  };
  expect(await tipsIn(frame)).toEqual({ summary: `Interview tips (${expected.length})`, tips: expected });

  const finder = await openExtensionPage(session, 'popup.html');
  const tabId = await finder.evaluate(async (pattern) => (await browser.tabs.query({ url: pattern }))[0]?.id, `${THIRD_MEETING}*`);
  await finder.close();
  const popup = await openExtensionPage(session, `popup.html?tabId=${tabId}`);
  await popup.waitForSelector('[data-testid="popup"][data-ready="true"]', { timeout: 10_000 });
  await popup.click('input[name="guide"][value="backend-engineer"]');
  expect(await tipsIn(popup)).toEqual({ summary: `Interview tips (${expected.length})`, tips: expected });

  // Started from the popup, the running interview's help lists the same tips.
  await popup.type('#candidate-name', 'Tess Tips');
  await popup.click('form[data-testid="new-interview"] button[type="submit"]');
  await frame.waitForSelector('[data-testid="candidate-name"]', { timeout: 15_000 });
  await frame.click('button[aria-label="Keyboard shortcuts"]');
  await frame.waitForSelector('[role="dialog"] [data-testid="guide-tips"]', { timeout: 5000 });
  expect((await tipsIn(frame)).tips).toEqual(expected);
  await popup.close();
  await call.close();
});
