import type { MessageInput, MessageName, MessageOutput } from './protocol';
import { ApiCallError, type ApiResult } from './result';

/** Transport errors seen while the service worker restarts or the extension reloads; worth retrying. */
const TRANSIENT = /Could not establish connection|Receiving end does not exist|message port closed|message channel closed|Extension context invalidated|disconnected port|No matching message handler/i;

export interface CallOptions {
  /** Total time to keep retrying a failed send, in milliseconds. Default 10 000. */
  retryForMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls the background through the protocol over `send` (the messenger's, or the call-detection script's own).
 * Retries sends that fail while the worker restarts (with backoff, up to `retryForMs`), never drops them.
 * @returns the handler's answer.
 * @throws ApiCallError with the background's typed error, or code `unavailable` when it stayed unreachable.
 */
export async function callVia<K extends MessageName>(
  send: (name: K, input: unknown) => Promise<unknown>,
  name: K,
  input: MessageInput<K>,
  options: CallOptions = {},
): Promise<MessageOutput<K>> {
  const deadline = Date.now() + (options.retryForMs ?? 10_000);
  let delay = 50;
  for (;;) {
    try {
      const result = (await send(name, input)) as ApiResult<MessageOutput<K>> | undefined | null;
      if (result === undefined || result === null) throw new Error('No matching message handler');
      if (result.ok) return result.value;
      throw new ApiCallError(result.error);
    } catch (error) {
      if (error instanceof ApiCallError) throw error;
      const text = error instanceof Error ? error.message : String(error);
      if (!TRANSIENT.test(text) || Date.now() + delay > deadline) {
        throw new ApiCallError({ code: 'unavailable', message: text });
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 1000);
    }
  }
}
