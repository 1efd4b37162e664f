import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSaveQueue } from '../../lib/client/save-queue';
import { ApiCallError } from '../../lib/protocol/result';

describe('save queue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('coalesces typing per key and sends the latest text within the debounce', async () => {
    const sent: string[] = [];
    const queue = createSaveQueue({ debounceMs: 300 });
    for (const text of ['H', 'He', 'Hel', 'Hello']) {
      queue.schedule('note-1', async () => void sent.push(text));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toEqual(['Hello']);
    expect(queue.status('note-1')?.state).toBe('saved');
  });

  it('flush sends everything at once without waiting for the debounce', async () => {
    const sent: string[] = [];
    const queue = createSaveQueue({ debounceMs: 300 });
    queue.schedule('a', async () => void sent.push('a'));
    queue.schedule('b', async () => void sent.push('b'));
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
    queue.schedule('note', async () => {
      if (failures-- > 0) throw new ApiCallError({ code: 'quota-exceeded', message: 'QuotaExceededError: disk full' });
      sent.push('ok');
    });
    await vi.advanceTimersByTimeAsync(20);
    expect(queue.status('note')).toMatchObject({ state: 'error', code: 'quota-exceeded', error: 'QuotaExceededError: disk full' });
    expect(queue.pendingKeys()).toEqual(['note']);
    await vi.advanceTimersByTimeAsync(2100);
    expect(sent).toEqual(['ok']);
    expect(queue.status('note')?.state).toBe('saved');
    expect(statuses).toContain('error');
  });

  it('never sends two writes for one key at the same time, and the newest wins', async () => {
    const order: string[] = [];
    let release!: () => void;
    const queue = createSaveQueue({ debounceMs: 0 });
    queue.schedule('k', () => new Promise<void>((resolve) => { order.push('first-start'); release = () => { order.push('first-end'); resolve(); }; }));
    await vi.advanceTimersByTimeAsync(1);
    queue.schedule('k', async () => void order.push('second'));
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual(['first-start']);
    release();
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual(['first-start', 'first-end', 'second']);
  });
});
