import { expect, test } from '@playwright/test';
import type { Frame } from 'puppeteer-core';
import { launchFirefox, openExtensionPage, serveCallPagesFirefox, waitForPanelFrame, type FirefoxSession } from './support/firefox';
import { fixturePage } from './support/pages';
import { MEETING_URL } from './support/panel';
import { readTableFirefox, startFromPanelFirefox } from './support/panel-firefox';

/**
 * Issue 13, in Firefox: two call tabs run two interviews on the same role guide; the same question's note is typed
 * in both and the add-on reloads before either was sent. Both notes are in the database afterwards.
 */

const SECOND_MEETING_URL = 'https://meet.google.com/xyz-abcd-efg';
const Q1 = 'When would you choose a relational database over a document store, and when the other way round?';

let session: FirefoxSession;
test.beforeEach(async () => {
  session = await launchFirefox();
});
test.afterEach(async () => {
  await session?.close();
});

async function interviewTab(url: string, candidate: string): Promise<Frame> {
  const page = await session.browser.newPage();
  await serveCallPagesFirefox(page, {
    [MEETING_URL]: { body: fixturePage('meet/in-call.html') },
    [SECOND_MEETING_URL]: { body: fixturePage('meet/in-call.html') },
  });
  await page.goto(url);
  const frame = await waitForPanelFrame(page);
  await startFromPanelFirefox(frame, candidate);
  // Marking the question asked opens its note box.
  await frame.click(`[aria-label="Asked: ${Q1}"]`);
  await frame.waitForSelector(`textarea[aria-label="Note on: ${Q1}"]`);
  return frame;
}

/** Puts `text` in the question's note box as one input event (as a paste would), so React sees one change. */
async function typeNote(frame: Frame, text: string): Promise<void> {
  await frame.$eval(
    `textarea[aria-label="Note on: ${Q1}"]`,
    (el, value) => {
      const area = el as HTMLTextAreaElement;
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(area, value);
      area.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
}

test("two tabs' notes on the same question both survive an add-on reload right after typing", async () => {
  test.setTimeout(90_000);
  const a = await interviewTab(MEETING_URL, 'Tab A Firefox');
  const b = await interviewTab(SECOND_MEETING_URL, 'Tab B Firefox');
  const control = await openExtensionPage(session, 'options.html');

  // Both notes within the panels' debounce window, then the reload at once: neither send reaches the old
  // background page, so both depend on the journal.
  await typeNote(a, 'Note typed in tab A');
  await typeNote(b, 'Note typed in tab B');
  await control.evaluate(() => void (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser.runtime.reload()).catch(() => undefined);

  const notesByCandidate = async () => {
    const reader = await openExtensionPage(session, 'options.html');
    try {
      const names = new Map((await readTableFirefox(session, 'interviews', reader)).map((i) => [i.id, i.candidateName]));
      const rows = await readTableFirefox(session, 'questionStates', reader);
      return Object.fromEntries(rows.filter((r) => r.questionId === 'relational-vs-document-store').map((r) => [names.get(r.interviewId), r.note]));
    } finally {
      await reader.close();
    }
  };
  await expect
    .poll(() => notesByCandidate().catch(() => ({})), { timeout: 30_000, intervals: [500] })
    .toEqual({ 'Tab A Firefox': 'Note typed in tab A', 'Tab B Firefox': 'Note typed in tab B' });
});
