import type { Frame, Page } from '@playwright/test';
import { expect, launchChromium, serveCallPages, test } from './support/chromium';
import { panelFrame, readDatabase, startFromPanel } from './support/panel';
import { screenshotPath } from './support/screenshots';
import { CAPTION_PLATFORMS, CAPTION_URLS, captionPages, installReplay, playReplay, type CaptionPlatform } from './support/transcript';

/**
 * The Transcript section of the panel driven as an interviewer would (issue 14), on the caption fixture pages:
 * consent step (sentence + copy) → captions arriving → the tail shows them with speakers → captions-off hint →
 * mark the interviewer → search → add a line to the notes. Screenshots per platform, English and Italian.
 */

interface Row {
  id: string;
  speaker: string;
  text: string;
  final: boolean;
  utteranceId?: string | null;
  offsetMs?: number | null;
  startMs?: number;
}

type Replay = Awaited<ReturnType<typeof installReplay>>;

async function replayInfo(call: Page): Promise<{ greetingSteps: number[]; offStep: number }> {
  return call.evaluate(() => {
    const r = (window as unknown as { __replay: { greetingSteps: number[]; steps: { op: string }[] } }).__replay;
    return { greetingSteps: r.greetingSteps, offStep: r.steps.findIndex((s) => s.op === 'off') };
  });
}

/** Turns the transcript on from the panel and passes the consent step; returns the consent step's sentence. */
async function consentFromPanel(frame: Frame, words: { on: RegExp; told: RegExp; start: RegExp; copy: RegExp; copied: RegExp }, alreadyOn = false): Promise<string> {
  const section = frame.getByTestId('transcript-section');
  const toggle = section.getByRole('switch', { name: words.on });
  if (alreadyOn) await expect(toggle).toHaveAttribute('aria-checked', 'true');
  else await toggle.click();
  const consent = frame.getByTestId('transcript-consent');
  await expect(consent).toBeVisible();
  const sentence = (await frame.getByTestId('transcript-sentence').textContent()) ?? '';
  await consent.getByRole('button', { name: words.copy }).click();
  await expect(consent.getByRole('status')).toHaveText(words.copied);
  // Not startable before the box is ticked.
  await expect(consent.getByRole('button', { name: words.start })).toBeDisabled();
  await consent.getByRole('checkbox', { name: words.told }).check();
  return sentence;
}

/** Scrolls the drawer's own scroll box to the Transcript section (never the frame's document). */
async function showSection(frame: Frame): Promise<void> {
  await frame.getByTestId('panel-scroll').evaluate((box) => {
    const section = box.querySelector('#transcript-section')!;
    box.scrollTop += section.getBoundingClientRect().top - box.getBoundingClientRect().top;
  });
}

const WORDS = {
  en: { on: /^Transcript$/, told: /I told the candidate/, start: /^Start transcript$/, copy: /^Copy$/, copied: /^Copied/, start_: 'Start interview' },
  it: { on: /^Trascrizione$/, told: /Ho avvisato il candidato/, start: /^Avvia la trascrizione$/, copy: /^Copia$/, copied: /^Copiata/, start_: 'Inizia il colloquio' },
};

test('consent, live tail, speakers, search and add to notes on Meet (Chromium)', async ({ context, extensionId }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await serveCallPages(context, captionPages());
  const call = await context.newPage();
  await call.goto(CAPTION_URLS.meet);
  const frame = await panelFrame(call);
  await startFromPanel(frame, 'Alex Rivera');
  const replay: Replay = await installReplay(call, 'meet');
  const { greetingSteps, offStep } = await replayInfo(call);
  const rows = async () => ((await readDatabase(context, extensionId)).utterances ?? []) as unknown as Row[];
  await call.bringToFront();

  // Off by default: the greeting is not kept and the section only offers the switch.
  const section = frame.getByTestId('transcript-section');
  await expect(section.getByRole('switch', { name: 'Transcript' })).toHaveAttribute('aria-checked', 'false');
  await playReplay(call, greetingSteps[0]);

  // On: the consent step comes first; the sentence for the chat is copied as shown.
  const sentence = await consentFromPanel(frame, WORDS.en);
  expect(sentence).toContain('transcript of this call');
  const clipboard = await call.evaluate(() => navigator.clipboard.readText());
  expect(clipboard).toBe(sentence);
  await playReplay(call, greetingSteps[1]! - greetingSteps[0]!);
  expect(await rows()).toEqual([]);
  await call.screenshot({ path: screenshotPath('transcript-consent-meet-en.png') });
  await frame.getByTestId('transcript-consent').getByRole('button', { name: 'Start transcript' }).click();
  await expect(frame.getByTestId('transcript-consent')).toHaveCount(0);
  await expect(section).toContainText('Candidate told, confirmed at');

  // Captions arrive: the tail shows them as they are stored, with the speaker's name, as text.
  await playReplay(call, offStep - greetingSteps[1]!);
  const tail = frame.getByTestId('transcript-tail');
  await expect(tail.getByTestId('transcript-line').last()).toContainText('The error rate dropped by half within a week.');
  // Captions off in the call: the section says how to turn them on in Meet.
  await playReplay(call, 1);
  await expect(frame.getByTestId('transcript-captions-off')).toContainText('Captions are off in Meet');
  await expect(frame.getByTestId('transcript-captions-off').getByRole('button', { name: 'Turn on Meet captions' })).toBeVisible();
  await playReplay(call);
  await expect(frame.getByTestId('transcript-captions-off')).toHaveCount(0);
  const last = replay.expected[replay.expected.length - 1]!;
  await expect(tail.getByTestId('transcript-line').last()).toContainText(last.text);
  await expect(tail.getByTestId('transcript-line').last().getByTestId('transcript-speaker')).toHaveText('Alex Rivera');
  await expect.poll(async () => (await rows()).filter((r) => r.final).length, { timeout: 20_000 }).toBe(replay.expected.length);

  // Meet's "You" is taken for the interviewer; one click marks the other speaker instead, and back.
  const speakers = frame.getByTestId('transcript-speakers');
  await expect(speakers.getByRole('button', { name: 'You' })).toHaveAttribute('aria-pressed', 'true');
  await speakers.getByRole('button', { name: 'Alex Rivera' }).click();
  await expect(speakers.getByRole('button', { name: 'Alex Rivera' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => ((await readDatabase(context, extensionId)).interviews?.[0]?.transcript as { interviewerSpeaker: string }).interviewerSpeaker).toBe('Alex Rivera');
  await speakers.getByRole('button', { name: 'You' }).click();
  await expect(speakers.getByRole('button', { name: 'You' })).toHaveAttribute('aria-pressed', 'true');

  // Search: accents and case do not matter; only matching lines stay.
  const search = frame.getByTestId('transcript-search');
  await search.fill('perche SCELTO');
  await expect(tail.getByTestId('transcript-line')).toHaveCount(1);
  await expect(tail.getByTestId('transcript-text')).toHaveText('Perché avete scelto questa soluzione?');
  await expect(section).toContainText(`1 of ${replay.expected.length} lines`);

  // Add to notes: a free note dated when the line began, linked to it, in the Notes timeline.
  await tail.getByTestId('transcript-add-note').click();
  await expect(tail.getByTestId('transcript-line')).toContainText('In notes');
  await expect(frame.getByTestId('note-entries')).toContainText('You: Perché avete scelto questa soluzione?');
  const db = await readDatabase(context, extensionId);
  const line = (db.utterances as unknown as Row[]).find((r) => r.text === 'Perché avete scelto questa soluzione?')!;
  const note = (db.notes as unknown as Row[]).find((n) => n.utteranceId === line.id)!;
  expect(note).toMatchObject({ text: 'You: Perché avete scelto questa soluzione?', offsetMs: line.startMs });
  await search.fill('');
  await expect(tail.getByTestId('transcript-line').last()).toContainText(last.text);
  await showSection(frame);
  await call.screenshot({ path: screenshotPath('transcript-panel-meet-en.png') });

  // Off: the switch stops capture at once; the lines kept stay, and the section says so.
  await section.getByRole('switch', { name: 'Transcript' }).click();
  await expect(section.getByRole('switch', { name: 'Transcript' })).toHaveAttribute('aria-checked', 'false');
  await expect(section).toContainText('The transcript is off');
  await expect(tail.getByTestId('transcript-line').first()).toBeVisible();

  // The options page: the interview's timeline interleaves the lines with the notes, and searches both.
  const interviewId = String((await readDatabase(context, extensionId)).interviews?.[0]?.id);
  const options = await context.newPage();
  await options.setViewportSize({ width: 1100, height: 1400 });
  await options.goto(`chrome-extension://${extensionId}/options.html#/interviews/${interviewId}`);
  const timeline = options.getByTestId('timeline');
  await expect(timeline.getByTestId('timeline-line')).toHaveCount(replay.expected.length);
  const order = await timeline.locator('li').evaluateAll((items) => items.map((li) => `${li.getAttribute('data-testid')}:${li.textContent}`));
  const lineAt = order.findIndex((t) => t.startsWith('timeline-line:') && t.includes('Perché avete scelto questa soluzione?'));
  // The note made from the line follows it.
  expect(order[lineAt + 1]).toMatch(/^timeline-note:.*You: Perché avete scelto questa soluzione\?/);
  expect(order.filter((t) => t.startsWith('timeline-line:')).map((t) => t.replace(/^timeline-line:-?[\d:]+/, ''))).toEqual(
    replay.expected.map((e) => `${e.speaker}: ${e.text}`),
  );
  await options.getByTestId('timeline-search').fill('cache');
  await expect(timeline.locator('li')).toHaveCount(2);
  await expect(timeline).toContainText('I built a cache layer for our payments API.');
  await options.getByTestId('timeline-search').fill('');
  await options.getByTestId('timeline').scrollIntoViewIfNeeded();
  await options.screenshot({ path: screenshotPath('transcript-options-timeline-en.png'), fullPage: true });
});

for (const locale of ['en', 'it'] as const) {
  test(`screenshots of the Transcript section on Meet, Teams and Zoom (${locale})`, async () => {
    test.setTimeout(180_000);
    const context = await launchChromium({ locale });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await serveCallPages(context, captionPages());
      for (const platform of CAPTION_PLATFORMS) {
        const call = await context.newPage();
        await call.goto(CAPTION_URLS[platform]);
        const frame = await panelFrame(call);
        await frame.getByRole('textbox').first().fill('Alex Rivera');
        // The start form's Transcript box: the interview starts with it on, and the consent step comes first.
        await frame.getByTestId('start-transcript').getByRole('checkbox').check();
        if (platform === 'meet') await call.screenshot({ path: screenshotPath(`transcript-start-form-${locale}.png`) });
        await frame.getByRole('button', { name: WORDS[locale].start_, exact: true }).click();
        await expect(frame.getByTestId('candidate-name')).toHaveText('Alex Rivera');
        await installReplay(call, platform as CaptionPlatform);
        const { greetingSteps, offStep } = await replayInfo(call);
        await playReplay(call, greetingSteps[1]);
        await consentFromPanel(frame, WORDS[locale], true);
        if (platform === 'meet') await call.screenshot({ path: screenshotPath(`transcript-consent-${platform}-${locale}.png`) });
        await frame.getByTestId('transcript-consent').getByRole('button', { name: WORDS[locale].start }).click();
        await expect(frame.getByTestId('transcript-consent')).toHaveCount(0);
        await playReplay(call, offStep + 1 - greetingSteps[1]!);
        await expect(frame.getByTestId('transcript-captions-off')).toBeVisible();
        await showSection(frame);
        await call.screenshot({ path: screenshotPath(`transcript-captions-off-${platform}-${locale}.png`) });
        await playReplay(call);
        await expect(frame.getByTestId('transcript-captions-off')).toHaveCount(0);
        await expect(frame.getByTestId('transcript-line').last()).toContainText('il team la conosceva già.');
        await showSection(frame);
        await call.screenshot({ path: screenshotPath(`transcript-panel-${platform}-${locale}.png`) });
        await call.close();
      }
    } finally {
      await context.close();
    }
  });
}
