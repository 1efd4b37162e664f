import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../lib/background/router';
import { createSaveQueue } from '../../lib/client/save-queue';
import { ApiCallError } from '../../lib/protocol/result';
import { MAX_TEXT_CHARS } from '../../lib/protocol/protocol';
import { ENV, makeServices, panelSender } from './support/services';

/** Text of any size (issue 17, item 5): a 150,000-character paste used to fail "Invalid notes.upsert payload" forever. */
describe('free text of any size', () => {
  it('notes, question, criterion and red-flag notes and the summary take 150,000 characters and store them whole', async () => {
    const env = makeServices();
    const call = async (name: string, input: unknown) => {
      const result = await dispatch(name as never, input as never, panelSender(), env.handlers, ENV);
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      return result.value as { id: string; text?: string; note?: string; summary?: string };
    };
    const big = 'x'.repeat(149_999) + '!';
    const interview = await call('interviews.start', { candidateName: 'Paste Candidate', guideId: 'test-guide', stageId: 'screen' });
    const note = await call('notes.upsert', { id: 'n-big', interviewId: interview.id, text: big });
    expect(note.text).toBe(big);
    expect((await call('questions.upsert', { interviewId: interview.id, questionId: 'q-intro', patch: { note: big } })).note).toBe(big);
    expect((await call('criteria.upsert', { interviewId: interview.id, criterionId: 'clarity', patch: { note: big } })).note).toBe(big);
    expect((await call('redFlags.upsert', { interviewId: interview.id, redFlagId: 'rf-blame', patch: { note: big } })).note).toBe(big);
    expect((await call('interviews.update', { id: interview.id, patch: { summary: big } })).summary).toBe(big);
    // Past the stated limit the background answers invalid-input with the path (never a silent cut).
    const tooBig = await dispatch('notes.upsert', { id: 'n-2', interviewId: interview.id, text: 'y'.repeat(MAX_TEXT_CHARS + 1) } as never, panelSender(), env.handlers, ENV);
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

describe('the save queue does not retry what cannot succeed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('an invalid-input refusal stays as an error (text kept) without retries, until a newer write replaces it', async () => {
    const queue = createSaveQueue({ debounceMs: 10, retryMs: 1000 });
    const key = { interviewId: 'iv', field: { kind: 'note' as const, id: 'n' } };
    let sends = 0;
    queue.schedule({ key, send: async () => {
      sends++;
      throw new ApiCallError({ code: 'invalid-input', message: 'Invalid notes.upsert payload', issues: ['text: too long'] });
    } });
    await vi.advanceTimersByTimeAsync(20);
    expect(queue.status(key)).toMatchObject({ state: 'error', code: 'invalid-input' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sends).toBe(1);
    expect(queue.pendingKeys()).toEqual([key]);
    queue.schedule({ key, send: async () => void sends++ });
    await vi.advanceTimersByTimeAsync(20);
    expect(sends).toBe(2);
    expect(queue.status(key)?.state).toBe('saved');
  });
});
