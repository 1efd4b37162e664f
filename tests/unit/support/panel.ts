import { dispatch } from '../../../lib/background/router';
import type { SaveQueue } from '../../../lib/client/save-queue';
import type { MessageInput, MessageName, MessageOutput } from '../../../lib/protocol/protocol';
import { ApiCallError } from '../../../lib/protocol/result';
import { createPanelStore, type PanelDeps } from '../../../stores/panel';
import { ENV, meetContentSender, panelSender, type makeServices } from './services';

/** The background of a unit test (`makeServices`). */
type Services = ReturnType<typeof makeServices>;
/** Who sends a message (a tab's frame, an extension page). */
type Sender = Parameters<typeof dispatch>[2];

/**
 * A protocol caller that goes straight to the handlers of `env`, as `sender` (the panel framed in tab 7 unless
 * told), throwing an `ApiCallError` for a failed answer as the real client does. `onCall` sees each call first
 * (to record it, or to throw and fail it).
 */
export function handlerCaller(env: Services, { sender = panelSender(7), onCall }: { sender?: Sender; onCall?: (name: MessageName, input: unknown) => void } = {}) {
  return async <K extends MessageName>(name: K, input: MessageInput<K>): Promise<MessageOutput<K>> => {
    onCall?.(name, input);
    const result = await dispatch(name, input, sender, env.handlers, ENV);
    if (!result.ok) throw new ApiCallError(result.error);
    return result.value;
  };
}

let ids = 0;

/**
 * A panel store as a panel creates it, over fakes: `call`, the test clock of `env`, client ids `client-N`, notes
 * dated 5 s earlier on request, a side panel that opens, a panel mode that saves; `deps` replaces any of them.
 */
export function panelStoreOver(env: Services, call: ReturnType<typeof handlerCaller>, deps: Partial<PanelDeps> & { queue: SaveQueue }) {
  return createPanelStore({
    call: call as never,
    now: () => env.now,
    newId: () => `client-${++ids}`,
    stampEarlierSeconds: () => 5,
    openSidePanel: async () => true,
    savePanelMode: async () => null,
    ...deps,
  });
}

/** The content script of tab `tabId` reports a Meet call in progress on `meetingId`. */
export function reportMeetCall(env: Services, tabId = 7, meetingId = 'abc-defg-hij') {
  return dispatch('calls.report', { platform: 'meet', state: 'in-call', meetingId, url: `https://meet.google.com/${meetingId}` }, meetContentSender(tabId), env.handlers, ENV);
}
