import type { Page } from '@playwright/test';
import { expect, test } from './support/chromium';
import { serveCallPages } from './support/launch';
import { panelFrame, readDatabase } from './support/panel';
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
  type CaptionPlatform,
} from './support/transcript';

/**
 * The live transcript on each platform's caption fixture (issue 14): the scripted caption stream (word-by-word
 * growth, a correction, speaker changes, a monologue cut in two, captions off and on, an Italian exchange) is
 * played in the call page; each utterance must be stored exactly once with the right speaker and offsets, and
 * nothing before the interviewer confirmed that the candidate was told, or while the transcript is off.
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

async function callTabId(ext: Page, url: string): Promise<number> {
  return ext.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? -1, url);
}

for (const platform of CAPTION_PLATFORMS) {
  test(`${platform}: each caption utterance is stored once, only after consent and while on`, async ({ context, extensionId }) => {
    await serveCallPages(context, captionPages());
    const call = await context.newPage();
    await call.goto(CAPTION_URLS[platform]);
    await panelFrame(call);
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${extensionId}/options.html`);
    const tabId = await callTabId(ext, CAPTION_URLS[platform]);
    expect(tabId).toBeGreaterThan(0);
    const interview = await protocol<{ id: string; callStartedAt: number }>(ext, 'interviews.start', {
      candidateName: 'Alex Rivera',
      guideId: 'backend-engineer',
      tabId,
    });
    expect(interview.callStartedAt).toEqual(expect.any(Number));
    const rows = async () => ((await readDatabase(context, extensionId, ext)).utterances ?? []) as unknown as Row[];
    await call.bringToFront();
    const replay = await installReplay(call, platform as CaptionPlatform);
    const { greetingSteps } = await call.evaluate(() => (window as unknown as { __replay: { greetingSteps: number[] } }).__replay);

    // Off: the interviewer's greeting. The reader is not even in the page.
    await playReplay(call, greetingSteps[0]);
    expect(await protocol(ext, 'transcript.tab', { tabId })).toEqual({ captions: null });

    // On, but the candidate was not told yet: the candidate's greeting is not kept either.
    await protocol(ext, 'transcript.set', { interviewId: interview.id, on: true });
    await playReplay(call, greetingSteps[1]! - greetingSteps[0]!);
    expect(await protocol(ext, 'transcript.tab', { tabId })).toEqual({ captions: null });
    expect(await rows()).toEqual([]);

    // Confirmed: the reader is injected and reports the captions as on.
    await protocol(ext, 'transcript.set', { interviewId: interview.id, on: true, consent: true });
    await expect.poll(async () => ((await protocol<{ captions: string | null }>(ext, 'transcript.tab', { tabId })).captions), { timeout: 10_000 }).toBe('on');

    await playReplay(call);
    await expect.poll(async () => (await rows()).filter((r) => r.final).length, { timeout: 20_000 }).toBe(replay.expected.length);
    const stored = (await rows()).sort((a, b) => a.startMs - b.startMs);
    expect(stored.map(({ speaker, text }) => ({ speaker, text }))).toEqual(replay.expected);
    expect(new Set(stored.map((r) => r.id)).size).toBe(stored.length);
    expect(stored.every((r) => r.interviewId === interview.id && r.final)).toBe(true);
    for (const [i, r] of stored.entries()) {
      expect(r.startMs).toBeGreaterThanOrEqual(0);
      expect(r.endMs).toBeGreaterThanOrEqual(r.startMs);
      if (i > 0) expect(r.startMs).toBeGreaterThanOrEqual(stored[i - 1]!.startMs);
    }
    // The greeting never reached the database, the stream's text did.
    expect(stored.some((r) => r.text.includes('happy to be here'))).toBe(false);

    // The call page got nothing of ours: no attribute on its caption elements, nothing in its storage.
    expect(await foreignCaptionAttributes(call)).toEqual([]);
    const storage = await pageStorage(call);
    expect(storage).toEqual({ local: '{}', session: '{}', cookies: '', databases: [] });

    // Off again: the reader stops at once, and a later line is not kept.
    await protocol(ext, 'transcript.set', { interviewId: interview.id, on: false });
    expect(await protocol(ext, 'transcript.tab', { tabId })).toEqual({ captions: null });
    await appendCaption(call, platform, 'Alex Rivera', 'This line comes after the transcript was turned off.');
    // A later line while on again proves the pipeline still works, so the absence above is meaningful.
    await protocol(ext, 'transcript.set', { interviewId: interview.id, on: true });
    await expect.poll(async () => ((await protocol<{ captions: string | null }>(ext, 'transcript.tab', { tabId })).captions), { timeout: 10_000 }).toBe('on');
    await appendCaption(call, platform, 'Alex Rivera', 'Back on: this one is kept.');
    await expect.poll(async () => (await rows()).map((r) => r.text), { timeout: 20_000 }).toContain('Back on: this one is kept.');
    expect((await rows()).map((r) => r.text)).not.toContain('This line comes after the transcript was turned off.');
    expect(await rows()).toHaveLength(replay.expected.length + 1);
  });
}
