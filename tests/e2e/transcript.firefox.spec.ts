import { expect, test } from '@playwright/test';
import { launchFirefox, openExtensionPage, serveCallPagesFirefox, waitForPanelFrame, type FirefoxSession } from './support/firefox';
import { fixturePage } from './support/pages';
import { readTableFirefox, startFromPanelFirefox } from './support/panel-firefox';
import { waitFor } from './support/wait';
import {
  CAPTION_PLATFORMS,
  CAPTION_URLS,
  appendCaption,
  captionPages,
  foreignCaptionAttributes,
  installReplay,
  pageStorage,
  playReplay,
  protocol,
  type Evaluator,
} from './support/transcript';

/**
 * The live transcript in Firefox (MV2: the reader is injected with `scripting.executeScript` there too), on each
 * platform's caption fixture: each utterance stored once with the right speaker and offsets, nothing before the
 * interviewer confirmed the candidate was told, nothing while off, and nothing added to the call page.
 */

interface Row {
  id: string;
  interviewId: string;
  speaker: string;
  text: string;
  startMs: number;
  endMs: number;
  final: boolean;
}

let session: FirefoxSession;
test.beforeAll(async () => {
  session = await launchFirefox();
});
test.afterAll(async () => {
  await session?.close();
});

for (const platform of CAPTION_PLATFORMS) {
  test(`${platform}: each caption utterance is stored once, only after consent and while on (Firefox)`, async () => {
    const call = await session.browser.newPage();
    await serveCallPagesFirefox(call, captionPages());
    await call.goto(CAPTION_URLS[platform]);
    await waitForPanelFrame(call);
    const ext = await openExtensionPage(session, 'options.html');
    const page = ext as unknown as Evaluator;
    const callPage = call as unknown as Evaluator;
    const tabId = await ext.evaluate(async (u) => (await browser.tabs.query({})).find((t) => t.url === u)?.id ?? -1, CAPTION_URLS[platform]);
    expect(tabId).toBeGreaterThan(0);
    const interview = await protocol<{ id: string }>(page, 'interviews.start', { candidateName: 'Alex Rivera', guideId: 'backend-engineer', tabId });
    const rows = async () => (await readTableFirefox(session, 'utterances', ext)).filter((r) => r.interviewId === interview.id) as unknown as Row[];
    const captions = async () => (await protocol<{ captions: string | null }>(page, 'transcript.tab', { tabId })).captions;

    // Timers of a background tab are throttled to one a second: the call tab plays its captions in front.
    await call.bringToFront();
    const replay = await installReplay(callPage, platform);
    const greetingSteps = await call.evaluate(() => (window as unknown as { __replay: { greetingSteps: number[] } }).__replay.greetingSteps);
    await playReplay(callPage, greetingSteps[0]);
    expect(await captions()).toBeNull();
    await protocol(page, 'transcript.set', { interviewId: interview.id, on: true });
    await playReplay(callPage, greetingSteps[1]! - greetingSteps[0]!);
    expect(await captions()).toBeNull();
    expect(await rows()).toEqual([]);

    await protocol(page, 'transcript.set', { interviewId: interview.id, on: true, consent: true });
    await waitFor(captions, 'the reader to see captions', { ok: (c) => c === 'on' });
    await playReplay(callPage);
    await waitFor(rows, 'every utterance, final', { ok: (r) => r.filter((x) => x.final).length === replay.expected.length });
    const stored = (await rows()).sort((a, b) => a.startMs - b.startMs);
    expect(stored.map(({ speaker, text }) => ({ speaker, text }))).toEqual(replay.expected);
    expect(new Set(stored.map((r) => r.id)).size).toBe(stored.length);
    for (const [i, r] of stored.entries()) {
      expect(r.startMs).toBeGreaterThanOrEqual(0);
      expect(r.endMs).toBeGreaterThanOrEqual(r.startMs);
      if (i > 0) expect(r.startMs).toBeGreaterThanOrEqual(stored[i - 1]!.startMs);
    }
    expect(await foreignCaptionAttributes(callPage)).toEqual([]);
    expect(await pageStorage(callPage)).toEqual({ local: '{}', session: '{}', cookies: '', databases: [] });

    await protocol(page, 'transcript.set', { interviewId: interview.id, on: false });
    expect(await captions()).toBeNull();
    await appendCaption(callPage, platform, 'Alex Rivera', 'This line comes after the transcript was turned off.');
    await protocol(page, 'transcript.set', { interviewId: interview.id, on: true });
    await waitFor(captions, 'the reader to run again', { ok: (c) => c === 'on' });
    await appendCaption(callPage, platform, 'Alex Rivera', 'Back on: this one is kept.');
    await waitFor(rows, 'the line after turning on again', { ok: (r) => r.some((x) => x.text === 'Back on: this one is kept.') });
    expect((await rows()).map((r) => r.text)).not.toContain('This line comes after the transcript was turned off.');
    expect(await rows()).toHaveLength(replay.expected.length + 1);
    await ext.close();
    await call.close();
  });
}

test('the panel\'s Transcript section: consent comes first, then the tail shows each line with its speaker, as text (Firefox)', async () => {
  // A meeting of its own: the capture tests above leave their interviews running on CAPTION_URLS.meet in this browser.
  const meeting = 'https://meet.google.com/cap-tion-uix';
  const call = await session.browser.newPage();
  await serveCallPagesFirefox(call, { [meeting]: { body: fixturePage('meet/captions.html') } });
  await call.goto(meeting);
  const frame = await waitForPanelFrame(call);
  await startFromPanelFirefox(frame, 'Alex Rivera');
  await call.bringToFront();
  const callPage = call as unknown as Evaluator;
  const replay = await installReplay(callPage, 'meet');
  const section = '[data-testid="transcript-section"]';
  const waitIn = (what: string, check: () => boolean) =>
    frame.waitForFunction(check, { timeout: 20_000 }).catch((error: unknown) => {
      throw new Error(`timed out waiting for ${what}: ${String(error)}`);
    });

  // Off by default; turning it on shows the consent step, and "Start transcript" waits for the box.
  await frame.waitForSelector(`${section} [data-testid="transcript-switch"]`, { timeout: 15_000 });
  expect(await frame.$eval(`${section} [data-testid="transcript-switch"]`, (el) => el.getAttribute('aria-checked'))).toBe('false');
  await frame.click(`${section} [data-testid="transcript-switch"]`);
  await frame.waitForSelector('[data-testid="transcript-consent"]', { timeout: 10_000 });
  const sentence = await frame.$eval('[data-testid="transcript-sentence"]', (el) => el.textContent ?? '');
  expect(sentence).toContain('transcript of this call');
  const startButton = async () =>
    frame.$$eval('[data-testid="transcript-consent"] button', (buttons) => {
      const start = buttons.find((b) => b.textContent?.trim() === 'Start transcript') as HTMLButtonElement | undefined;
      return start ? { disabled: start.disabled } : null;
    });
  expect(await startButton()).toEqual({ disabled: true });
  await frame.click('[data-testid="transcript-told"]');
  expect(await startButton()).toEqual({ disabled: false });
  await frame.$$eval('[data-testid="transcript-consent"] button', (buttons) => {
    (buttons.find((b) => b.textContent?.trim() === 'Start transcript') as HTMLButtonElement).click();
  });
  await waitIn('the consent step to close', () => !document.querySelector('[data-testid="transcript-consent"]'));

  // The whole replay: the tail ends with its last line, under the candidate's name, as text.
  await playReplay(callPage);
  const last = replay.expected[replay.expected.length - 1]!;
  await frame.waitForFunction(
    (text: string) => {
      const lines = document.querySelectorAll('[data-testid="transcript-tail"] [data-testid="transcript-line"]');
      return lines[lines.length - 1]?.querySelector('[data-testid="transcript-text"]')?.textContent === text;
    },
    { timeout: 20_000 },
    last.text,
  );
  const tail = await frame.$$eval('[data-testid="transcript-tail"] [data-testid="transcript-line"]', (lines) =>
    lines.map((line) => ({
      speaker: line.querySelector('[data-testid="transcript-speaker"]')?.textContent ?? '',
      text: line.querySelector('[data-testid="transcript-text"]')?.textContent ?? '',
      elements: line.querySelector('[data-testid="transcript-text"]')?.children.length ?? -1,
    })),
  );
  expect(tail.at(-1)).toEqual({ speaker: last.speaker, text: last.text, elements: 0 });
  expect(tail.map((line) => line.text)).toEqual(expect.arrayContaining(replay.expected.map((e) => e.text)));

  // Off from the panel: the switch says so and the lines kept stay on screen.
  await frame.click(`${section} [data-testid="transcript-switch"]`);
  await waitIn('the switch to read off', () => document.querySelector('[data-testid="transcript-switch"]')?.getAttribute('aria-checked') === 'false');
  expect(await frame.$$eval('[data-testid="transcript-tail"] [data-testid="transcript-line"]', (lines) => lines.length)).toBeGreaterThan(0);
  await call.close();
});
