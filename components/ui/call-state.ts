import type { CallState } from '../../lib/db/records';
import { labelMap } from '../../lib/labels';

/** The translated name of a call state, as the panel and the options page's detection log show it. */
export const callStateLabel = labelMap<CallState>({
  none: 'panel.call.none',
  lobby: 'panel.call.lobby',
  'in-call': 'panel.call.inCall',
  left: 'panel.call.left',
  unknown: 'panel.call.unknown',
});
