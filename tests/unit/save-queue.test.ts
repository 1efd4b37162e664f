import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSaveQueue } from '../../lib/client/save-queue';
import type { WriteKey } from '../../lib/client/writes';
import { ApiCallError } from '../../lib/protocol/result';

/** The key of a note's text in interview `i1`. */
const note = (id: string, interviewId = 'i1'): WriteKey => ({ interviewId, field: { kind: 'note', id } });

describe('save queue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('coalesces typing per key and sends the latest text within the debounce', async () => {
    const sent: string[] = [];
    const queue = createSaveQueue({ debounceMs: 300 });
    for (const text of ['H', 'He', 'Hel', 'Hello']) {
      queue.schedule({ key: note('note-1'), send: async () => void sent.push(text) });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toEqual(['Hello']);
    expect(queue.status(note('note-1'))?.state).toBe('saved');
  });

  it('flush sends everything at once without waiting for the debounce', async () => {
    const sent: string[] = [];
    const queue = createSaveQueue({ debounceMs: 300 });
    queue.schedule({ key: note('a'), send: async () => void sent.push('a') });
    queue.schedule({ key: note('b'), send: async () => void sent.push('b') });
    await queue.flush();
    expect(sent.sort()).toEqual(['a', 'b']);
    expect(queue.pendingKeys()).toEqual([]);
  });

  it('keeps a failed write, reports the error text, and retries until it lands', async () => {
    let failures = 2;
    const sent: string[] = [];
    const queue = createSaveQueue({ debounceMs: 10, retryMs: 1000 });
    const statuses: string[] = [];
    queue.subscribe((_key, status) => statuses.push(status.state));
    queue.schedule({ key: note('note'), send: async () => {
      if (failures-- > 0) throw new ApiCallError({ code: 'quota-exceeded', message: 'QuotaExceededError: disk full' });
      sent.push('ok');
    } });
    await vi.advanceTimersByTimeAsync(20);
    expect(queue.status(note('note'))).toMatchObject({ state: 'error', code: 'quota-exceeded', error: 'QuotaExceededError: disk full' });
    expect(queue.pendingKeys()).toEqual([note('note')]);
    await vi.advanceTimersByTimeAsync(2100);
    expect(sent).toEqual(['ok']);
    expect(queue.status(note('note'))?.state).toBe('saved');
    expect(statuses).toContain('error');
  });

  it('never sends two writes for one key at the same time, and the newest wins', async () => {
    const order: string[] = [];
    let release!: () => void;
    const queue = createSaveQueue({ debounceMs: 0 });
    queue.schedule({ key: note('k'), send: () => new Promise<void>((resolve) => { order.push('first-start'); release = () => { order.push('first-end'); resolve(); }; }) });
    await vi.advanceTimersByTimeAsync(1);
    queue.schedule({ key: note('k'), send: async () => void order.push('second') });
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual(['first-start']);
    release();
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual(['first-start', 'first-end', 'second']);
  });

  it('keeps writes of the same field of two interviews apart: both are sent, neither replaces the other', async () => {
    const sent: string[] = [];
    const queue = createSaveQueue({ debounceMs: 300 });
    queue.schedule({ key: note('n1', 'interview-a'), send: async () => void sent.push('a') });
    queue.schedule({ key: note('n1', 'interview-b'), send: async () => void sent.push('b') });
    await vi.advanceTimersByTimeAsync(300);
    expect(sent.sort()).toEqual(['a', 'b']);
  });

  it('sends a write that kept changing for maxWaitMs without waiting for a pause', async () => {
    const sent: string[] = [];
    let now = 0;
    const queue = createSaveQueue({ debounceMs: 300, maxWaitMs: 700, now: () => now });
    for (const text of ['a', 'ab', 'abc', 'abcd', 'abcde']) {
      now += 200;
      queue.schedule({ key: note('n1'), send: async () => void sent.push(text) });
      await vi.advanceTimersByTimeAsync(200);
    }
    // Changes every 200 ms never leave a 300 ms pause; the fifth came 800 ms (over 700) after the first.
    expect(sent).toEqual(['abcde']);
  });
});
