import { browser } from 'wxt/browser';

/**
 * The messages of @webext-core/messaging (`{ id, type, data, timestamp }`, answered `{ res }` or `{ err }`), spoken by
 * the call-detection script without the library: every call tab parses this script (bench `sizes`).
 */
let nextId = Math.floor(Math.random() * 1e4);

/** Sends a protocol message to the background. @throws the transport's error, or the error the handler answered. */
export async function sendToBackground(type: string, data: unknown): Promise<unknown> {
  const answer = (await browser.runtime.sendMessage({ id: nextId++, type, data, timestamp: Date.now() })) as { res?: unknown; err?: { name?: string; message?: string } } | undefined;
  if (answer == null) throw new Error('No response');
  if (answer.err != null) throw Object.assign(new Error(answer.err.message), { name: answer.err.name ?? 'Error' });
  return answer.res;
}

/** Answers the content protocol's messages with `handlers` (by type). @returns the remover. */
export function onContentMessages(handlers: Record<string, (data: never) => unknown>): () => void {
  const listener = (message: { type?: unknown; timestamp?: unknown; data?: unknown }, _sender: unknown, respond: (answer: unknown) => void) => {
    const handler = typeof message?.type === 'string' && typeof message.timestamp === 'number' ? handlers[message.type] : undefined;
    if (!handler) return undefined;
    new Promise((resolve) => resolve(handler(message.data as never))).then(
      (res) => respond({ res }),
      (error: Error) => respond({ err: { name: error?.name, message: error?.message ?? String(error), stack: error?.stack ?? '' } }),
    );
    return true;
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}
