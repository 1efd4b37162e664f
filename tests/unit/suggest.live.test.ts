import { describe, expect, it } from 'vitest';
import { dispatch } from '../../lib/background/router';
import { InterviewRow, QuestionStateRow } from '../../lib/db/records';
import type { LiveEvent, MessageInput, MessageName } from '../../lib/protocol/protocol';
import type { SuggestView } from '../../lib/suggest/live';
import { upgradeFrom } from './support/migrations';
import { Guide } from '../../lib/guides/schema';
import { ENV, makeServices as makeAnyServices, meetContentSender, panelSender, TEST_GUIDE } from './support/services';

/** A guide whose questions have words enough to be matched (stop words such as "tell me about" are not). */
const GUIDE = Guide.parse({
  ...TEST_GUIDE,
  criteria: [
    { id: 'debugging', text: 'Debugging: reads logs and metrics before guessing' },
    { id: 'trade-offs', text: 'Weighs trade-offs out loud' },
  ],
  stages: [
    {
      id: 'screen',
      title: 'Screen',
      durationMinutes: 30,
      description: '',
      questions: [
        {
          id: 'q-incident',
          text: 'Walk me through a production incident you debugged',
          followUps: ['How did you find the root cause?', 'What would you change in the monitoring?'],
          core: true,
        },
        { id: 'q-limiter', text: 'How would you design a rate limiter for a public API?', followUps: [], core: true },
      ],
      redFlags: [{ id: 'rf-blame', text: 'Blames other teams for failures' }],
    },
    { id: 'onsite', title: 'Onsite', durationMinutes: 60, description: '', questions: [{ id: 'q-code', text: 'Write code', followUps: [], core: true }], redFlags: [] },
  ],
});
const makeServices = (options: Parameters<typeof makeAnyServices>[0] = {}) => makeAnyServices({ bundledGuides: [GUIDE], ...options });

type Env = ReturnType<typeof makeServices>;

function client(env: Env) {
  return async <K extends MessageName>(name: K, input: MessageInput<K>, sender: object = panelSender()) => {
    const result = await dispatch(name, input, sender as never, env.handlers, ENV);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
}

const inCall = { platform: 'meet' as const, state: 'in-call' as const, meetingId: 'abc-defg-hij', url: 'https://meet.google.com/abc-defg-hij', collapsed: false };

/** An interview on a Meet call with the transcript capturing (candidate told), interviewer speaking as "You". */
async function capturing(env: Env) {
  const call = client(env);
  await call('calls.report', inCall, meetContentSender(7));
  const interview = await call('interviews.start', { candidateName: 'Alex Rivera', guideId: 'test-guide' });
  await call('transcript.set', { interviewId: interview.id, on: true, consent: true });
  let n = 0;
  /** Says a final line `seconds` after the call started. */
  const say = async (speaker: string, text: string, seconds = ++n * 10) => {
    const at = interview.callStartedAt! + seconds * 1000;
    await call('transcript.upsert', { id: `u${++n}`, interviewId: interview.id, speaker, text, startAt: at, endAt: at + 1000, final: true }, meetContentSender(7));
    await env.services.suggest!.settled();
  };
  const question = async (id: string) => (await env.db.questionStates.get([interview.id, id])) ?? null;
  const lastView = () => [...env.events].reverse().find((e): e is Extract<LiveEvent, { type: 'suggestions' }> => e.type === 'suggestions')?.view;
  return { call, interview, say, question, lastView };
}

describe('live suggestions in the background (issue 15)', () => {
  it('marks a question asked in other words as automatic, keeps the line, and tells the views', async () => {
    const env = makeServices({ suggest: true });
    const { interview, say, question } = await capturing(env);
    await say('You', 'How are you today?');
    expect(await question('q-incident')).toBeNull();
    env.events.length = 0;
    await say('You', 'So, can you walk me through an incident in production that you had to debug?');
    const row = await question('q-incident');
    expect(row).toMatchObject({ asked: true, askedBy: 'auto', autoLine: { text: 'So, can you walk me through an incident in production that you had to debug?' } });
    expect(env.events).toContainEqual({ type: 'interview-changed', interviewId: interview.id });
    // The candidate's lines never mark a question asked.
    await say('Alex Rivera', 'I would design a rate limiter for the public API with a token bucket.');
    expect(await question('q-limiter')).toBeNull();
  });

  it('never overrides a state the interviewer set by hand', async () => {
    const env = makeServices({ suggest: true });
    const { call, interview, say, question } = await capturing(env);
    await call('questions.upsert', { interviewId: interview.id, questionId: 'q-incident', stageId: 'screen', patch: { asked: false } });
    await say('You', 'Walk me through a production incident you debugged, please.');
    expect(await question('q-incident')).toMatchObject({ asked: false, askedBy: 'manual' });
  });

  it('undo unmarks, and the question is not marked again, even after the worker restarts', async () => {
    const env = makeServices({ suggest: true });
    const { call, interview, say, question } = await capturing(env);
    await say('You', 'Walk me through a production incident you debugged.');
    expect((await question('q-incident'))?.askedBy).toBe('auto');
    expect(await call('suggest.undo', { interviewId: interview.id, questionId: 'q-incident' })).toEqual({ undone: true });
    expect(await question('q-incident')).toMatchObject({ asked: false, askedBy: null, autoUndone: true });
    await say('You', 'Again: a production incident you debugged, walk me through it.');
    expect((await question('q-incident'))?.asked).toBe(false);
    // A new worker over the same database rebuilds from storage and still leaves it alone.
    const restarted = makeServices({ suggest: true, db: env.db });
    const view = (await client(restarted)('suggest.get', { interviewId: interview.id })).view;
    await restarted.services.suggest!.settled();
    expect(view?.heard).toBe(2);
    expect((await question('q-incident'))?.asked).toBe(false);
    // Nothing to undo on a manual mark.
    await call('questions.upsert', { interviewId: interview.id, questionId: 'q-limiter', stageId: 'screen', patch: { asked: true } });
    expect(await call('suggest.undo', { interviewId: interview.id, questionId: 'q-limiter' })).toEqual({ undone: false });
    expect((await question('q-limiter'))?.asked).toBe(true);
  });

  it('a red-flag cue shows the line that raised it and never ticks the flag; the next question follows coverage', async () => {
    const env = makeServices({ suggest: true });
    const { interview, say, lastView } = await capturing(env);
    expect(lastView()).toBeUndefined();
    await say('You', 'Walk me through a production incident you debugged.');
    expect(lastView()?.next?.questionId).toBe('q-limiter');
    await say('Alex Rivera', 'Honestly the failure was the other team, they broke it; I blame the other teams for these failures.');
    const view = lastView() as SuggestView;
    expect(view.redFlagCues['rf-blame']?.map((l) => l.text)).toEqual(['Honestly the failure was the other team, they broke it; I blame the other teams for these failures.']);
    // The follow-ups of the current question, untouched first.
    expect(view.followUps?.questionId).toBe('q-incident');
    await say('Alex Rivera', 'I found the root cause: I read the logs and metrics first, before guessing.');
    const after = lastView() as SuggestView;
    expect(after.followUps?.ranking.map((f) => [f.index, f.touched])).toEqual([
      [1, false],
      [0, true],
    ]);
    expect(after.evidence['debugging']?.map((l) => l.text)).toEqual(['I found the root cause: I read the logs and metrics first, before guessing.']);
    // The answer so far (both candidate lines) is what a drafted follow-up starts from; the interviewer speaking ends it.
    expect(after.lastAnswer).toBe(
      'Honestly the failure was the other team, they broke it; I blame the other teams for these failures. I found the root cause: I read the logs and metrics first, before guessing.',
    );
    await say('You', 'Thanks. Next one.');
    expect(lastView()?.lastAnswer).toBeNull();
    expect(await env.db.redFlagChecks.where('interviewId').equals(interview.id).count()).toBe(0);
  });

  it('typed notes are evidence for the criteria when there is no transcript', async () => {
    const env = makeServices({ suggest: true });
    const call = client(env);
    await call('calls.report', inCall, meetContentSender(7));
    const interview = await call('interviews.start', { candidateName: 'Alex Rivera', guideId: 'test-guide' });
    env.advance(60_000);
    await call('notes.upsert', { id: 'n1', interviewId: interview.id, questionId: null, stageId: 'screen', text: 'Reads the logs and metrics before guessing' });
    await env.services.suggest!.settled();
    const { view } = await call('suggest.get', { interviewId: interview.id });
    expect(view?.evidence['debugging']?.map((l) => [l.text, l.source])).toEqual([['Reads the logs and metrics before guessing', 'note']]);
    expect(view?.evidence['trade-offs']).toBeUndefined();
  });

  it('after a stage switch, lines of the earlier stage do not count', async () => {
    const env = makeServices({ suggest: true });
    const { call, interview, say } = await capturing(env);
    await say('You', 'Walk me through a production incident you debugged.', 10);
    env.advance(120_000);
    await call('interviews.update', { id: interview.id, patch: { currentStageId: 'onsite' } });
    await env.services.suggest!.settled();
    const { view } = await call('suggest.get', { interviewId: interview.id });
    expect(view).toMatchObject({ stageId: 'onsite', heard: 0 });
  });
});

describe('database version 3', () => {
  it('records every mark stored before as made by hand', async () => {
    const interview = InterviewRow.parse({
      id: 'i1',
      candidateName: 'Alex Rivera',
      guideId: TEST_GUIDE.id,
      guideSnapshotKey: 'test-guide@00000000',
      currentStageId: 'screen',
      state: 'active',
      createdAt: 1,
      updatedAt: 2,
    });
    const db = await upgradeFrom(2, async (old) => {
      await old.table('interviews').put(interview);
      await old.table('questionStates').bulkPut([
        { interviewId: 'i1', questionId: 'q-intro', stageId: 'screen', asked: true, askedAt: 5, rating: null, note: '', updatedAt: 5 },
        { interviewId: 'i1', questionId: 'q-design', stageId: 'screen', asked: false, askedAt: null, rating: null, note: 'later', updatedAt: 5 },
      ]);
    });
    const rows = (await db.questionStates.toArray()).map((r) => QuestionStateRow.parse(r));
    expect(rows.map((r) => [r.questionId, r.askedBy])).toEqual([
      ['q-design', null],
      ['q-intro', 'manual'],
    ]);
    db.close();
  });
});
