import { defineExtensionMessaging } from '@webext-core/messaging';
import type { MessageName, MessageOutput } from './protocol';
import type { ApiResult } from './result';

/**
 * The wire shape: every message carries an unvalidated payload (the background validates it with the
 * protocol's Zod schema) and answers with an `ApiResult`.
 */
export type WireProtocol = {
  [K in MessageName]: (data: unknown) => ApiResult<MessageOutput<K>>;
};

export const messenger = defineExtensionMessaging<WireProtocol>();
