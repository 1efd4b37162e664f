import { anyMatches, frameDocuments } from './dom';
import type { PlatformAdapter, SignalState, UrlVerdict } from './types';

/**
 * Zoom web client. Source: shared/docs/platforms.md.
 * - Hosts `zoom.us` and every `*.zoom.us` subdomain (`app.zoom.us`, regional `us02web.zoom.us`, …), and Zoom for
 *   Government's `zoomgov.com` and its subdomains (`<agency>.zoomgov.com`), which serve the same web client.
 * - Meetings live under `/wc/`: `/wc/<id>/join`, `/wc/<id>/start`, `/wc/join/<id>` (any later `/wc/<id>/…`
 *   step, such as the page shown after leaving, belongs to the same meeting). `/j/<id>` is only a launcher
 *   that leads there, so it is not a meeting.
 * - The waiting room ("Please wait, the meeting host will let you in soon.", `.wr-container` / `.wr-default`) may
 *   draw a leave button too: its marker wins over the call's, so waiting is `lobby` and the timer starts at
 *   admission. Covered by `tests/fixtures/pages/zoom/waiting-room.html`.
 * - On some entries the call UI is inside the same-origin iframe `#webclient`: the adapter reads that
 *   frame's document from the top frame, so the panel is mounted in the top frame only.
 */
const MEETING_PATH = /^\/wc\/(?:join\/)?(\d{9,12})(?:\/|$)/;

/** Every Zoom selector, in one place. */
export const ZOOM_SIGNALS = {
  /** The iframe some entries render the whole call in. */
  callFrame: 'iframe#webclient',
  /** Audio options menu and the leave button's container: only in the call. */
  inCall: '#audioOptionMenu, .footer__leave-btn-container',
  /** The waiting room, before the host admits this participant. */
  waitingRoom: '.wr-container, .wr-default',
  /** The preview ("join") page: its join button and name field. */
  lobby: '.preview-join-button, #input-for-name',
} as const;

/**
 * Zoom's live transcription (shared/docs/captions.md), inside `#webclient` on many entries. The box holds one line
 * per speaker turn; the speaker is a text label or only an avatar. For an avatar, the name comes from the
 * participants list when it is open and exactly one person there has that picture (the way public Zoom caption
 * tools do it), else from the image's `alt`, else the line has no speaker name. The newest text is appended to the line and old text scrolls off its start.
 */
export const ZOOM_CAPTIONS = {
  box: '.live-transcription-subtitle__box',
  item: '.live-transcription-subtitle__item',
  name: '.live-transcription-subtitle__name',
  avatar: 'img',
  text: '.live-transcription-subtitle__text',
  /** A person in the participants list (drawn only while that panel is open). */
  participant: '.participants-li',
  participantAvatar: '.participants-item__avatar',
  participantName: '.participants-item__display-name',
} as const;

/** Zoom's apex domains: the commercial cloud and Zoom for Government. */
export const ZOOM_DOMAINS = ['zoom.us', 'zoomgov.com'] as const;

/** Whether `hostname` is Zoom's (an apex in {@link ZOOM_DOMAINS} or any subdomain of one). */
export function isZoomHost(hostname: string): boolean {
  return ZOOM_DOMAINS.some((domain) => hostname === domain || hostname.endsWith(`.${domain}`));
}

export const zoomAdapter: PlatformAdapter = {
  platform: 'zoom',
  matchesHost: isZoomHost,
  classifyUrl(url): UrlVerdict {
    if (url.protocol !== 'https:' || !isZoomHost(url.hostname)) return { kind: 'none' };
    const id = MEETING_PATH.exec(url.pathname)?.[1];
    return id ? { kind: 'meeting', meetingId: id } : { kind: 'none' };
  },
  readSignals(doc): SignalState | null {
    const docs = frameDocuments(doc, ZOOM_SIGNALS.callFrame);
    if (anyMatches(docs, ZOOM_SIGNALS.waitingRoom)) return 'lobby';
    if (anyMatches(docs, ZOOM_SIGNALS.inCall)) return 'in-call';
    if (anyMatches(docs, ZOOM_SIGNALS.lobby)) return 'lobby';
    return null;
  },
};
