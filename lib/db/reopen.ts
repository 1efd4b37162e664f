import { connectionLost } from './errors';

/** Waits between reopen attempts, in ms; the last repeats until one succeeds. */
export const REOPEN_DELAYS_MS: readonly number[] = [250, 500, 1000, 2000, 4000];

/** The part of a Dexie database the reopener uses. */
export interface Reopenable {
  open(): Promise<unknown>;
  close(options?: { disableAutoOpen: boolean }): void;
}

export interface ReopenerOptions {
  delaysMs?: readonly number[];
  setTimeout?: (handler: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /** Called after a reopen succeeded (e.g. to tell the views that saves work again). */
  onReopened?: () => void;
}

/**
 * Brings the database back after its connection was lost (issue 17, item 3). After a failed open (a full disk:
 * "OpenFailedError … backing store") Dexie answers every later call with `DatabaseClosedError` until `open()` is
 * called again, so saves kept failing until the worker restarted, which the panel's retries prevented. Each failure
 * reported with {@link DatabaseReopener.notice} that lost the connection schedules one reopen (close, then open) with
 * backoff ({@link REOPEN_DELAYS_MS}); attempts continue until one succeeds, so saves resume within a few seconds of
 * space coming back. Other failures are ignored.
 */
export class DatabaseReopener {
  private attempt = 0;
  private timer: unknown = null;
  private running = false;
  private disposed = false;
  private readonly delays: readonly number[];
  private readonly schedule: (handler: () => void, ms: number) => unknown;
  private readonly cancel: (handle: unknown) => void;

  constructor(
    private readonly db: Reopenable,
    private readonly options: ReopenerOptions = {},
  ) {
    this.delays = options.delaysMs ?? REOPEN_DELAYS_MS;
    this.schedule = options.setTimeout ?? ((handler, ms) => setTimeout(handler, ms));
    this.cancel = options.clearTimeout ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  /** Reopen attempts made since the last success. */
  get attempts(): number {
    return this.attempt;
  }

  /** Looks at a failed database call; schedules a reopen when it lost the connection and none is pending. */
  notice(error: unknown): void {
    if (this.disposed || this.timer !== null || this.running || !connectionLost(error)) return;
    this.arm();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) this.cancel(this.timer);
    this.timer = null;
  }

  private arm(): void {
    const delay = this.delays[Math.min(this.attempt, this.delays.length - 1)] ?? 1000;
    this.timer = this.schedule(() => {
      this.timer = null;
      void this.reopen();
    }, delay);
  }

  private async reopen(): Promise<void> {
    if (this.disposed) return;
    this.running = true;
    this.attempt++;
    try {
      // Closing without disabling auto-open clears Dexie's remembered open error.
      this.db.close({ disableAutoOpen: false });
      await this.db.open();
      this.attempt = 0;
      this.options.onReopened?.();
    } catch {
      if (!this.disposed) this.arm();
    } finally {
      this.running = false;
    }
  }
}
