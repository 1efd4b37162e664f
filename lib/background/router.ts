import { messenger } from '../protocol/messenger';
import { protocol, type MessageName, type MessageOutput, type ParsedInput } from '../protocol/protocol';
import type { ApiError, ApiResult } from '../protocol/result';
import { classifySender, type SenderKind, type SenderLike } from '../protocol/sender';
import { formatIssues } from '../format';

/** What a handler knows about the call besides its validated input. */
export interface HandlerContext {
  sender: SenderLike;
  senderKind: SenderKind;
  /** The sender's tab (content script or framed panel), else null. */
  tabId: number | null;
  frameId: number | null;
}

export type Handler<K extends MessageName> = (
  input: ParsedInput<K>,
  ctx: HandlerContext,
) => MessageOutput<K> | Promise<MessageOutput<K>>;

/** One small handler per protocol message. */
export type Handlers = { [K in MessageName]: Handler<K> };

/** Thrown by handlers to answer with a specific typed error. */
export class HandlerError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'HandlerError';
  }
}

/** Maps anything a handler threw to a typed protocol error, keeping the original text. */
export type ErrorMapper = (error: unknown) => ApiError;

const defaultMapper: ErrorMapper = (error) => {
  if (error instanceof HandlerError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'internal', message };
};

export interface RouterEnv {
  runtimeId: string;
  extensionOrigin: string;
  mapError?: ErrorMapper;
}

/**
 * Checks the sender, validates the payload and runs the handler.
 * Never throws: every failure becomes `{ ok: false, error }`.
 */
export async function dispatch<K extends MessageName>(
  name: K,
  data: unknown,
  sender: SenderLike,
  handlers: Handlers,
  env: RouterEnv,
): Promise<ApiResult<MessageOutput<K>>> {
  const def = protocol[name];
  const senderKind = classifySender(sender, env.runtimeId, env.extensionOrigin);
  if (!senderKind || (senderKind === 'content-script' && !def.fromContentScript)) {
    return { ok: false, error: { code: 'forbidden', message: `Sender not allowed for "${name}"` } };
  }
  const parsed = def.input.safeParse(data);
  if (!parsed.success) {
    const issues = formatIssues(parsed.error.issues);
    return { ok: false, error: { code: 'invalid-input', message: `Invalid "${name}" payload`, issues } };
  }
  const ctx: HandlerContext = {
    sender,
    senderKind,
    tabId: sender.tab?.id ?? null,
    frameId: sender.frameId ?? null,
  };
  try {
    const handler = handlers[name] as Handler<K>;
    const value = await handler(parsed.data as ParsedInput<K>, ctx);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: (env.mapError ?? defaultMapper)(error) };
  }
}

/** Registers one listener per protocol message on the background's messenger. */
export function registerHandlers(handlers: Handlers, env: RouterEnv): () => void {
  const removers = (Object.keys(protocol) as MessageName[]).map((name) =>
    messenger.onMessage(name, ({ data, sender }) => dispatch(name, data, sender, handlers, env) as never),
  );
  return () => removers.forEach((remove) => remove());
}
