import type { Frame, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { extensionIdOf, launchChromium, serveCallPages } from './support/chromium';
import { panelFrame } from './support/panel';
import { screenshotPath } from './support/screenshots';
import { CAPTION_URLS, appendCaption, captionPages, installReplay, protocol } from './support/transcript';

/**
 * Live suggestions on a replayed caption stream (issue 15), in English and Italian: the interviewer asks the first
 * question in other words and it is ticked as automatic; the next-question suggestion moves on; "it depends"
 * raises the red flag's cue with its line (unticked); the answer ranks the follow-ups; a real answer is evidence
 * for its criterion; the undo key unmarks the question.
 */
const LINES = {
  en: {
    guideId: 'backend-engineer',
    self: 'You',
    asked: 'How do you decide between Postgres and something like MongoDB for a new service?',
    vague: 'It depends.',
    answer: "I'd pick Postgres when the data is relational and I need transactions; a document store fits when each record is read whole and the schema changes a lot.",
  },
  it: {
    guideId: 'backend-engineer-it',
    self: 'Tu',
    asked: 'Per un nuovo servizio, come decidi tra Postgres e qualcosa come MongoDB?',
    vague: 'Dipende.',
    answer:
      'Sceglierei Postgres quando i dati sono relazionali e servono le transazioni; un document store va bene quando ogni record si legge intero e lo schema cambia spesso.',
  },
} as const;

const question = (frame: Frame) => frame.locator('#question-relational-vs-document-store');

for (const locale of ['en', 'it'] as const) {
  test(`a question asked in other words is ticked as automatic, undo works, cues and follow-ups follow the answer (${locale})`, async () => {
    test.setTimeout(120_000);
    const lines = LINES[locale];
    const context = await launchChromium({ locale });
    try {
      const extensionId = await extensionIdOf(context);
      await serveCallPages(context, captionPages());
      const call: Page = await context.newPage();
      await call.goto(CAPTION_URLS.meet);
      const frame = await panelFrame(call);
      const ext = await context.newPage();
      await ext.goto(`chrome-extension://${extensionId}/options.html`);
      const tabId = await ext.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? -1, CAPTION_URLS.meet);
      const interview = await protocol<{ id: string }>(ext, 'interviews.start', {
        candidateName: 'Alex Rivera',
        guideId: lines.guideId,
        stageId: 'technical-screen',
        tabId,
      });
      await protocol(ext, 'transcript.set', { interviewId: interview.id, on: true, consent: true });
      await expect.poll(async () => (await protocol<{ captions: string | null }>(ext, 'transcript.tab', { tabId })).captions, { timeout: 10_000 }).toBe('on');
      await call.bringToFront();
      await installReplay(call, 'meet');
      await expect(frame.getByTestId('candidate-name')).toHaveText('Alex Rivera');
      await expect(question(frame)).toHaveAttribute('data-asked', 'false');
      // Before anything is heard, "Next" is the guide's first core question.
      await expect(frame.getByTestId('next-question')).toHaveAttribute('data-from', 'guide');

      await appendCaption(call, 'meet', lines.self, lines.asked);
      await expect(question(frame)).toHaveAttribute('data-auto', 'true', { timeout: 20_000 });
      await expect(question(frame)).toHaveAttribute('data-asked', 'true');
      await expect(question(frame).getByTestId('auto-mark')).toBeVisible();
      // The next question moved on, following the conversation.
      await expect(frame.getByTestId('next-question')).toHaveAttribute('data-from', 'conversation');
      await expect(frame.getByTestId('next-question')).not.toContainText((await question(frame).locator('p').first().innerText()).replace(/^1\.\s*/, '').slice(0, 30));

      // "It depends" with nothing after it: a quiet cue next to the red flag, with the line; the flag stays unticked.
      await appendCaption(call, 'meet', 'Alex Rivera', lines.vague);
      const cue = frame.getByTestId('red-flag-cue');
      await expect(cue).toContainText(lines.vague, { timeout: 20_000 });
      await expect(cue.locator('xpath=ancestor::li[1]').locator('input[type="checkbox"]')).not.toBeChecked();
      // The answer ranks the current question's follow-ups: one is suggested.
      await expect(question(frame).locator('[data-suggested="true"]')).toHaveCount(1);
      // Headless Chromium has no on-device model: the drafted follow-up is not offered (unit tests cover the API).
      await expect(frame.getByTestId('draft-follow-up')).toHaveCount(0);

      // A real answer is evidence for "data modelling", linked to its line.
      await appendCaption(call, 'meet', 'Alex Rivera', lines.answer);
      await expect(frame.getByTestId('heard-evidence').first()).toContainText(lines.answer.slice(0, 40), { timeout: 20_000 });

      await frame.locator('#panel-scroll, [data-testid="panel-scroll"]').first().evaluate((el) => el.scrollTo(0, 0));
      await call.screenshot({ path: screenshotPath(`panel-suggestions-${locale}.png`) });
      await frame.getByTestId('heard-evidence').first().scrollIntoViewIfNeeded();
      await call.screenshot({ path: screenshotPath(`panel-suggestions-evidence-${locale}.png`) });
      await cue.scrollIntoViewIfNeeded();
      await call.screenshot({ path: screenshotPath(`panel-suggestions-cue-${locale}.png`) });

      // One key undoes the automatic mark; it is not made again.
      // Focus into the panel (a click on the question), then the key, as an interviewer would.
      await question(frame).locator('p').first().click();
      await call.keyboard.press('u');
      await expect(question(frame)).toHaveAttribute('data-asked', 'false');
      await expect(question(frame)).toHaveAttribute('data-auto', 'false');
      const states = await protocol<{ questionStates: { questionId: string; asked: boolean; autoUndone?: boolean }[] }>(ext, 'interviews.get', { id: interview.id });
      expect(states.questionStates.find((q) => q.questionId === 'relational-vs-document-store')).toMatchObject({ asked: false, autoUndone: true });
    } finally {
      await context.close();
    }
  });
}
