import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createSaveQueue, type SaveQueue } from '../../lib/client/save-queue';
import type { MessageName } from '../../lib/protocol/protocol';
import { ApiCallError } from '../../lib/protocol/result';
import { createPanelStore, hasLocal, keys, MAX_WAIT_MS, noteEntries, saveStatus, shown, type PanelDeps } from '../../stores/panel';
import { makeServices } from './support/services';
import { handlerCaller, panelStoreOver, reportMeetCall } from './support/panel';

/**
 * The panel store against the real handlers and repository (fake-indexeddb), as the panel in tab 7 of a Meet
 * call would see them: the save flow, note dating, failures shown with their text, and live refreshes.
 */
let env: ReturnType<typeof makeServices>;
let queue: SaveQueue;
let calls: MessageName[];
let failWith: ApiCallError | null;

let usePanel: ReturnType<typeof createPanelStore>;
/** The store under test's state and actions. */
const panel = () => usePanel.getState();

/** A fresh panel store over fakes (and `queue`), as the panel would be created with the real ones. */
function configurePanel(next: Partial<PanelDeps>): void {
  usePanel?.getState().dispose();
  const fakeCall = handlerCaller(env, {
    onCall: (name) => {
      calls.push(name);
      if (failWith && name !== 'session.get') throw failWith;
    },
  });
  usePanel = panelStoreOver(env, fakeCall, { queue, ...next });
}

beforeEach(async () => {
  env = makeServices();
  calls = [];
  failWith = null;
  queue = createSaveQueue({ debounceMs: 20, retryMs: 30 });
  configurePanel({});
  await reportMeetCall(env);
  await panel().refreshSession();
  expect(await panel().startInterview({ candidateName: 'Alex Rivera', guideId: 'test-guide', stageId: 'screen' })).toBeNull();
});

const bundle = () => usePanel.getState().session!.interview!;
const dbNotes = () => env.db.notes.toArray();

describe('panel store', () => {
  it('starts an interview on its tab’s meeting and reads it back', () => {
    expect(bundle().interview).toMatchObject({ candidateName: 'Alex Rivera', meetingId: 'abc-defg-hij', state: 'active', currentStageId: 'screen' });
    expect(usePanel.getState().session?.tab?.state).toBe('in-call');
  });

  it('saves the Notes box as a row from the first keystroke, dated from when typing began', async () => {
    const callStartedAt = bundle().interview.callStartedAt!;
    env.advance(65_000);
    const began = env.now;
    panel().typeNote('B');
    env.advance(3000);
    panel().typeNote('B-trees explained');
    await vi.waitFor(async () => expect((await dbNotes()).map((n) => n.text)).toEqual(['B-trees explained']));
    const [row] = await dbNotes();
    expect(row!.createdAt).toBe(began);
    expect(row!.offsetMs).toBe(began - callStartedAt);
    expect(panel().commitNote()).toBe(true);
    expect(usePanel.getState().draft).toBeNull();
    expect(noteEntries(usePanel.getState()).map((n) => n.text)).toEqual(['B-trees explained']);
  });

  it('Alt+Enter dates the entry the configured seconds before typing began, and drops the draft row', async () => {
    env.advance(60_000);
    const began = env.now;
    panel().typeNote('Hesitated');
    await vi.waitFor(async () => expect(await dbNotes()).toHaveLength(1));
    env.advance(2000);
    expect(panel().commitNote({ earlier: true })).toBe(true);
    await vi.waitFor(async () => {
      const rows = await dbNotes();
      expect(rows.map((n) => [n.text, n.createdAt])).toEqual([['Hesitated', began - 5000]]);
    });
  });

  it('shows a failed write with its text, keeps the typed text, and retries until it lands', async () => {
    failWith = new ApiCallError({ code: 'quota-exceeded', message: 'QuotaExceededError: the disk is full' });
    panel().setQuestionNote('q-intro', 'Clear answer');
    const key = keys.questionNote('q-intro');
    await vi.waitFor(() => expect(saveStatus(usePanel.getState(), key)).toMatchObject({ state: 'error', code: 'quota-exceeded', error: 'QuotaExceededError: the disk is full' }));
    expect(shown(usePanel.getState(), key, '')).toBe('Clear answer');
    failWith = null;
    await vi.waitFor(() => expect(saveStatus(usePanel.getState(), key)?.state).toBe('saved'));
    expect((await env.db.questionStates.get([bundle().interview.id, 'q-intro']))?.note).toBe('Clear answer');
    expect(hasLocal(usePanel.getState(), key)).toBe(false);
  });

  it('a live refresh never replaces text that is still on its way', async () => {
    queue = createSaveQueue({ debounceMs: 10_000 });
    const id = bundle().interview.id;
    configurePanel({ queue });
    await reportMeetCall(env);
    await panel().refreshSession();
    expect(bundle().interview.id).toBe(id);
    panel().setQuestionNote('q-intro', 'Still typing');
    await panel().refreshSession();
    expect(shown(usePanel.getState(), keys.questionNote('q-intro'), 'stored')).toBe('Still typing');
    await queue.flush();
    expect((await env.db.questionStates.get([id, 'q-intro']))?.note).toBe('Still typing');
  });

  it('sends a long unbroken paragraph before the first pause (max wait), not only after it', async () => {
    queue = createSaveQueue({ debounceMs: 10_000, maxWaitMs: MAX_WAIT_MS, now: () => env.now });
    configurePanel({ queue });
    await reportMeetCall(env);
    await panel().refreshSession();
    panel().typeNote('a');
    env.advance(300);
    panel().typeNote('ab');
    env.advance(500);
    panel().typeNote('abc');
    await vi.waitFor(async () => expect((await dbNotes()).map((n) => n.text)).toEqual(['abc']));
  });

  it('rating an answer marks it asked, in the view at once and in the database', async () => {
    panel().setRating('q-intro', 'strong-yes');
    const s = usePanel.getState();
    expect(shown(s, keys.asked('q-intro'), false)).toBe(true);
    await queue.flush();
    expect(await env.db.questionStates.get([bundle().interview.id, 'q-intro'])).toMatchObject({ asked: true, rating: 'strong-yes' });
  });

  it('re-reads the session only for its own interview and tab, and opens the Notes box on add-note', async () => {
    calls = [];
    panel().handleLiveEvent({ type: 'interview-changed', interviewId: 'someone-else' });
    panel().handleLiveEvent({ type: 'tab-changed', tabId: 99 });
    panel().handleLiveEvent({ type: 'interviews-changed' });
    expect(calls).toEqual([]);
    panel().handleLiveEvent({ type: 'tab-changed', tabId: 7 });
    expect(calls).toEqual(['session.get']);
    const before = usePanel.getState().notesFocusRequest;
    panel().handleLiveEvent({ type: 'panel-command', tabId: 7, command: 'add-note', at: env.now - 4000 });
    expect(usePanel.getState().notesFocusRequest).toBe(before + 1);
    expect(usePanel.getState().draft?.startedAt).toBe(env.now - 4000);
    panel().handleLiveEvent({ type: 'panel-command', tabId: 8, command: 'add-note', at: env.now });
    expect(usePanel.getState().notesFocusRequest).toBe(before + 1);
  });
});
