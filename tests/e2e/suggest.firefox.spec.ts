import { expect, test } from '@playwright/test';
import type { Frame } from 'puppeteer-core';
import { launchFirefox, openExtensionPage, serveCallPagesFirefox, waitForPanelFrame, type FirefoxSession } from './support/firefox';
import { readTableFirefox } from './support/panel-firefox';
import { CAPTION_URLS, appendCaption, captionPages, installReplay, protocol, type Evaluator } from './support/transcript';

/**
 * Live suggestions in Firefox (issue 15) on the Meet caption fixture: the first question asked in other words is
 * ticked as automatic, "it depends" raises the red flag's cue (unticked), the answer ranks the follow-ups and is
 * evidence for its criterion, the next question follows the conversation, and Undo unmarks for good.
 */
let session: FirefoxSession;
test.beforeAll(async () => {
  session = await launchFirefox();
});
test.afterAll(async () => {
  await session?.close();
});

const QUESTION = '#question-relational-vs-document-store';

async function waitIn(frame: Frame, what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  await frame.waitForFunction(check, { timeout: 20_000 }).catch((error: unknown) => {
    throw new Error(`timed out waiting for ${what}: ${String(error)}`);
  });
}

test('a question asked in other words is ticked as automatic, cues and follow-ups follow the answer, undo works (Firefox)', async () => {
  const call = await session.browser.newPage();
  await serveCallPagesFirefox(call, captionPages());
  await call.goto(CAPTION_URLS.meet);
  const frame = await waitForPanelFrame(call);
  const ext = await openExtensionPage(session, 'options.html');
  const page = ext as unknown as Evaluator;
  const callPage = call as unknown as Evaluator;
  const tabId = await ext.evaluate(async (u) => (await browser.tabs.query({})).find((t) => t.url === u)?.id ?? -1, CAPTION_URLS.meet);
  const interview = await protocol<{ id: string }>(page, 'interviews.start', {
    candidateName: 'Alex Rivera',
    guideId: 'backend-engineer',
    stageId: 'technical-screen',
    tabId,
  });
  await protocol(page, 'transcript.set', { interviewId: interview.id, on: true, consent: true });
  await call.bringToFront();
  await installReplay(callPage, 'meet');
  await frame.waitForSelector(QUESTION, { timeout: 15_000 });
  expect(await frame.$eval(QUESTION, (el) => el.getAttribute('data-asked'))).toBe('false');
  expect(await frame.$eval('[data-testid="next-question"]', (el) => el.getAttribute('data-from'))).toBe('guide');

  await appendCaption(callPage, 'meet', 'You', 'How do you decide between Postgres and something like MongoDB for a new service?');
  await waitIn(frame, 'the automatic mark', () => document.querySelector('#question-relational-vs-document-store')?.getAttribute('data-auto') === 'true');
  expect(await frame.$eval(QUESTION, (el) => el.getAttribute('data-asked'))).toBe('true');
  await waitIn(frame, 'the next question to follow the conversation', () => document.querySelector('[data-testid="next-question"]')?.getAttribute('data-from') === 'conversation');

  await appendCaption(callPage, 'meet', 'Alex Rivera', 'It depends.');
  await waitIn(frame, 'the red-flag cue', () => document.querySelector('[data-testid="red-flag-cue"]')?.textContent?.includes('It depends.') ?? false);
  expect(await frame.$eval('[data-testid="red-flag-cue"]', (el) => (el.closest('li')!.querySelector('input[type="checkbox"]') as HTMLInputElement).checked)).toBe(false);
  await waitIn(frame, 'a suggested follow-up', () => document.querySelectorAll('#question-relational-vs-document-store [data-suggested="true"]').length === 1);

  await appendCaption(callPage, 'meet', 'Alex Rivera', "I'd pick Postgres when the data is relational and I need transactions; a document store fits when each record is read whole and the schema changes a lot.");
  await waitIn(frame, 'heard evidence', () => document.querySelector('[data-testid="heard-evidence"]')?.textContent?.includes("I'd pick Postgres") ?? false);

  await frame.click(`${QUESTION} [data-testid="auto-undo"]`);
  await waitIn(frame, 'the undo', () => document.querySelector('#question-relational-vs-document-store')?.getAttribute('data-asked') === 'false');
  const states = await readTableFirefox(session, 'questionStates', ext);
  expect(states.find((r) => r.interviewId === interview.id && r.questionId === 'relational-vs-document-store')).toMatchObject({ asked: false, autoUndone: true });
  await ext.close();
  await call.close();
});
