import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { replayJournal } from '../../lib/background/journal-replay';
import { dispatch } from '../../lib/background/router';
import { createJournal, readJournal, JOURNAL_PREFIX } from '../../lib/client/journal';
import { createSaveQueue } from '../../lib/client/save-queue';
import { ENV, makeServices, popupSender } from './support/services';

const area = () => fakeBrowser.storage.local;

describe('crash journal', () => {
  it('records a queued write the moment it is typed and forgets it once committed', async () => {
    vi.useFakeTimers();
    const queue = createSaveQueue({ debounceMs: 300, journal: createJournal(area()) });
    let fail = true;
    queue.schedule('note:n1', async () => {
      if (fail) throw new Error('Could not establish connection');
    }, { name: 'notes.upsert', input: { id: 'n1', interviewId: 'i', text: 'typed' }, at: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect((await readJournal(area())).map(([k]) => k)).toEqual([`${JOURNAL_PREFIX}note:n1`]);
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
});
