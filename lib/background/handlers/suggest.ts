import { HandlerError, type Handlers } from '../router';
import type { BackgroundServices } from '../services';

type SuggestHandlers = Pick<Handlers, 'suggest.get' | 'suggest.undo'>;

/** The live suggestions (issue 15): read them, undo an automatic mark. */
export function suggestHandlers(s: BackgroundServices): SuggestHandlers {
  const service = () => {
    if (!s.suggest) throw new HandlerError('unavailable', 'Live suggestions are not running');
    return s.suggest;
  };
  return {
    'suggest.get': async ({ interviewId }) => {
      await s.repo.getInterview(interviewId);
      return { view: await service().view(interviewId) };
    },
    'suggest.undo': async ({ interviewId, questionId }) => ({ undone: await service().undo(interviewId, questionId) }),
  };
}
