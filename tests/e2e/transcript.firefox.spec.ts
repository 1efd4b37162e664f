import { expect, test } from '@playwright/test';
import { launchFirefox, openExtensionPage, serveCallPagesFirefox, waitForPanelFrame, type FirefoxSession } from './support/firefox';
import { readTableFirefox } from './support/panel-firefox';
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(value)})`);
    await sleep(100);
  }
}

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
    await waitFor(captions, (c) => c === 'on', 'the reader to see captions');
    await playReplay(callPage);
    await waitFor(rows, (r) => r.filter((x) => x.final).length === replay.expected.length, 'every utterance, final');
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
    await waitFor(captions, (c) => c === 'on', 'the reader to run again');
    await appendCaption(callPage, platform, 'Alex Rivera', 'Back on: this one is kept.');
    await waitFor(rows, (r) => r.some((x) => x.text === 'Back on: this one is kept.'), 'the line after turning on again');
    expect((await rows()).map((r) => r.text)).not.toContain('This line comes after the transcript was turned off.');
    expect(await rows()).toHaveLength(replay.expected.length + 1);
    await ext.close();
    await call.close();
  });
}
