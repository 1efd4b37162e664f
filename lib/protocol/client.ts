import { messenger } from './messenger';
import type { MessageInput, MessageName, MessageOutput } from './protocol';
import { callVia, type CallOptions } from './retry';

export type { CallOptions } from './retry';

/** A caller of the protocol without transport options: `call` fits, tests pass fakes (views' stores take one). */
export type ProtocolCaller = <K extends MessageName>(name: K, input: MessageInput<K>) => Promise<MessageOutput<K>>;

/**
 * Calls the background through the protocol (@webext-core/messaging).
 * Retries sends that fail while the worker restarts (with backoff, up to `retryForMs`), never drops them.
 * @returns the handler's answer.
 * @throws ApiCallError with the background's typed error, or code `unavailable` when it stayed unreachable.
 */
export function call<K extends MessageName>(name: K, input: MessageInput<K>, options: CallOptions = {}): Promise<MessageOutput<K>> {
  return callVia((n, i) => messenger.sendMessage(n, i as never), name, input, options);
}
