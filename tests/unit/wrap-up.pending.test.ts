import { describe, expect, it } from 'vitest';
import { endAbandonedWrapUps } from '../../lib/background/handlers/calls';
import { dispatch } from '../../lib/background/router';
import { WRAP_UP_WAIT_MS } from '../../lib/db/records';
import type { MessageInput, MessageName } from '../../lib/protocol/protocol';
import { ENV, makeServices, meetContentSender, panelSender, popupSender } from './support/services';

/**
 * Issue 17, item 1: a call left by in-app navigation (Teams routing to a chat, Meet moving to its home page) still
 * reaches its wrap-up: the tab's panel is held with the interview until it is ended or put off, and a running
 * interview whose call is over is offered by `interviews.pendingWrapUps` (popup, options page).
 */
type Sender = ReturnType<typeof panelSender> | typeof popupSender | ReturnType<typeof meetContentSender>;

function client(env: ReturnType<typeof makeServices>) {
  return async <K extends MessageName>(name: K, input: MessageInput<K>, sender: Sender = panelSender()) => {
    const result = await dispatch(name, input, sender, env.handlers, ENV);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
}

const onMeeting = (state: 'lobby' | 'in-call' | 'left') => ({
  platform: 'meet' as const,
  state,
  meetingId: 'abc-defg-hij',
  url: 'https://meet.google.com/abc-defg-hij',
  collapsed: false,
});
const home = { platform: 'meet' as const, state: 'none' as const, meetingId: null, url: 'https://meet.google.com/', collapsed: false };

async function inCallWithInterview(env: ReturnType<typeof makeServices>) {
  const call = client(env);
  await call('calls.report', onMeeting('in-call'), meetContentSender(7));
  const interview = await call('interviews.start', { candidateName: 'Alex Rivera', guideId: 'test-guide', stageId: 'screen' });
  return { call, interview };
}

describe('a call left by navigation', () => {
  it('holds the panel with the interview until it ends, and the tab is asked to report again', async () => {
    const env = makeServices();
    const { call, interview } = await inCallWithInterview(env);
    expect(await call('interviews.pendingWrapUps', {}, popupSender)).toEqual([]);

    const answer = await call('calls.report', home, meetContentSender(7));
    expect(answer).toEqual({ panel: 'overlay', hold: true, labels: { frameTitle: 'Interview panel', gripLabel: 'Drag to move' } });
    const session = await call('session.get', {});
    expect(session.tab).toMatchObject({ meetingId: null, wrapUpId: interview.id });
    expect(session.interview?.interview).toMatchObject({ id: interview.id, state: 'active' });
    expect((await call('interviews.pendingWrapUps', {}, popupSender)).map((i) => i.id)).toEqual([interview.id]);

    await call('interviews.update', { id: interview.id, patch: { recommendation: 'yes' } });
    await call('interviews.end', { id: interview.id });
    expect(env.rechecked).toEqual([7]);
    expect(await call('calls.report', { ...home, collapsed: true }, meetContentSender(7))).toEqual({ panel: 'overlay', hold: false, labels: { frameTitle: 'Interview panel', gripLabel: 'Drag to move' } });
    expect(await call('interviews.pendingWrapUps', {}, popupSender)).toEqual([]);
    expect((await env.db.interviews.get(interview.id))?.state).toBe('ended');
  });

  it('"Later" lets the panel go; the interview waits in pendingWrapUps, also after the tab closed', async () => {
    const env = makeServices();
    const { call, interview } = await inCallWithInterview(env);
    await call('calls.report', onMeeting('left'), meetContentSender(7));
    // Left on the meeting page: the panel shows the wrap-up there, and the popup offers it too.
    expect((await call('interviews.pendingWrapUps', {}, popupSender)).map((i) => i.id)).toEqual([interview.id]);
    expect(await call('calls.report', home, meetContentSender(7))).toMatchObject({ hold: true });

    expect(await call('calls.laterWrapUp', {})).toEqual({ released: true });
    expect(env.rechecked).toEqual([7]);
    expect(await call('calls.report', { ...home, collapsed: true }, meetContentSender(7))).toMatchObject({ hold: false });
    expect((await call('session.get', {})).interview).toBeNull();
    await env.services.tabs.remove(7);
    expect((await call('interviews.pendingWrapUps', {}, popupSender)).map((i) => i.id)).toEqual([interview.id]);
  });

  it('rejoining the meeting hands the panel back to the call; a tab without an interview holds nothing', async () => {
    const env = makeServices();
    const { call, interview } = await inCallWithInterview(env);
    await call('calls.report', home, meetContentSender(7));
    await call('calls.report', onMeeting('in-call'), meetContentSender(7));
    expect((await call('session.get', {})).tab?.wrapUpId).toBeNull();
    expect(await call('interviews.pendingWrapUps', {}, popupSender)).toEqual([]);
    expect((await call('session.get', {})).interview?.interview.id).toBe(interview.id);

    await call('calls.report', onMeeting('in-call'), meetContentSender(8));
    expect(await call('calls.report', home, meetContentSender(8))).toMatchObject({ hold: true });
    await call('calls.report', { ...onMeeting('in-call'), meetingId: 'xyz-abcd-efg', url: 'https://meet.google.com/xyz-abcd-efg' }, meetContentSender(9));
    expect(await call('calls.report', home, meetContentSender(9))).toMatchObject({ hold: false });
  });
});

describe('a wrap-up nobody does', () => {
  it('ends the interview after WRAP_UP_WAIT_MS without a change, as it was left; one still changing or in a call stays active', async () => {
    const env = makeServices();
    const { call, interview } = await inCallWithInterview(env);
    await call('notes.upsert', { id: 'n-1', interviewId: interview.id, text: 'Strong on idempotency' });
    await call('interviews.update', { id: interview.id, patch: { summary: 'Half written' } });
    const lastChange = (await env.db.interviews.get(interview.id))!.updatedAt;
    // Still in the call a week later: nothing is ended.
    env.advance(WRAP_UP_WAIT_MS + 1);
    expect(await endAbandonedWrapUps(env.services)).toEqual([]);

    // The call left; the wrap-up waits. Just under the limit since the last change: still active.
    await call('calls.report', onMeeting('left'), meetContentSender(7));
    await env.services.tabs.remove(7);
    await call('interviews.update', { id: interview.id, patch: { candidateRef: 'https://ats.example.com/c/1' } });
    const touched = (await env.db.interviews.get(interview.id))!.updatedAt;
    expect(touched).toBeGreaterThan(lastChange);
    env.advance(WRAP_UP_WAIT_MS - 1);
    expect(await endAbandonedWrapUps(env.services)).toEqual([]);
    expect((await env.db.interviews.get(interview.id))?.state).toBe('active');

    env.advance(2);
    expect(await endAbandonedWrapUps(env.services)).toEqual([interview.id]);
    const row = (await env.db.interviews.get(interview.id))!;
    expect(row).toMatchObject({ state: 'ended', endedAt: touched, endedAutomatically: true, summary: 'Half written', recommendation: null, noteCount: 1 });
    expect(await call('interviews.pendingWrapUps', {}, popupSender)).toEqual([]);
    // Nothing left to end the next day.
    env.advance(86_400_000);
    expect(await endAbandonedWrapUps(env.services)).toEqual([]);
    // Ended by hand: not marked.
    const other = await call('interviews.start', { candidateName: 'Sam Ortiz', guideId: 'test-guide', stageId: 'screen' });
    await call('interviews.end', { id: other.id });
    expect((await env.db.interviews.get(other.id))?.endedAutomatically).toBeUndefined();
  });
});
