import { describe, expect, it } from 'vitest';
import { dispatch } from '../../lib/background/router';
import type { MessageInput, MessageName } from '../../lib/protocol/protocol';
import { ENV, makeServices, meetContentSender, panelSender, popupSender, TEST_GUIDE } from './support/services';

type Sender = ReturnType<typeof panelSender> | typeof popupSender | ReturnType<typeof meetContentSender>;

function client(env: ReturnType<typeof makeServices>) {
  return async <K extends MessageName>(name: K, input: MessageInput<K>, sender: Sender = panelSender()) => {
    const result = await dispatch(name, input, sender, env.handlers, ENV);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${result.error.issues?.join('; ') ?? ''}`);
    return result.value;
  };
}

const report = (state: 'lobby' | 'in-call' | 'left', meetingId = 'abc-defg-hij') => ({
  platform: 'meet' as const,
  state,
  meetingId,
  url: `https://meet.google.com/${meetingId}`,
  collapsed: false,
});

describe('interviews through the protocol', () => {
  it('starts an interview on the sender tab call, and offsets notes from the moment the call started', async () => {
    const env = makeServices();
    const call = client(env);
    await call('calls.report', report('lobby'), meetContentSender(7));
    const interview = await call('interviews.start', { candidateName: 'Alex Rivera', guideId: 'test-guide', stageId: 'screen' });
    expect(interview).toMatchObject({ state: 'active', platform: 'meet', meetingId: 'abc-defg-hij', callStartedAt: null });

    env.advance(1000);
    await call('calls.report', report('in-call'), meetContentSender(7));
    const started = env.now;
    env.advance(65_000);
    const note = await call('notes.upsert', { id: 'n1', interviewId: interview.id, text: 'Strong start' });
    expect(note.offsetMs).toBe(65_000);
    const stamped = await call('notes.upsert', { id: 'n2', interviewId: interview.id, text: 'Said "it depends"', stampEarlierMs: 5000 });
    expect(stamped.offsetMs).toBe(60_000);
    const session = await call('session.get', {});
    expect(session.interview?.interview.callStartedAt).toBe(started);
    expect(session.interview?.notes.map((n) => n.text)).toEqual(['Said "it depends"', 'Strong start']);
    expect(session.tab?.state).toBe('in-call');
  });

  it('upserts are idempotent: the same note sent twice is one row, an edit keeps its time and offset', async () => {
    const env = makeServices();
    const call = client(env);
    const { id } = await call('interviews.start', { candidateName: 'Sam', guideId: 'test-guide' }, popupSender);
    const first = await call('notes.upsert', { id: 'n1', interviewId: id, text: 'draft' });
    await call('notes.upsert', { id: 'n1', interviewId: id, text: 'draft' });
    env.advance(500);
    const edited = await call('notes.upsert', { id: 'n1', interviewId: id, text: 'draft, then final' });
    expect(edited).toMatchObject({ createdAt: first.createdAt, offsetMs: first.offsetMs, text: 'draft, then final' });
    expect(await env.db.notes.count()).toBe(1);
    expect((await env.db.interviews.get(id))?.noteCount).toBe(1);
  });

  it('two clients editing one interview at once lose nothing', async () => {
    const env = makeServices();
    const call = client(env);
    const { id } = await call('interviews.start', { candidateName: 'Kim', guideId: 'test-guide' }, popupSender);
    const tabA = panelSender(1);
    const tabB = panelSender(2);
    await Promise.all([
      call('interviews.update', { id, patch: { summary: 'Clear communicator' } }, tabA),
      call('interviews.update', { id, patch: { recommendation: 'yes' } }, tabB),
      call('questions.upsert', { interviewId: id, questionId: 'q-intro', patch: { rating: 'strong-yes' } }, tabA),
      call('questions.upsert', { interviewId: id, questionId: 'q-intro', patch: { note: 'Good story' } }, tabB),
      call('criteria.upsert', { interviewId: id, criterionId: 'clarity', patch: { rating: 'yes' } }, tabA),
      call('redFlags.upsert', { interviewId: id, redFlagId: 'rf-blame', patch: { checked: true } }, tabB),
      ...Array.from({ length: 20 }, (_, i) => call('notes.upsert', { id: `n${i}`, interviewId: id, text: `note ${i}` }, i % 2 ? tabA : tabB)),
    ]);
    const bundle = await call('interviews.get', { id });
    expect(bundle.interview).toMatchObject({ summary: 'Clear communicator', recommendation: 'yes', noteCount: 20 });
    expect(bundle.questionStates).toEqual([expect.objectContaining({ questionId: 'q-intro', rating: 'strong-yes', note: 'Good story', asked: true })]);
    expect(bundle.criterionRatings).toEqual([expect.objectContaining({ criterionId: 'clarity', rating: 'yes' })]);
    expect(bundle.redFlagChecks).toEqual([expect.objectContaining({ redFlagId: 'rf-blame', checked: true })]);
    expect(bundle.notes).toHaveLength(20);
  });

  it('a retried start with the same client id creates one interview', async () => {
    const env = makeServices();
    const call = client(env);
    const a = await call('interviews.start', { id: 'fixed', candidateName: 'Lee', guideId: 'test-guide' }, popupSender);
    const b = await call('interviews.start', { id: 'fixed', candidateName: 'Lee', guideId: 'test-guide' }, popupSender);
    expect(b).toEqual(a);
    expect(await env.db.interviews.count()).toBe(1);
  });

  it('an interview prepared away from a call is picked up by the next call', async () => {
    const env = makeServices();
    const call = client(env);
    const planned = await call('interviews.start', { candidateName: 'Noor', guideId: 'test-guide', stageId: 'onsite', tabId: null }, popupSender);
    expect(planned.state).toBe('planned');
    await call('calls.report', report('lobby', 'xyz-abcd-efg'), meetContentSender(9));
    const session = await call('session.get', { tabId: 9 }, popupSender);
    expect(session.interview?.interview).toMatchObject({ id: planned.id, state: 'active', meetingId: 'xyz-abcd-efg', currentStageId: 'onsite' });
    expect(session.planned).toBeNull();
    expect(env.events).toContainEqual({ type: 'interview-changed', interviewId: planned.id });
  });

  it('switching stage restarts the stage timer once the call runs; unknown stages are refused', async () => {
    const env = makeServices();
    const call = client(env);
    await call('calls.report', report('in-call'), meetContentSender(7));
    const { id } = await call('interviews.start', { candidateName: 'Ana', guideId: 'test-guide' });
    env.advance(10_000);
    const moved = await call('interviews.update', { id, patch: { currentStageId: 'onsite' } });
    expect(moved.stageStartedAt).toBe(env.now);
    await expect(call('interviews.update', { id, patch: { currentStageId: 'nope' } })).rejects.toThrow(/not-found/);
  });

  it('ending, listing and searching interviews', async () => {
    const env = makeServices();
    const call = client(env);
    const a = await call('interviews.start', { candidateName: 'Alex Rivera', guideId: 'test-guide' }, popupSender);
    env.advance(1000);
    await call('interviews.start', { candidateName: 'Bea Lund', guideId: 'test-guide' }, popupSender);
    env.advance(1000);
    const ended = await call('interviews.end', { id: a.id });
    expect(ended).toMatchObject({ state: 'ended', endedAt: env.now });
    expect((await call('interviews.list', { query: 'rivera' }, popupSender)).items.map((i) => i.candidateName)).toEqual(['Alex Rivera']);
    expect((await call('interviews.list', { sort: 'candidate' }, popupSender)).items.map((i) => i.candidateName)).toEqual(['Alex Rivera', 'Bea Lund']);
    expect((await call('interviews.recent', { limit: 1 }, popupSender))[0]?.candidateName).toBe('Alex Rivera');
  });

  it('deletes an interview with all its rows, applies retention, and wipes only with the typed confirmation', async () => {
    const env = makeServices({ settings: { retentionDays: 30 } });
    const call = client(env);
    const old = await call('interviews.start', { candidateName: 'Old', guideId: 'test-guide' }, popupSender);
    await call('notes.upsert', { id: 'old-note', interviewId: old.id, text: 'x' });
    env.advance(31 * 86_400_000);
    const fresh = await call('interviews.start', { candidateName: 'Fresh', guideId: 'test-guide' }, popupSender);
    expect(await call('data.retention', {}, popupSender)).toEqual({ deleted: 1 });
    expect(await env.db.notes.count()).toBe(0);
    expect((await call('interviews.list', {}, popupSender)).items.map((i) => i.id)).toEqual([fresh.id]);
    expect(await dispatch('data.wipe', { confirm: 'delete' }, popupSender, env.handlers, ENV)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await call('data.wipe', { confirm: 'DELETE' }, popupSender)).toEqual({ deleted: 1 });
    expect(await env.db.interviews.count()).toBe(0);
  });

  it('custom guides can be saved and deleted; bundled ones cannot be replaced', async () => {
    const env = makeServices();
    const call = client(env);
    const bundled = await call('guides.get', { id: 'test-guide' }, popupSender);
    const copy = { ...bundled, id: 'my-copy', title: 'My copy' };
    await call('guides.save', { guide: copy }, popupSender);
    expect((await call('guides.list', {}, popupSender)).map((g) => [g.id, g.origin])).toEqual([
      ['test-guide', 'bundled'],
      ['my-copy', 'custom'],
    ]);
    expect(await dispatch('guides.save', { guide: bundled }, popupSender, env.handlers, ENV)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await dispatch('guides.delete', { id: 'test-guide' }, popupSender, env.handlers, ENV)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('guides.delete', { id: 'my-copy' }, popupSender)).toEqual({ deleted: true });
  });

  it('saving a custom guide again keeps when it was created; deleting a missing one tells nobody', async () => {
    const env = makeServices();
    const call = client(env);
    const copy = { ...TEST_GUIDE, id: 'my-copy', title: 'My copy' };
    await call('guides.save', { guide: copy }, popupSender);
    const created = env.now;
    env.advance(5000);
    await call('guides.save', { guide: { ...copy, title: 'My copy, edited' } }, popupSender);
    expect(await env.db.customGuides.get('my-copy')).toMatchObject({ createdAt: created, updatedAt: created + 5000, guide: { title: 'My copy, edited' } });
    expect(await call('guides.get', { id: 'my-copy' }, popupSender)).toMatchObject({ title: 'My copy, edited' });

    env.events.length = 0;
    expect(await call('guides.delete', { id: 'never-saved' }, popupSender)).toEqual({ deleted: false });
    expect(env.events).toEqual([]);
    expect(await call('guides.delete', { id: 'my-copy' }, popupSender)).toEqual({ deleted: true });
    expect(env.events).toEqual([{ type: 'guides-changed' }]);
    expect(await dispatch('guides.get', { id: 'my-copy' }, popupSender, env.handlers, ENV)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('lists guides in the interviewer\'s language first, so pickers default to them', async () => {
    const italian = { ...TEST_GUIDE, id: 'test-guide-it', title: 'Ingegnere di test', locale: 'it' };
    const env = makeServices({ uiLanguage: 'it-IT', bundledGuides: [TEST_GUIDE, italian] });
    expect((await client(env)('guides.list', {}, popupSender)).map((g) => g.id)).toEqual(['test-guide-it', 'test-guide']);
    const english = makeServices({ uiLanguage: 'en-GB', bundledGuides: [TEST_GUIDE, italian] });
    expect((await client(english)('guides.list', {}, popupSender)).map((g) => g.id)).toEqual(['test-guide', 'test-guide-it']);
  });

  it('panel commands reach the tab content script; a content script may only command its own tab', async () => {
    const env = makeServices();
    const call = client(env);
    await call('panel.command', { command: 'collapse' }, meetContentSender(4));
    await call('panel.command', { tabId: 5, command: 'add-note' }, popupSender);
    expect(env.commands).toEqual([
      { tabId: 4, command: 'collapse' },
      { tabId: 5, command: 'add-note' },
    ]);
    expect(env.events).toContainEqual(expect.objectContaining({ type: 'panel-command', tabId: 5, command: 'add-note' }));
    expect(await dispatch('panel.command', { tabId: 5, command: 'toggle' }, meetContentSender(4), env.handlers, ENV)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('hides the overlay on disabled platforms and in side-panel mode', async () => {
    const env = makeServices({ settings: { panelMode: { meet: 'sidepanel', zoom: 'overlay', teams: 'overlay' } } });
    expect(await client(env)('calls.report', report('lobby'), meetContentSender())).toEqual({ panel: 'hidden', hold: false, labels: { frameTitle: 'Interview panel', gripLabel: 'Drag to move' } });
    const env2 = makeServices();
    expect(await client(env2)('calls.report', report('lobby'), meetContentSender())).toEqual({ panel: 'overlay', hold: false, labels: { frameTitle: 'Interview panel', gripLabel: 'Drag to move' } });
  });

  it('a restarted worker still knows its call tabs and when their call started', async () => {
    const store = new Map<string, unknown>();
    const session = { get: async (k: string) => ({ [k]: store.get(k) }), set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => store.set(k, v)) };
    const first = makeServices({ session });
    await client(first)('calls.report', report('in-call'), meetContentSender(3));
    const second = makeServices({ session });
    const tab = await second.services.tabs.get(3);
    expect(tab).toMatchObject({ state: 'in-call', meetingId: 'abc-defg-hij', callStartedAt: first.now });
  });
});
