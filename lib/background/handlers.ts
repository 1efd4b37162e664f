import { storageError } from '../db/errors';
import { ReadOnlyInterviewError, RecordNotFoundError } from '../db/repository';
import type { ApiError } from '../protocol/result';
import { backupHandlers } from './handlers/backup';
import { callHandlers } from './handlers/calls';
import { dataHandlers } from './handlers/data';
import { guideHandlers } from './handlers/guides';
import { interviewHandlers } from './handlers/interviews';
import { settingsHandlers } from './handlers/settings';
import { suggestHandlers } from './handlers/suggest';
import { syncHandlers } from './handlers/sync';
import { transcriptHandlers } from './handlers/transcript';
import { HandlerError, type Handlers } from './router';
import type { BackgroundServices } from './services';

/** Builds the background's handler map from its services: one small handler per protocol message. */
export function createHandlers(s: BackgroundServices): Handlers {
  return {
    ping: (input, ctx) => ({ pong: true, from: input.from, at: s.now(), tabId: ctx.tabId }),
    ...guideHandlers(s),
    ...callHandlers(s),
    ...interviewHandlers(s),
    ...dataHandlers(s),
    ...backupHandlers(s),
    ...transcriptHandlers(s),
    ...suggestHandlers(s),
    ...syncHandlers(s),
    ...settingsHandlers(s),
  };
}

/**
 * Maps what a handler threw to a typed protocol error: handler and not-found errors keep their code, anything
 * else is a storage failure whose original text reaches the interviewer.
 */
export function mapHandlerError(error: unknown): ApiError {
  if (error instanceof HandlerError) return { code: error.code, message: error.message };
  if (error instanceof RecordNotFoundError) return { code: 'not-found', message: error.message };
  if (error instanceof ReadOnlyInterviewError) return { code: 'forbidden', message: error.message };
  return storageError(error);
}
