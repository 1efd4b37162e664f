/**
 * The live transcript (issue 14): what the call page pays for the caption reader, and how soon a caption line is
 * in the database.
 *
 * - Sizes: the call-detection script every call tab gets (the transcript adds nothing to it) and the reader, which
 *   the background injects only while an interview's transcript is capturing.
 * - Call-page cost: the caption updates of a 30-minute interview (about 4,000 words, drawn a word at a time as
 *   Meet draws them) are replayed faster than real time in Meet's caption fixture, once with the transcript off
 *   (the reader absent) and once on. A Chromium trace of each run gives the duration of every task the reader's
 *   script ran in the page (its mutation callbacks and batched scans); the long tasks (≥ 50 ms) of the page's main
 *   thread are counted in both runs.
 * - Caption to row: a new caption line is drawn whole; the time until its row is in IndexedDB, stamped by the
 *   background's commit (`updatedAt`), read by polling from an extension page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { CHROME_DIST, serveCallPages } from '../../tests/e2e/support/launch';
import { CAPTION_URLS, captionPages, installReplay, protocol } from '../../tests/e2e/support/transcript';
import { SCAN_BATCH_MS } from '../../lib/transcript/reader';
import { kb, median, ms, quantile, rowStampedAt, type BenchSection } from '../support';

const READER_FILE = 'transcript-reader.js';
/** Words a 30-minute interview carries at about 130 spoken words a minute. */
const INTERVIEW_WORDS = 30 * 130;
/** Words per caption line before the platform starts a new block (speakers alternate every few lines). */
const LINE_WORDS = 22;

const size = (file: string) => {
  const data = readFileSync(path.join(CHROME_DIST, file));
  return { raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
};

/** Caption steps of a long interview in the replay's step shape: a block per line, then its text a word at a time. */
function interviewSteps(words: number, tag: string): { op: string; speaker?: string; text?: string }[] {
  const vocabulary = 'we moved the payments service to a queue so retries stay idempotent and the latency budget holds under load when the cache misses'.split(' ');
  const steps: { op: string; speaker?: string; text?: string }[] = [];
  let said = 0;
  for (let line = 0; said < words; line++) {
    steps.push({ op: 'block', speaker: line % 3 === 0 ? 'You' : 'Alex Rivera' });
    const text: string[] = [`${tag}${line}`];
    for (let w = 1; w < LINE_WORDS && said < words; w++, said++) {
      text.push(vocabulary[(line * 7 + w) % vocabulary.length]!);
      steps.push({ op: 'text', text: text.join(' ') });
    }
  }
  return steps;
}

/** Replays `steps` in the call page, one per `gapMs`; resolves with the count of long tasks seen meanwhile. */
async function replay(call: Page, steps: ReturnType<typeof interviewSteps>, gapMs: number): Promise<number> {
  return call.evaluate(
    async ([all, gap]) => {
      const r = (window as unknown as { __replay: { steps: unknown[]; next(): boolean } }).__replay;
      let longTasks = 0;
      const observer = new PerformanceObserver((list) => (longTasks += list.getEntries().length));
      observer.observe({ type: 'longtask', buffered: false });
      r.steps.push(...all);
      while (r.next()) await new Promise((resolve) => setTimeout(resolve, gap));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      observer.disconnect();
      return longTasks;
    },
    [steps, gapMs] as const,
  );
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  args?: { data?: { url?: string; stackTrace?: { url?: string }[] } };
}

/** Records a Chromium trace of the page around `work`; returns the trace events. */
async function traced(cdp: CDPSession, work: () => Promise<unknown>): Promise<TraceEvent[]> {
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
  await work();
  const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (event) => resolve(event.stream!)));
  await cdp.send('Tracing.end');
  const stream = await done;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

/** Durations (ms) of the script calls the reader's file made in the page: mutation callbacks, timers, scans. */
function readerCalls(events: TraceEvent[]): number[] {
  return events
    .filter((e) => e.ph === 'X' && e.name === 'FunctionCall' && (e.args?.data?.url ?? '').endsWith(`/${READER_FILE}`))
    .map((e) => (e.dur ?? 0) / 1000);
}

export const transcript: BenchSection = {
  key: 'transcript',
  title: 'Live transcript',
  async run({ quick, report, withExtension }) {
    const detection = size('content-scripts/content.js');
    const reader = size(READER_FILE);
    report('call-detection script every call tab gets (the transcript adds nothing to it)', `${kb(detection.raw)} raw, ${kb(detection.gzip)} gzip`, '≤ 8 kB gzip', detection.gzip <= 8 * 1024);
    report('caption reader (injected only while a transcript is capturing)', `${kb(reader.raw)} raw, ${kb(reader.gzip)} gzip`);

    const { context, extensionId } = await withExtension();
    await serveCallPages(context, captionPages());
    const call = await context.newPage();
    await call.goto(CAPTION_URLS.meet);
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${extensionId}/options.html`);
    const tabId = await ext.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? -1, CAPTION_URLS.meet);
    const interview = await protocol<{ id: string }>(ext, 'interviews.start', { candidateName: 'Bench Candidate', guideId: 'backend-engineer', tabId });
    await call.bringToFront();
    await installReplay(call, 'meet');
    const cdp = await context.newCDPSession(call);

    const words = quick ? 400 : INTERVIEW_WORDS;
    const gapMs = 4;
    // Off: the same caption updates without the reader in the page.
    const offEvents: TraceEvent[] = [];
    let longOff = 0;
    offEvents.push(...(await traced(cdp, async () => (longOff = await replay(call, interviewSteps(words, 'off'), gapMs)))));

    // On, with the candidate told: the background injects the reader.
    await protocol(ext, 'transcript.set', { interviewId: interview.id, on: true, consent: true });
    for (let tries = 0; ; tries++) {
      if ((await protocol<{ captions: string | null }>(ext, 'transcript.tab', { tabId })).captions === 'on') break;
      if (tries > 200) throw new Error('the caption reader never reported captions on');
      await call.waitForTimeout(50);
    }
    let longOn = 0;
    const onEvents = await traced(cdp, async () => (longOn = await replay(call, interviewSteps(words, 'on'), gapMs)));
    const calls = readerCalls(onEvents);
    if (calls.length === 0) throw new Error('the trace shows no call of the caption reader: the measurement would be empty');
    const updates = interviewSteps(words, 'on').length;
    const total = calls.reduce((a, b) => a + b, 0);
    report(
      `reader work on the call page per task, p95 (${calls.length} tasks for ${updates} caption updates of a ${quick ? 'short' : '30-minute'} interview)`,
      `${quantile(calls, 0.95).toFixed(2)} ms (median ${median(calls).toFixed(2)} ms, max ${Math.max(...calls).toFixed(2)} ms)`,
      '≤ 4 ms',
      quantile(calls, 0.95) <= 4,
    );
    report('reader work on the call page per caption update, on average', `${((total / updates) * 1000).toFixed(0)} µs (${ms(total)} in all)`);
    report('long tasks (≥ 50 ms) in the call page during the replay, transcript on / off', `${longOn} / ${longOff}`, 'no more than off', longOn <= longOff);

    // Caption line to stored row.
    const samples = quick ? 5 : 30;
    const latencies: number[] = [];
    const storedAt = (text: string) => rowStampedAt(ext, 'utterances', 'createdAt', text);
    for (let i = 0; i < samples; i++) {
      const text = `Line ${i} of the latency probe, drawn whole.`;
      const drawnAt = await call.evaluate(
        ([t, speaker]) => {
          const r = (window as unknown as { __replay: { steps: unknown[]; next(): boolean } }).__replay;
          r.steps.push({ op: 'block', speaker }, { op: 'text', text: t });
          const at = Date.now();
          while (r.next()) {
            /* draw it */
          }
          return at;
        },
        [text, i % 2 ? 'You' : 'Alex Rivera'] as const,
      );
      let at: number | null = null;
      for (let tries = 0; at === null && tries < 1000; tries++) {
        at = await storedAt(text);
        if (at === null) await call.waitForTimeout(10);
      }
      if (at === null) throw new Error(`caption line "${text}" never reached the database`);
      latencies.push(at - drawnAt);
    }
    report(`caption line drawn to its row in the database, median of ${samples}`, ms(median(latencies)));
    report(`caption line drawn to its row in the database, p95 of ${samples}`, ms(quantile(latencies, 0.95)), '≤ 1000 ms', quantile(latencies, 0.95) <= 1000);
    await cdp.detach();
    await call.close();
    await ext.close();
    return {
      data: { detection, reader, words, updates, readerTasks: calls.length, readerTotalMs: total, longOn, longOff, latencies, offTraceEvents: offEvents.length },
      note: `Reader work is the duration of every script task the reader's file ran in the call page (its mutation
callback and its scans, batched to one per ${SCAN_BATCH_MS} ms), from a Chromium trace; a caption line's row is stamped when the
background commits it, and the reader's save queue waits 250 ms for more words before it sends.`,
    };
  },
};
