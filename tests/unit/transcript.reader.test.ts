// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaptionSource } from '../../lib/platforms/captions';
import { meetCaptions, meetCaptionsButton } from '../../lib/platforms/meet-captions';
import { teamsCaptions } from '../../lib/platforms/teams-captions';
import { zoomCaptions } from '../../lib/platforms/zoom-captions';
import { startCaptionReader } from '../../lib/transcript/reader';
import { CaptionTracker, mergeCaption, type UtteranceUpdate } from '../../lib/transcript/tracker';

interface Replay {
  steps: unknown[];
  expected: { speaker: string; text: string }[];
  greeting: { speaker: string; text: string }[];
  next(): boolean;
  runAll(): void;
}

const replaySource = readFileSync(path.resolve('tests/fixtures/pages/captions/replay.js'), 'utf8');
const installCaptionReplay = new Function(`${replaySource}; return installCaptionReplay;`)() as (platform: string) => Replay;

function load(file: string): void {
  const html = readFileSync(path.resolve('tests/fixtures/pages', file), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceWith(document.importNode(parsed.body, true));
}

/** Collapses a stream of updates into stored rows the way the background upserts them (by id, latest wins). */
function store(updates: UtteranceUpdate[]): Map<string, UtteranceUpdate> {
  const rows = new Map<string, UtteranceUpdate>();
  for (const u of updates) rows.set(u.id, u);
  return rows;
}

/** A reader with hand-driven timers and clock: `flush()` runs due timers. */
function harness(source: CaptionSource) {
  let clock = 1_000_000;
  let ids = 0;
  const timers = new Map<number, { at: number; fn: () => void; every?: number }>();
  let handle = 0;
  const updates: UtteranceUpdate[] = [];
  const statuses: string[] = [];
  let observed: Node[] = [];
  class SpyObserver extends MutationObserver {
    observe(target: Node, options?: MutationObserverInit) {
      observed.push(target);
      super.observe(target, options);
    }
  }
  const reader = startCaptionReader({
    doc: document,
    source,
    emit: (u) => updates.push(u),
    onStatus: (s) => statuses.push(s),
    newId: () => `u${++ids}`,
    now: () => clock,
    MutationObserver: SpyObserver,
    setTimeout: (fn, ms) => (timers.set(++handle, { at: clock + ms, fn }), handle),
    clearTimeout: (h) => timers.delete(h as number),
    setInterval: (fn, ms) => (timers.set(++handle, { at: clock + ms, fn, every: ms }), handle),
    clearInterval: (h) => timers.delete(h as number),
  });
  const advance = async (ms: number) => {
    const end = clock + ms;
    for (;;) {
      await Promise.resolve(); // let happy-dom deliver mutation records
      const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, t] = due;
      clock = Math.max(clock, t.at);
      if (t.every) t.at += t.every;
      else timers.delete(id);
      t.fn();
    }
    clock = end;
  };
  return { reader, updates, statuses, advance, observed: () => observed, reset: () => (observed = []) };
}

beforeEach(() => {
  document.body.replaceChildren();
});

describe('mergeCaption', () => {
  it('replaces text on growth and correction', () => {
    expect(mergeCaption('I built a cash', 'I built a cache layer')).toBe('I built a cache layer');
  });
  it('keeps the start when the page trims a long text', () => {
    const long = 'We measured the p95 latency of every call before and after the change';
    expect(mergeCaption(long, 'of every call before and after the change, and more')).toBe(
      'We measured the p95 latency of every call before and after the change, and more',
    );
  });
});

describe('CaptionTracker', () => {
  const block = (key: object, speaker: string, text: string) => ({ key, speaker, text });
  it('keeps one utterance per block however often the page re-renders it', () => {
    let n = 0;
    const t = new CaptionTracker({ newId: () => `u${++n}` });
    const a = {};
    const out = [...t.update([block(a, 'You', 'Hello there')], 1), ...t.update([block(a, 'You', 'Hello there')], 2)];
    // The page replaces the element with an identical copy.
    const copy = {};
    out.push(...t.update([block(copy, 'You', 'Hello there')], 3), ...t.update([block(copy, 'You', 'Hello there, Alex')], 4));
    const rows = store(out);
    expect([...rows.values()].map((r) => r.text)).toEqual(['Hello there, Alex']);
  });
  it('splits when the speaker of a reused block changes, and finalizes after silence', () => {
    let n = 0;
    const t = new CaptionTracker({ newId: () => `u${++n}`, finalAfterMs: 1000 });
    const item = {};
    const out = [...t.update([block(item, 'Dana', 'Why?')], 0), ...t.update([block(item, 'Alex', 'Because')], 100)];
    expect(out.map((u) => [u.id, u.speaker, u.final])).toEqual([
      ['u1', 'Dana', false],
      ['u1', 'Dana', true],
      ['u2', 'Alex', false],
    ]);
    expect(t.tick(500)).toEqual([]);
    expect(t.tick(1100).map((u) => [u.id, u.final])).toEqual([['u2', true]]);
  });
  it('keeps the last words of a block the page removed before a scan saw them', () => {
    const t = new CaptionTracker({ newId: () => 'u1' });
    const a = {};
    t.update([block(a, 'Alex', 'The error rate')], 0);
    const out = t.update([], 10, [block(a, 'Alex', 'The error rate dropped by half.')]);
    expect(out).toEqual([{ id: 'u1', speaker: 'Alex', text: 'The error rate dropped by half.', startAt: 0, endAt: 10, final: true }]);
  });
  it('starts a new utterance when a reused line gets unrelated text (splitOnRewrite)', () => {
    let n = 0;
    const t = new CaptionTracker({ newId: () => `u${++n}`, splitOnRewrite: true });
    const line = {};
    const out = [...t.update([block(line, 'Alex', 'First sentence here.')], 0), ...t.update([block(line, 'Alex', 'Another thought entirely.')], 10)];
    expect([...store(out).values()].map((u) => u.text)).toEqual(['First sentence here.', 'Another thought entirely.']);
  });
});

describe.each<[string, CaptionSource, string]>([
  ['meet', meetCaptions, 'meet/captions.html'],
  ['teams', teamsCaptions, 'teams/captions.html'],
  ['zoom', zoomCaptions, 'zoom/captions.html'],
])('%s caption reader over the scripted stream', (platform, source, page) => {
  it('stores each utterance once, with its speaker, corrected text and times', async () => {
    load(page);
    const replay = installCaptionReplay(platform);
    const h = harness(source);
    let steps = 0;
    while (replay.next()) {
      steps++;
      // Captions stay off for a while (the reader looks for them once a second).
      await h.advance((replay.steps[steps - 1] as { op: string }).op === 'off' ? 2500 : 200);
    }
    await h.advance(3000);
    const rows = [...store(h.updates).values()];
    expect(rows.map(({ speaker, text }) => ({ speaker, text }))).toEqual([...replay.greeting, ...replay.expected]);
    expect(rows.every((r) => r.final)).toBe(true);
    // Starts and ends follow the stream: each utterance starts after the previous one started, and ends after it starts.
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.startAt).toBeGreaterThan(rows[i - 1]!.startAt);
    for (const r of rows) expect(r.endAt).toBeGreaterThanOrEqual(r.startAt);
    // The word-by-word growth was coalesced into far fewer updates than page steps.
    expect(h.updates.length).toBeLessThanOrEqual(steps);
    expect(h.statuses).toContain('off');
    expect(h.statuses.at(-1)).toBe('on');
  });

  it('observes only the caption area, never the document or its body', async () => {
    load(page);
    installCaptionReplay(platform).next();
    const h = harness(source);
    await h.advance(1500);
    const observed = h.observed();
    expect(observed.length).toBeGreaterThan(0);
    for (const node of observed) {
      expect(node).not.toBe(document);
      expect(node).not.toBe(document.body);
      expect(node).not.toBe(document.documentElement);
      expect(node.contains(document.getElementById('captions-root') ?? document.querySelector('main'))).toBe(false);
    }
    h.reader.stop();
  });

  it('batches a burst of caption changes into one scan', async () => {
    load(page);
    const replay = installCaptionReplay(platform);
    const h = harness(source);
    for (let i = 0; i < 5; i++) replay.next(); // the greeting, word by word, with no time between
    await h.advance(1000);
    expect(h.updates.filter((u) => !u.final).length).toBe(1);
    expect(h.updates[0]!.text).toBe('Hi Alex, thanks for');
  });
});

describe('lines on screen before the reader started', () => {
  it('are not kept: capture starts with the next caption block', async () => {
    load('meet/captions.html');
    const replay = installCaptionReplay('meet') as Replay & { greetingSteps: number[] };
    for (let i = 0; i < replay.greetingSteps[1]!; i++) replay.next();
    const h = harness(meetCaptions);
    while (replay.next()) await h.advance(200);
    await h.advance(3000);
    expect([...store(h.updates).values()].map(({ speaker, text }) => ({ speaker, text }))).toEqual(replay.expected);
  });
});

describe('Meet captions control', () => {
  it('finds the captions button and reads its state', () => {
    load('meet/captions-off.html');
    expect(meetCaptionsButton(document)?.getAttribute('aria-pressed')).toBe('false');
    expect(meetCaptions.status(document, meetCaptions.findArea(document))).toBe('off');
  });
});
