import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { replayJournal } from '../../lib/background/journal-replay';
import { dispatch } from '../../lib/background/router';
import { createJournal, journalKey, readJournal, JOURNAL_PREFIX } from '../../lib/client/journal';
import { writeMessage, type WriteKey } from '../../lib/client/writes';
import { createSaveQueue } from '../../lib/client/save-queue';
import { ENV, makeServices, popupSender } from './support/services';

const area = () => fakeBrowser.storage.local;

describe('crash journal', () => {
  it('records a queued write the moment it is typed and forgets it once committed', async () => {
    vi.useFakeTimers();
    const queue = createSaveQueue({ debounceMs: 300, journal: createJournal(area()) });
    let fail = true;
    const key: WriteKey = { interviewId: 'i', field: { kind: 'note', id: 'n1' } };
    queue.schedule({
      key,
      send: async () => {
        if (fail) throw new Error('Could not establish connection');
      },
      message: writeMessage('notes.upsert', { id: 'n1', interviewId: 'i', text: 'typed' }),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect((await readJournal(area())).map(([k]) => k)).toEqual([journalKey(key)]);
    expect(journalKey(key).startsWith(JOURNAL_PREFIX)).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(await readJournal(area())).toHaveLength(1); // the send failed: still journaled
    fail = false;
    await queue.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(await readJournal(area())).toEqual([]);
    vi.useRealTimers();
  });

  it('the background replays what a reload cut off, keeping the time the note was typed', async () => {
    const env = makeServices();
    const call = async (name: 'interviews.start', input: object) => {
      const r = await dispatch(name, input, popupSender, env.handlers, ENV);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const interview = await call('interviews.start', { candidateName: 'Replay', guideId: 'test-guide' });
    const typedAt = env.now;
    await area().set({
      [`${JOURNAL_PREFIX}note:n9`]: { name: 'notes.upsert', input: { id: 'n9', interviewId: interview.id, text: 'last words before the reload', stampEarlierMs: 0 }, at: typedAt },
      [`${JOURNAL_PREFIX}q:x`]: { name: 'questions.upsert', input: { interviewId: interview.id, questionId: 'q-intro', patch: { rating: 'yes' } }, at: typedAt },
      [`${JOURNAL_PREFIX}bad`]: { name: 'notes.upsert', input: { id: 'n10' }, at: typedAt },
      unrelated: { keep: true },
    });
    env.advance(30_000);
    const applied = await replayJournal(area(), (name, input) => dispatch(name, input, { id: 'self-id', url: 'chrome-extension://self-id/panel.html' }, env.handlers, ENV), () => env.now);
    expect(applied).toBe(2);
    const note = await env.db.notes.get('n9');
    expect(note).toMatchObject({ text: 'last words before the reload', createdAt: typedAt });
    expect((await env.db.questionStates.toArray())[0]).toMatchObject({ rating: 'yes' });
    expect(await readJournal(area())).toEqual([]); // applied and invalid entries are gone
    expect(await area().get('unrelated')).toEqual({ unrelated: { keep: true } });
  });

  it("keeps two interviews' pending writes to the same question apart: neither replaces or removes the other's", async () => {
    vi.useFakeTimers();
    const queue = createSaveQueue({ debounceMs: 300, journal: createJournal(area()) });
    const write = (interviewId: string, note: string, send: () => Promise<void>) =>
      queue.schedule({
        key: { interviewId, field: { kind: 'question', id: 'q-intro', field: 'note' } },
        send,
        message: writeMessage('questions.upsert', { interviewId, questionId: 'q-intro', patch: { note } }),
      });
    let releaseA!: () => void;
    write('interview-a', 'from tab A', () => new Promise<void>((resolve) => (releaseA = resolve)));
    write('interview-b', 'from tab B', () => new Promise<void>(() => undefined)); // cut off by a reload: never lands
    await vi.advanceTimersByTimeAsync(300);
    const notes = async () => (await readJournal(area())).map(([, e]) => (e.input as { patch: { note: string } }).patch.note).sort();
    expect(await notes()).toEqual(['from tab A', 'from tab B']);
    releaseA(); // A's write landed: only A's entry goes
    await vi.advanceTimersByTimeAsync(0);
    expect(await notes()).toEqual(['from tab B']);
    queue.dispose();
    vi.useRealTimers();
  });
});
