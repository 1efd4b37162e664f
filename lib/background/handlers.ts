import { HandlerError, type Handlers } from './router';

const notYet = () => {
  throw new HandlerError('internal', 'not implemented yet');
};

/** Builds the background's handler map. Dependencies are passed in so that tests can use fakes. */
export function createHandlers(deps: { now: () => number }): Handlers {
  return {
    ping: (input, ctx) => ({ pong: true, from: input.from, at: deps.now(), tabId: ctx.tabId }),
    'guides.list': notYet,
    'guides.get': notYet,
    'guides.save': notYet,
    'guides.delete': notYet,
    'calls.report': notYet,
    'session.get': notYet,
    'panel.command': notYet,
    'diagnostics.get': notYet,
    'interviews.start': notYet,
    'interviews.update': notYet,
    'interviews.end': notYet,
    'interviews.get': notYet,
    'interviews.list': notYet,
    'interviews.recent': notYet,
    'interviews.delete': notYet,
    'notes.upsert': notYet,
    'notes.delete': notYet,
    'questions.upsert': notYet,
    'redFlags.upsert': notYet,
    'criteria.upsert': notYet,
    'data.export': notYet,
    'data.import': notYet,
    'data.storage': notYet,
    'data.wipe': notYet,
    'data.retention': notYet,
  };
}
