import { describe, expect, it } from 'vitest';
import { dispatch } from '../../lib/background/router';
import type { UtteranceRow } from '../../lib/db/records';
import type { LiveEvent, MessageInput, MessageName } from '../../lib/protocol/protocol';
import { createPopupStore, type PopupCaller } from '../../stores/popup';
import { parseSettings } from '../../lib/settings';
import { createTranscriptStore, fold, mergeLine, noteTextOf, searchLines, speakersOf, type TranscriptCaller } from '../../stores/transcript';
import { ENV, makeServices, meetContentSender, panelSender } from './support/services';

const inCall = { platform: 'meet' as const, state: 'in-call' as const, meetingId: 'abc-defg-hij', url: 'https://meet.google.com/abc-defg-hij', collapsed: false };

/** A transcript store over the real background handlers (fake-indexeddb), as the panel of tab 7 calls them. */
async function setup() {
  const env = makeServices();
  const raw = <K extends MessageName>(name: K, input: MessageInput<K>, sender: object = panelSender()) => dispatch(name, input, sender as never, env.handlers, ENV);
  const call = (async (name: MessageName, input: unknown) => {
    const result = await raw(name, input as never);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  }) as TranscriptCaller;
  await raw('calls.report', inCall, meetContentSender(7));
  const started = await raw('interviews.start', { candidateName: 'Alex Rivera', guideId: 'test-guide' });
  if (!started.ok) throw new Error(started.error.message);
  const interview = started.value;
  let ids = 0;
  const store = createTranscriptStore({ call, newId: () => `note-${++ids}` });
  /** Sends a caption line as the reader in the call tab does. */
  const say = async (id: string, speaker: string, text: string, atMs: number, final = true) => {
    const at = interview.callStartedAt! + atMs;
    const result = await raw('transcript.upsert', { id, interviewId: interview.id, speaker, text, startAt: at, endAt: at + 1000, final }, meetContentSender(7));
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  /** Delivers the live events broadcast since the last call, as the panel's port does. */
  let seen = 0;
  const deliver = () => {
    const events = env.events.slice(seen) as LiveEvent[];
    seen = env.events.length;
    for (const event of events) store.getState().onLive(event, 7);
  };
  return { env, store, interview, say, deliver, call };
}

const row = (over: Partial<UtteranceRow>): UtteranceRow => ({
  id: 'a',
  interviewId: 'i',
  speaker: 'You',
  text: '',
  startMs: 0,
  endMs: 0,
  final: true,
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

describe('transcript store (panel section)', () => {
  it('keeps nothing until the interviewer confirms the candidate was told, then shows lines live and in place', async () => {
    const { store, interview, say, deliver, env } = await setup();
    await store.getState().follow(interview.id, null);
    const on = await store.getState().setOn(interview.id, true);
    expect(on?.transcript).toMatchObject({ on: true, consentAt: null });
    await expect(say('u0', 'Alex Rivera', 'before consent', 1000)).rejects.toThrow(/forbidden/);

    const confirmed = await store.getState().setOn(interview.id, true, true);
    expect(confirmed?.transcript?.consentAt).toBe(env.now);
    await say('u1', 'You', 'Tell me about a cache you built', 2000, false);
    deliver();
    await say('u1', 'You', 'Tell me about a cache you built.', 2000, true);
    await say('u2', 'Alex Rivera', 'Perché no: a write-through cache for payments.', 6000);
    deliver();
    expect(store.getState().lines.map((l) => [l.id, l.speaker, l.text, l.final])).toEqual([
      ['u1', 'You', 'Tell me about a cache you built.', true],
      ['u2', 'Alex Rivera', 'Perché no: a write-through cache for payments.', true],
    ]);
    // A new panel (or a reconnect) reads the same lines from the database.
    await store.getState().follow(interview.id, null, true);
    expect(store.getState().lines.map((l) => l.id)).toEqual(['u1', 'u2']);
  });

  it('turning off stops keeping lines; the lines kept stay until deleted', async () => {
    const { store, interview, say, deliver } = await setup();
    await store.getState().follow(interview.id, null);
    await store.getState().setOn(interview.id, true, true);
    await say('u1', 'Alex Rivera', 'first', 1000);
    await store.getState().setOn(interview.id, false);
    await expect(say('u2', 'Alex Rivera', 'said while off', 2000)).rejects.toThrow(/forbidden/);
    deliver();
    expect(store.getState().lines.map((l) => l.text)).toEqual(['first']);
    expect(await store.getState().deleteAll()).toBe(true);
    deliver();
    await store.getState().follow(interview.id, null, true);
    expect(store.getState().lines).toEqual([]);
  });

  it('"add to notes" makes a free note dated when the line began, linked to it, with the speaker', async () => {
    const { store, interview, say, deliver, call } = await setup();
    await store.getState().follow(interview.id, null);
    await store.getState().setOn(interview.id, true, true);
    await say('u7', 'Alex Rivera', 'I would shard by customer id.', 95_000);
    deliver();
    const note = await store.getState().addToNotes(store.getState().lines[0]!);
    expect(note).toMatchObject({ text: 'Alex Rivera: I would shard by customer id.', offsetMs: 95_000, utteranceId: 'u7', questionId: null });
    expect(store.getState().added).toEqual({ u7: true });
    const bundle = await call('interviews.get', { id: interview.id });
    expect(bundle.notes.map((n) => [n.text, n.offsetMs, n.utteranceId])).toEqual([['Alex Rivera: I would shard by customer id.', 95_000, 'u7']]);
  });

  it('"add to notes" refuses a line of another interview, with the reason shown', async () => {
    const { store, interview } = await setup();
    await store.getState().follow(interview.id, null);
    const note = await store.getState().addToNotes(row({ id: 'nope', interviewId: interview.id, text: 'x' }));
    expect(note).toBeNull();
    expect(store.getState().error).toMatchObject({ what: 'transcriptNote', fault: { details: expect.stringMatching(/nope/) } });
  });

  it('marks the interviewer speaker with one click, and corrects it', async () => {
    const { store, interview } = await setup();
    expect((await store.getState().markInterviewer(interview.id, 'Sam Lee'))?.transcript?.interviewerSpeaker).toBe('Sam Lee');
    expect((await store.getState().markInterviewer(interview.id, 'You'))?.transcript?.interviewerSpeaker).toBe('You');
  });

  it('follows the captions status of its own tab only', async () => {
    const { store, interview } = await setup();
    await store.getState().follow(interview.id, null);
    store.getState().onLive({ type: 'transcript-status', tabId: 9, captions: 'off' }, 7);
    expect(store.getState().captions).toBeNull();
    store.getState().onLive({ type: 'transcript-status', tabId: 7, captions: 'off' }, 7);
    expect(store.getState().captions).toBe('off');
    store.getState().onLive({ type: 'transcript-utterance', interviewId: 'other', utterance: row({ interviewId: 'other' }) }, 7);
    expect(store.getState().lines).toEqual([]);
  });
});

describe('transcript helpers', () => {
  it('searches text and speaker, every word, ignoring case and accents', () => {
    const lines = [row({ id: '1', speaker: 'Alex', text: 'Perché usare Redis?' }), row({ id: '2', speaker: 'You', text: 'Tell me about caching' })];
    expect(searchLines(lines, 'perche redis').map((l) => l.id)).toEqual(['1']);
    expect(searchLines(lines, 'you CACHING').map((l) => l.id)).toEqual(['2']);
    expect(searchLines(lines, '  ').map((l) => l.id)).toEqual(['1', '2']);
    expect(searchLines(lines, 'kafka')).toEqual([]);
    expect(fold('Àccènto')).toBe('accento');
  });

  it('keeps lines in time order and replaces a line by id', () => {
    let lines = mergeLine([], row({ id: 'b', startMs: 2000, text: 'b' }));
    lines = mergeLine(lines, row({ id: 'a', startMs: 1000, text: 'a' }));
    lines = mergeLine(lines, row({ id: 'b', startMs: 2000, text: 'b2' }));
    expect(lines.map((l) => `${l.id}:${l.text}`)).toEqual(['a:a', 'b:b2']);
  });

  it('lists speakers once, in order, without the unknown one; note text carries the speaker', () => {
    expect(speakersOf([row({ speaker: 'You' }), row({ speaker: '' }), row({ speaker: 'Alex' }), row({ speaker: 'You' })])).toEqual(['You', 'Alex']);
    expect(noteTextOf({ speaker: 'Alex', text: 'hi' })).toBe('Alex: hi');
    expect(noteTextOf({ speaker: '', text: 'hi' })).toBe('hi');
  });
});

describe('transcript on from the start forms', () => {
  it('interviews.start with transcript: on, waiting for consent; no reader before it; without: off', async () => {
    const env = makeServices();
    const raw = <K extends MessageName>(name: K, input: MessageInput<K>, sender: object = panelSender()) => dispatch(name, input, sender as never, env.handlers, ENV);
    await raw('calls.report', inCall, meetContentSender(7));
    const on = await raw('interviews.start', { candidateName: 'Alex Rivera', guideId: 'test-guide', transcript: true });
    expect(on.ok && on.value.transcript).toEqual({ on: true, consentAt: null, interviewerSpeaker: null });
    expect(env.readerCalls.filter((c) => c.action === 'ensure')).toEqual([]);
    const off = await raw('interviews.start', { candidateName: 'Sam Lee', guideId: 'test-guide' });
    expect(off.ok && (off.value.transcript ?? null)).toBeNull();
  });

  it('the popup passes the choice to interviews.start, and a prepared interview keeps it', async () => {
    const env = makeServices();
    const calls: { name: string; input: unknown }[] = [];
    const call = (async (name: MessageName, input: unknown) => {
      calls.push({ name, input });
      const result = await dispatch(name, input as never, { id: 'self-id', url: 'chrome-extension://self-id/popup.html' } as never, env.handlers, ENV);
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    }) as PopupCaller;
    const store = createPopupStore({ call, hydrateSettings: async () => {}, lastChoice: () => ({ guideId: null, stageId: null }), rememberChoice: async () => {}, newId: () => 'p1' });
    await store.getState().init(null);
    store.getState().setCandidateName('Alex Rivera');
    store.getState().chooseGuide('test-guide');
    expect(await store.getState().start({ transcript: true })).toBe(true);
    expect(calls.find((c) => c.name === 'interviews.start')?.input).toMatchObject({ transcript: true, tabId: null });
    expect((await env.db.interviews.get('p1'))?.transcript).toMatchObject({ on: true, consentAt: null });
  });

  it('the per-platform setting is off by default and read back as stored', () => {
    expect(parseSettings(undefined).transcriptOnStart).toEqual({ meet: false, zoom: false, teams: false });
    expect(parseSettings({ transcriptOnStart: { teams: true } }).transcriptOnStart).toEqual({ meet: false, zoom: false, teams: true });
  });
});
