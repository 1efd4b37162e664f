import { anyMatches, hasIcon, parseUrl } from './dom';
import type { PlatformAdapter, SignalState, UrlVerdict } from './types';

/**
 * Google Meet. Source: shared/docs/platforms.md.
 * - A meeting is `/<xxx>-<xxxx>-<xxx>` (lowercase letters) on meet.google.com, with an optional query.
 *   `/`, `/landing`, `/lookup/<name>` (a redirect) and other paths are not meetings.
 * - The green room and the call share the URL. The green room shows the microphone and camera toggles.
 * - Waiting to be admitted looks like a call: a guest who asked to join already sees the leave control
 *   (`call_end`) and chat, and a host-managed lobby ("Please wait until a meeting host brings you into the
 *   call") draws microphone, camera and leave. Only an admitted call has participant tiles: elements with a
 *   participant id (`data-participant-id`) holding a media slot (`video`). So the leave icon without tiles is
 *   `lobby` ("Waiting to join"), and `in-call` (which starts the timer) needs both. Covered by
 *   `tests/fixtures/pages/meet/asking-to-join.html` and `host-lobby.html`.
 * - Icons are Material Symbols ligatures, drawn with `.google-symbols` or the public Material Symbols classes
 *   (`material-symbols-outlined`, `-rounded`, `-sharp`).
 * - After leaving, Meet shows its "you left" screen on the same URL: the state machine infers `left` when
 *   the lobby/call signals disappear there.
 * - Presenting: the control bar's present button shows the `present_to_all` icon while nobody here presents;
 *   while the interviewer presents, Meet's controls offer to stop it, drawn with the Material Symbols
 *   `cancel_presentation` (present button, "Stop presenting") or `stop_screen_share` icons. Icon ligatures,
 *   not labels, so every UI language matches. Covered by `tests/fixtures/pages/meet/presenting.html`; these
 *   names come from the Material Symbols set Meet draws its controls with, and move with its redesigns.
 */
export const MEET_HOST = 'meet.google.com';

const MEETING_PATH = /^\/([a-z]{3}-[a-z]{4}-[a-z]{3})\/?$/;

/** Every Meet selector and icon name, in one place. */
export const MEET_SIGNALS = {
  /** Material Symbols icon elements; their text is the icon's ligature name. */
  icon: '.google-symbols, .material-symbols-outlined, .material-symbols-rounded, .material-symbols-sharp',
  /** The leave button's icon: shown in the call and while waiting to be let in. */
  inCallIcons: new Set(['call_end']),
  /** A participant tile with its media slot: only once admitted (the waiting screens have none). */
  participantTile: '[data-participant-id] video',
  /** Microphone and camera toggles: shown in the green room (and in the call, checked first). */
  deviceIcons: new Set(['mic', 'mic_off', 'mic_none', 'videocam', 'videocam_off']),
  /** Controls that stop this interviewer's presentation: shown only while presenting. */
  presentingIcons: new Set(['cancel_presentation', 'stop_screen_share']),
} as const;

/**
 * Meet's live captions (shared/docs/captions.md). The caption region exists whether captions are on or off; its
 * aria-label is translated, so the role and tabindex find it, with the caption classes seen in the wild as
 * fallbacks. One block per speaker turn: an avatar image, the speaker's name, then the text. The captions button
 * carries the `closed_caption` / `closed_caption_off` icon, and `aria-pressed` tells whether captions are on.
 */
export const MEET_CAPTIONS = {
  region: 'div[role="region"][tabindex="0"]',
  /** Generated classes of older layouts: a block, its speaker, its text. */
  block: '.nMcdL',
  speaker: '.NWpY1d',
  text: '.ygicle',
  /** The captions button's icons, in the control bar. */
  buttonIcons: new Set(['closed_caption', 'closed_caption_off']),
} as const;

/** The meeting code of a Meet URL (`abc-defg-hij`), or null when the URL is not a meeting. */
export function meetMeetingCode(url: string | URL): string | null {
  const parsed = typeof url === 'string' ? parseUrl(url) : url;
  if (!parsed || parsed.protocol !== 'https:' || parsed.hostname !== MEET_HOST) return null;
  return MEETING_PATH.exec(parsed.pathname)?.[1] ?? null;
}

/** Whether `url` is a Google Meet meeting (not the home page, `/landing` or other paths). */
export function isMeetMeetingUrl(url: string): boolean {
  return meetMeetingCode(url) !== null;
}

export const meetAdapter: PlatformAdapter = {
  platform: 'meet',
  matchesHost: (hostname) => hostname === MEET_HOST,
  classifyUrl(url): UrlVerdict {
    const code = meetMeetingCode(url);
    return code ? { kind: 'meeting', meetingId: code } : { kind: 'none' };
  },
  readSignals(doc): SignalState | null {
    const docs = [doc];
    if (hasIcon(docs, MEET_SIGNALS.icon, MEET_SIGNALS.inCallIcons)) {
      return anyMatches(docs, MEET_SIGNALS.participantTile) ? 'in-call' : 'lobby';
    }
    if (hasIcon(docs, MEET_SIGNALS.icon, MEET_SIGNALS.deviceIcons)) return 'lobby';
    return null;
  },
  readPresenting: (doc) => hasIcon([doc], MEET_SIGNALS.icon, MEET_SIGNALS.presentingIcons),
};
