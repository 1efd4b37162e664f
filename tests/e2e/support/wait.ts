/**
 * Waiting helpers for the Firefox specs, which drive Firefox through puppeteer-core (WebDriver BiDi) and so have no
 * auto-waiting locators: they poll. The timeouts are limits on waiting, never assertions about speed.
 */

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `read` until `ok` accepts its value (default: any truthy value), and returns that value. A `read` that throws
 * counts as not yet. @throws Error naming `what` and the last value read, after `timeoutMs` (20 s by default).
 */
export async function waitFor<T>(
  read: () => Promise<T>,
  what: string,
  { ok = (value: T) => Boolean(value), timeoutMs = 20_000, everyMs = 100 }: { ok?: (value: T) => boolean; timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(value)})`);
    await sleep(everyMs);
  }
}
