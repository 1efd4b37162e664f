import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { InterviewDatabase } from '../../lib/db/database';
import { connectionLost, storageError } from '../../lib/db/errors';
import { DatabaseReopener } from '../../lib/db/reopen';

/** A DOMException-shaped error as browsers give it (name and message only). */
function domError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('storageError classifies by the cause, not the outer name', () => {
  it('a quota error inside a transaction AbortError is quota-exceeded, with the cause as its text', () => {
    const quota = domError('QuotaExceededError', 'The current transaction exceeded its quota limitations.');
    const abort = new Dexie.AbortError('The transaction was aborted, so the request cannot be fulfilled.', quota);
    expect(storageError(abort)).toEqual({ code: 'quota-exceeded', message: 'QuotaExceededError: The current transaction exceeded its quota limitations.' });
  });

  it('a full disk named only in the text (Chromium backing store, Firefox device space) is quota-exceeded', () => {
    const chromium = new Dexie.OpenFailedError(domError('UnknownError', 'Encountered full disk while opening backing store for indexedDB.open.'));
    expect(storageError(chromium).code).toBe('quota-exceeded');
    const firefox = new Dexie.AbortError('aborted', domError('UnknownError', 'NS_ERROR_FILE_NO_DEVICE_SPACE'));
    expect(storageError(firefox).code).toBe('quota-exceeded');
    const bulk = new Dexie.BulkError('1 of 2 operations failed', [domError('QuotaExceededError', 'quota')]);
    expect(storageError(bulk).code).toBe('quota-exceeded');
  });

  it('a closed or unopenable database is storage-blocked; other failures storage-failed', () => {
    expect(storageError(new Dexie.DatabaseClosedError(new Dexie.OpenFailedError(domError('UnknownError', 'Internal error'))))).toMatchObject({ code: 'storage-blocked' });
    expect(storageError(new Dexie.AbortError('aborted'))).toEqual({ code: 'storage-failed', message: 'AbortError: aborted' });
    expect(connectionLost(new Dexie.DatabaseClosedError())).toBe(true);
    expect(connectionLost(new Dexie.ConstraintError('key exists'))).toBe(false);
  });
});

/**
 * An IndexedDB whose opens fail, while `full` is set, the way Chromium's do on a full disk: the open request's
 * error event with "UnknownError: Encountered full disk while opening backing store".
 */
function diskFactory() {
  const real = new IDBFactory();
  const disk = { full: false, opens: 0 };
  const factory = new Proxy(real, {
    get(target, prop) {
      if (prop === 'open') {
        return (name: string, version?: number) => {
          disk.opens++;
          if (!disk.full) return target.open(name, version);
          const request: Record<string, unknown> = {};
          const error = domError('UnknownError', 'Encountered full disk while opening backing store for indexedDB.open.');
          setTimeout(() => (request.onerror as (e: unknown) => void)?.({ target: { error }, preventDefault() {}, stopPropagation() {} }), 0);
          return request;
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { factory: factory as unknown as IDBFactory, disk };
}

describe('DatabaseReopener', () => {
  it('after the connection is lost on a full disk, saves resume once space is back (no worker restart)', async () => {
    const { factory, disk } = diskFactory();
    const db = new InterviewDatabase('reopen-test', { indexedDB: factory, IDBKeyRange });
    const timers: (() => void)[] = [];
    const delays: number[] = [];
    let reopened = 0;
    const reopener = new DatabaseReopener(db, {
      setTimeout: (handler, ms) => {
        timers.push(handler);
        delays.push(ms);
        return timers.length;
      },
      clearTimeout: () => undefined,
      onReopened: () => reopened++,
    });
    const save = (id: string) => db.customGuides.put({ id, updatedAt: 1 } as never);
    const saveNoticed = async (id: string) => {
      try {
        await save(id);
        return 'saved';
      } catch (error) {
        reopener.notice(error);
        return `${storageError(error).code} (${(error as Error).name})`;
      }
    };
    const runTimer = async () => {
      timers.shift()!();
      // Let the open request's events run.
      await new Promise((resolve) => setTimeout(resolve, 20));
    };

    expect(await saveNoticed('before')).toBe('saved');
    // The disk fills and the browser closes the connection (Dexie reacts to its close event this way).
    disk.full = true;
    db.close({ disableAutoOpen: false });
    expect(await saveNoticed('full-1')).toMatch(/^quota-exceeded /);
    // Without a reopen Dexie keeps answering DatabaseClosedError (the full disk inside), whatever the disk does.
    expect(await saveNoticed('full-2')).toBe('quota-exceeded (DatabaseClosedError)');
    expect(timers).toHaveLength(1);
    await runTimer(); // still full: tries again later, waiting longer
    expect(timers).toHaveLength(1);
    disk.full = false;
    await runTimer();
    expect(reopened).toBe(1);
    expect(reopener.attempts).toBe(0);
    expect(await saveNoticed('after')).toBe('saved');
    expect(delays[1]).toBeGreaterThan(delays[0]!);
    expect((await db.customGuides.toArray()).map((g) => g.id).sort()).toEqual(['after', 'before']);
    reopener.dispose();
    db.close();
  });

  it('ignores failures that did not lose the connection', () => {
    let scheduled = 0;
    const reopener = new DatabaseReopener({ open: async () => undefined, close: () => undefined }, { setTimeout: () => ++scheduled });
    reopener.notice(new Dexie.ConstraintError('exists'));
    reopener.notice(domError('QuotaExceededError', 'quota'));
    expect(scheduled).toBe(0);
    reopener.notice(new Dexie.DatabaseClosedError());
    reopener.notice(new Dexie.DatabaseClosedError());
    expect(scheduled).toBe(1);
  });
});
