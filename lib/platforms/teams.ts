import { anyMatches, frameDocuments } from './dom';
import type { PlatformAdapter, SignalState, UrlVerdict } from './types';

/**
 * Microsoft Teams web. Source: shared/docs/platforms.md.
 * - Hosts `teams.microsoft.com`, `teams.live.com` (personal accounts), `teams.cloud.microsoft` (newer), and the US
 *   government clouds' web clients `gov.teams.microsoft.us` (GCC High) and `dod.teams.microsoft.us` (DoD), which are
 *   the same app with the same routes.
 * - A single-page app: meetings open by client-side navigation, often in the hash
 *   (`/_#/l/meetup-join/<thread>`, `/v2/#/l/meetup-join/…`, `/_#/pre-join-calling/<thread>`, `/meet/<id>`).
 *   Every other Teams page is the app, which can host a call without a meeting URL ("Meet now", calls from
 *   a chat): there the panel appears only when the DOM shows a call.
 * - Pre-join: `#prejoin-join-button`. In call: `#call-duration-custom`, `[data-tid='call-status-container-test-id']`.
 *   The leave button `#hangup-button` is drawn in the call and also in the meeting lobby ("Someone in the meeting
 *   should let you in soon"), which has no call duration: alone it means waiting to be let in, so the timer starts
 *   only once the call shows its duration. Covered by `tests/fixtures/pages/teams/lobby.html`. The new client renders parts of its UI in same-origin
 *   iframes, whose documents are read too.
 */
export const TEAMS_HOSTS = [
  'teams.microsoft.com',
  'teams.live.com',
  'teams.cloud.microsoft',
  'gov.teams.microsoft.us',
  'dod.teams.microsoft.us',
] as const;

const MEETING_ROUTES = [/\/l\/meetup-join\/([^/?#]+)/, /\/pre-join-calling\/([^/?#]+)/, /\/meet\/(\d{6,})/];

/** Every Teams selector, in one place. */
export const TEAMS_SIGNALS = {
  /** Frames whose same-origin documents may hold the call UI. */
  frames: 'iframe',
  /** Shown only once admitted: the call's duration and status. */
  inCall: "#call-duration-custom, [data-tid='call-status-container-test-id']",
  /** Pre-join screen, or the leave button alone (the lobby, waiting to be let in). */
  lobby: "#prejoin-join-button, [data-tid='prejoin-join-button'], #hangup-button",
} as const;

/**
 * Teams' live captions (shared/docs/captions.md): a wrapper, its virtual list, and one item per utterance holding
 * the author and the text. Items leave the DOM as the list scrolls and are reused.
 */
export const TEAMS_CAPTIONS = {
  area: '[data-tid="closed-caption-v2-window-wrapper"]',
  list: '[data-tid="closed-caption-v2-virtual-list-content"]',
  author: '[data-tid="author"]',
  text: '[data-tid="closed-caption-text"]',
} as const;

/** Whether `hostname` is one of Teams' web hosts. */
export function isTeamsHost(hostname: string): boolean {
  return (TEAMS_HOSTS as readonly string[]).includes(hostname);
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export const teamsAdapter: PlatformAdapter = {
  platform: 'teams',
  // Teams web puts its meeting controls (leave, camera, microphone, chat, people) in a bar along the top of the
  // meeting stage, about 56 px tall; the panel starts below it.
  topControlsHeight: 60,
  matchesHost: isTeamsHost,
  classifyUrl(url): UrlVerdict {
    if (url.protocol !== 'https:' || !isTeamsHost(url.hostname)) return { kind: 'none' };
    const route = `${url.pathname}${url.hash}`;
    for (const pattern of MEETING_ROUTES) {
      const id = pattern.exec(route)?.[1];
      if (id) return { kind: 'meeting', meetingId: decode(id) };
    }
    return { kind: 'app' };
  },
  readSignals(doc): SignalState | null {
    const docs = frameDocuments(doc, TEAMS_SIGNALS.frames);
    if (anyMatches(docs, TEAMS_SIGNALS.inCall)) return 'in-call';
    if (anyMatches(docs, TEAMS_SIGNALS.lobby)) return 'lobby';
    return null;
  },
};
