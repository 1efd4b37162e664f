import { describe, expect, it } from 'vitest';
import { dispatch } from '../../lib/background/router';
import { UtteranceRow } from '../../lib/db/records';
import { createBackup, validateBackup } from '../../lib/export/backup';
import type { MessageInput, MessageName } from '../../lib/protocol/protocol';
import { toSpokenLine, utteranceRole } from '../../lib/transcript/utterance';
import { upgradeFrom } from './support/migrations';
import { ENV, makeServices, meetContentSender, panelSender, popupSender, TEST_GUIDE } from './support/services';

type Sender = ReturnType<typeof panelSender> | typeof popupSender | ReturnType<typeof meetContentSender>;

function client(env: ReturnType<typeof makeServices>) {
  const raw = <K extends MessageName>(name: K, input: MessageInput<K>, sender: Sender = panelSender()) => dispatch(name, input, sender, env.handlers, ENV);
  const call = async <K extends MessageName>(name: K, input: MessageInput<K>, sender: Sender = panelSender()) => {
    const result = await raw(name, input, sender);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${result.error.issues?.join('; ') ?? ''}`);
    return result.value;
  };
  return { call, raw };
}

const inCall = { platform: 'meet' as const, state: 'in-call' as const, meetingId: 'abc-defg-hij', url: 'https://meet.google.com/abc-defg-hij', collapsed: false };

async function interviewInCall(env: ReturnType<typeof makeServices>) {
  const { call } = client(env);
  await call('calls.report', inCall, meetContentSender(7));
  const interview = await call('interviews.start', { candidateName: 'Alex Rivera', guideId: 'test-guide' });
  return { interview, callStart: interview.callStartedAt! };
}

const line = (interviewId: string, over: Partial<MessageInput<'transcript.upsert'>> = {}): MessageInput<'transcript.upsert'> => ({
  id: 'u1',
  interviewId,
  speaker: 'Alex Rivera',
  text: 'I built a cache layer',
  startAt: 0,
  endAt: 0,
  final: false,
  ...over,
});

describe('transcript through the protocol', () => {
  it('keeps nothing while the transcript is off or before the interviewer confirms the candidate was told', async () => {
    const env = makeServices();
    const { call, raw } = client(env);
    const { interview, callStart } = await interviewInCall(env);
    const off = await raw('transcript.upsert', line(interview.id, { startAt: callStart, endAt: callStart }), meetContentSender(7));
    expect(off.ok ? null : off.error.code).toBe('forbidden');

    await call('transcript.set', { interviewId: interview.id, on: true });
    expect(env.readerCalls.filter((c) => c.action === 'ensure')).toEqual([]); // no reader before consent
    expect((await call('transcript.config', {}, meetContentSender(7))).capturing).toBe(false);
    const unconfirmed = await raw('transcript.upsert', line(interview.id, { startAt: callStart, endAt: callStart }), meetContentSender(7));
    expect(unconfirmed.ok ? null : unconfirmed.error.code).toBe('forbidden');
    expect(await env.db.utterances.count()).toBe(0);

    env.advance(500);
    const confirmed = await call('transcript.set', { interviewId: interview.id, on: true, consent: true });
    expect(confirmed.transcript).toEqual({ on: true, consentAt: env.now, interviewerSpeaker: null });
    expect(env.readerCalls.filter((c) => c.action === 'ensure')).toEqual([{ tabId: 7, action: 'ensure' }]);
    expect(await call('transcript.config', {}, meetContentSender(7))).toEqual({ interviewId: interview.id, platform: 'meet', capturing: true });
  });

  it('stores each utterance once, updated in place, with offsets from the call start', async () => {
    const env = makeServices();
    const { call } = client(env);
    const { interview, callStart } = await interviewInCall(env);
    await call('transcript.set', { interviewId: interview.id, on: true, consent: true });
    const at = callStart + 65_000;
    await call('transcript.upsert', line(interview.id, { text: 'I built a cash', startAt: at, endAt: at + 800 }), meetContentSender(7));
    await call('transcript.upsert', line(interview.id, { text: 'I built a cache layer for payments.', startAt: at, endAt: at + 2400 }), meetContentSender(7));
    // A retry of the same final write changes nothing.
    const final = line(interview.id, { text: 'I built a cache layer for payments.', startAt: at, endAt: at + 2400, final: true });
    await call('transcript.upsert', final, meetContentSender(7));
    await call('transcript.upsert', final, meetContentSender(7));
    const rows = await call('transcript.list', { interviewId: interview.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ speaker: 'Alex Rivera', text: 'I built a cache layer for payments.', startMs: 65_000, endMs: 67_400, final: true });
    expect(UtteranceRow.parse(rows[0])).toEqual(rows[0]);
    const events = env.events.filter((e) => e.type === 'transcript-utterance');
    expect(events).toHaveLength(3); // one per actual change; the repeated final was not broadcast as a change
  });

  it('turning off stops the reader at once, finalizes open lines and refuses later ones; lines can be deleted', async () => {
    const env = makeServices();
    const { call, raw } = client(env);
    const { interview, callStart } = await interviewInCall(env);
    await call('transcript.set', { interviewId: interview.id, on: true, consent: true });
    await call('transcript.upsert', line(interview.id, { startAt: callStart, endAt: callStart }), meetContentSender(7));
    await call('transcript.set', { interviewId: interview.id, on: false });
    expect(env.readerCalls.at(-1)).toEqual({ tabId: 7, action: 'stop' });
    expect((await call('transcript.list', { interviewId: interview.id }))[0]!.final).toBe(true);
    const late = await raw('transcript.upsert', line(interview.id, { id: 'u2', startAt: callStart, endAt: callStart }), meetContentSender(7));
    expect(late.ok).toBe(false);
    // On again: the earlier confirmation stands.
    const again = await call('transcript.set', { interviewId: interview.id, on: true });
    expect(again.transcript?.consentAt).not.toBeNull();
    expect(await call('transcript.delete', { interviewId: interview.id })).toEqual({ deleted: 1 });
    expect(await env.db.utterances.count()).toBe(0);
  });

  it('re-injects the reader when a capturing call tab reports in-call again (page reload)', async () => {
    const env = makeServices();
    const { call } = client(env);
    const { interview } = await interviewInCall(env);
    await call('transcript.set', { interviewId: interview.id, on: true, consent: true });
    env.readerCalls.length = 0;
    await call('calls.report', inCall, meetContentSender(7));
    expect(env.readerCalls).toEqual([{ tabId: 7, action: 'ensure' }]);
    await call('calls.report', { ...inCall, state: 'left' }, meetContentSender(7));
    expect(env.readerCalls.at(-1)).toEqual({ tabId: 7, action: 'stop' });
  });

  it('marks the interviewer speaker; roles follow it, with Meet\'s "You" as the default', async () => {
    const env = makeServices();
    const { call } = client(env);
    const { interview } = await interviewInCall(env);
    expect(utteranceRole({ speaker: 'You' }, null)).toBe('interviewer');
    expect(utteranceRole({ speaker: 'Alex Rivera' }, null)).toBe('candidate');
    const row = await call('transcript.speaker', { interviewId: interview.id, speaker: 'Dana Rossi' });
    expect(row.transcript?.interviewerSpeaker).toBe('Dana Rossi');
    const spoken = toSpokenLine(
      { id: 'x', interviewId: interview.id, speaker: 'Dana Rossi', text: 'Why?', startMs: 1200, endMs: 1500, final: true, createdAt: 1, updatedAt: 1 },
      row.transcript!.interviewerSpeaker,
    );
    expect(spoken).toEqual({ speaker: 'interviewer', text: 'Why?', atMs: 1200 });
  });

  it('deleting an interview, retention and delete-all remove its lines; backups carry and validate them', async () => {
    const env = makeServices({ settings: { retentionDays: 30 } });
    const { call } = client(env);
    const { interview, callStart } = await interviewInCall(env);
    await call('transcript.set', { interviewId: interview.id, on: true, consent: true });
    await call('transcript.upsert', line(interview.id, { startAt: callStart, endAt: callStart, final: true }), meetContentSender(7));

    const backup = await call('data.export', {});
    expect(backup.utterances.map((u) => u.text)).toEqual(['I built a cache layer']);
    const orphan = validateBackup({ ...backup, utterances: [{ ...backup.utterances[0], interviewId: 'nope' }] });
    expect(orphan.ok ? [] : orphan.errors).toEqual([expect.stringMatching(/^utterances\[0\]\.interviewId: /)]);
    const bad = validateBackup({ ...backup, utterances: [{ ...backup.utterances[0], startMs: 'soon' }] });
    expect(bad.ok ? [] : bad.errors).toEqual([expect.stringMatching(/^utterances\[0\]\.startMs: /)]);
    // An older backup without lines still imports.
    const { utterances: _, ...old } = createBackup([], [], 0);
    expect(validateBackup(old).ok).toBe(true);

    await call('data.wipe', { confirm: 'DELETE' });
    expect(await env.db.utterances.count()).toBe(0);
    const report = await call('data.import', { backup });
    expect(report.added).toBeGreaterThan(0);
    expect(await env.db.utterances.count()).toBe(1);
    // Retention: the interview ended long ago.
    await call('interviews.end', { id: interview.id });
    env.advance(31 * 86_400_000);
    await call('data.retention', {});
    expect(await env.db.utterances.count()).toBe(0);

    const again = await interviewInCall(env);
    await call('transcript.set', { interviewId: again.interview.id, on: true, consent: true });
    await call('transcript.upsert', line(again.interview.id, { id: 'u9', startAt: again.callStart, endAt: again.callStart }), meetContentSender(7));
    await call('interviews.delete', { ids: [again.interview.id] });
    expect(await env.db.utterances.count()).toBe(0);
  });

  it('database version 2 opens version 1 data and adds the utterances table', async () => {
    const db = await upgradeFrom(1, async (old) => {
      await old.table('guideSnapshots').put({ key: 'test-guide@00000000', guide: TEST_GUIDE, createdAt: 1 });
    });
    expect(db.verno).toBeGreaterThanOrEqual(2);
    await db.utterances.put({ id: 'u', interviewId: 'i', speaker: 'You', text: 'Hi', startMs: -5, endMs: 0, final: true, createdAt: 1, updatedAt: 1 });
    expect(await db.utterances.where('interviewId').equals('i').count()).toBe(1);
    db.close();
  });
});
