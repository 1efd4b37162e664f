import type { BrowserContext, Frame, Page } from 'playwright-core';
import { expect, serviceWorker, test } from './support/chromium';
import { serveCallPages } from './support/launch';
import { fixturePage } from './support/pages';
import { MEETING_URL, panelFrame, readDatabase, startFromPanel } from './support/panel';

/**
 * Issue 13: pending writes of two interviews never overwrite each other. Two call tabs run two interviews on the
 * same role guide; the same question's note is typed in both and the extension reloads before either was sent.
 * Each tab's write is journaled under its own interview, so the new background replays both.
 */

const SECOND_MEETING_URL = 'https://meet.google.com/xyz-abcd-efg';
const Q1 = 'When would you choose a relational database over a document store, and when the other way round?';

async function interviewTab(context: BrowserContext, url: string, candidate: string): Promise<{ page: Page; frame: Frame }> {
  const page = await context.newPage();
  await page.goto(url);
  const frame = await panelFrame(page);
  await startFromPanel(frame, candidate);
  // Marking the question asked opens its note box.
  await frame.getByRole('checkbox', { name: `Asked: ${Q1}` }).check();
  await expect(frame.getByRole('textbox', { name: `Note on: ${Q1}` })).toBeVisible();
  return { page, frame };
}

test("two tabs' notes on the same question both survive an extension reload right after typing", async ({ context, extensionId }) => {
  await serveCallPages(context, {
    [MEETING_URL]: { body: fixturePage('meet/in-call.html') },
    [SECOND_MEETING_URL]: { body: fixturePage('meet/in-call.html') },
  });
  // Chromium disables a command-line extension that reloads itself unless developer mode is on.
  const settings = await context.newPage();
  await settings.goto('chrome://extensions');
  await settings.evaluate(() =>
    (globalThis as unknown as { chrome: { developerPrivate: { updateProfileConfiguration(c: object): Promise<void> } } }).chrome.developerPrivate.updateProfileConfiguration({
      inDeveloperMode: true,
    }),
  );
  await settings.close();

  const a = await interviewTab(context, MEETING_URL, 'Tab A Candidate');
  const b = await interviewTab(context, SECOND_MEETING_URL, 'Tab B Candidate');
  const worker = await serviceWorker(context);

  // Both notes are typed within the panels' debounce window, then the extension reloads at once: neither send
  // reaches the old background, so both notes depend on the journal.
  await a.frame.getByRole('textbox', { name: `Note on: ${Q1}` }).fill('Note typed in tab A');
  await b.frame.getByRole('textbox', { name: `Note on: ${Q1}` }).fill('Note typed in tab B');
  await worker.evaluate(() => chrome.runtime.reload()).catch(() => undefined);

  const reader = await context.newPage();
  const notesByCandidate = async () => {
    await reader.goto(`chrome-extension://${extensionId}/options.html`).catch(() => undefined);
    const db = await readDatabase(context, extensionId, reader).catch(() => ({}) as Record<string, Record<string, unknown>[]>);
    const names = new Map((db.interviews ?? []).map((i) => [i.id, i.candidateName]));
    return Object.fromEntries(
      (db.questionStates ?? []).filter((r) => r.questionId === 'relational-vs-document-store').map((r) => [names.get(r.interviewId as string), r.note]),
    );
  };
  await expect
    .poll(notesByCandidate, { timeout: 20_000 })
    .toEqual({ 'Tab A Candidate': 'Note typed in tab A', 'Tab B Candidate': 'Note typed in tab B' });
});
