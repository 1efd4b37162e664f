import { z } from 'zod';
import { Guide, type GuideSummary } from '../guides/schema';
import { MAX_TEXT_CHARS } from '../db/records';
import {
  CallState,
  InterviewState,
  Platform,
  Rating,
  Recommendation,
  type CriterionRatingRow,
  type InterviewBundle,
  type InterviewRow,
  type InterviewSummary,
  type NoteRow,
  type QuestionStateRow,
  type RedFlagCheckRow,
  type UtteranceRow,
} from '../db/records';
import type { Backup, ImportReport } from '../export/backup';
import { SyncSetup } from '../sync/config';
import { Settings } from '../settings';
import type { SyncStatus } from '../sync/status';
import type { DebriefGroup, Debrief } from '../sync/debrief';
import type { SuggestView } from '../suggest/live';
import type { CallPageLabels } from './content-protocol';

/**
 * The one protocol every context (panel, popup, options, side panel, content script) uses to talk to the
 * background worker. Each entry declares the Zod schema the background validates the payload with, the
 * TypeScript type of its answer, and whether a content script on a call page may send it.
 *
 * Adding a message: add an entry here and a handler in `lib/background/handlers/*`; the meta-test
 * `tests/unit/protocol.test.ts` fails until both exist.
 */
export interface MessageDef<I extends z.ZodType, O> {
  input: I;
  /** Phantom field carrying the answer type; never read at run time. */
  output?: O;
  /** Content scripts (running in call pages) may send this message. Extension pages may send all. */
  fromContentScript?: boolean;
}

function message<O>() {
  return <I extends z.ZodType>(input: I, options: { fromContentScript?: boolean } = {}): MessageDef<I, O> => ({
    input,
    ...options,
  });
}

/** Which view sent a message; used for diagnostics and by `ping`. */
export const ViewKind = z.enum(['panel', 'popup', 'options', 'sidepanel', 'content']);
export type ViewKind = z.infer<typeof ViewKind>;

export interface PingAnswer {
  pong: true;
  from: ViewKind;
  /** Epoch milliseconds at which the background answered. */
  at: number;
  /** Tab of the sender, when it is in a tab (content script or framed panel). */
  tabId: number | null;
}

/** What the background knows about a tab's call, from its content script. */
export interface TabCallInfo {
  tabId: number;
  platform: Platform;
  state: CallState;
  /** Platform-specific meeting id (Meet code, Zoom number, Teams thread), or null when unknown. */
  meetingId: string | null;
  url: string;
  /** Epoch ms of the last state change. */
  since: number;
  /** Epoch ms of the first `in-call` seen in this tab for this meeting. */
  callStartedAt: number | null;
  /** The overlay panel is collapsed (from the content script). */
  collapsed: boolean;
  /** The interviewer is presenting (sharing the screen) in this call, where the platform shows it in its DOM. */
  presenting?: boolean;
  /**
   * An interview whose call this tab left by in-app navigation (Teams routing to a chat, Meet moving to its home
   * page), still running: the tab's panel stays to offer its wrap-up until it is ended or put off (issue 17).
   */
  wrapUpId?: string | null;
}

/** A tab's call and the interview attached to it, as the panel and popup show them. */
export interface SessionInfo {
  tab: TabCallInfo | null;
  interview: InterviewBundle | null;
  /** An interview prepared in the popup away from a call, which the next call picks up. */
  planned: InterviewRow | null;
}

/** One detection event kept for the options page's diagnostics. */
export interface DetectionEvent {
  at: number;
  platform: Platform;
  state: CallState;
  url: string;
  /** Set when DOM signals stopped matching, e.g. `no in-call signal matched`. */
  problem?: string;
}

export interface StorageInfo {
  usageBytes: number | null;
  quotaBytes: number | null;
  persisted: boolean | null;
}

const Id = z.string().min(1).max(100);
/** See {@link MAX_TEXT_CHARS} (lib/db/records.ts). */
const FreeText = z.string().max(MAX_TEXT_CHARS);
export { MAX_TEXT_CHARS };
const SlugRef = z.string().min(1).max(80);
const TabId = z.number().int().nonnegative();

/** Whether a call tab's captions are drawn (`on`) or not (`off`: turned off, or no caption area found). */
export const CaptionsStatus = z.enum(['on', 'off']);
export type CaptionsStatus = z.infer<typeof CaptionsStatus>;

/** What the transcript reader injected into a call tab needs to know (issue 14). */
export interface TranscriptConfig {
  /** The interview of the tab's meeting, or null when there is none. */
  interviewId: string | null;
  platform: Platform | null;
  /** Capture is on and the interviewer confirmed the candidate was told: the reader may send lines. */
  capturing: boolean;
}

/** The transcript of a tab as views show it. */
export interface TranscriptTabState {
  /** Whether the tab's captions are on, as the reader last saw them; null when no reader runs there. */
  captions: CaptionsStatus | null;
}

const StartInterview = z.object({
  candidateName: z.string().trim().min(1).max(200),
  candidateRef: z.string().trim().max(2000).default(''),
  guideId: SlugRef,
  stageId: SlugRef.optional(),
  /** Attach to this call tab (popup); omitted from a panel, whose own tab is used; null prepares a planned one. */
  tabId: TabId.nullable().optional(),
  /** Client-generated id, so that a retried start is idempotent. */
  id: Id.optional(),
  /** Start with the transcript on (issue 14); nothing is kept until the interviewer confirms the candidate was told. */
  transcript: z.boolean().optional(),
});

const InterviewPatch = z
  .object({
    candidateName: z.string().trim().min(1).max(200),
    candidateRef: z.string().trim().max(2000),
    currentStageId: SlugRef,
    recommendation: Recommendation.nullable(),
    summary: FreeText,
    state: InterviewState,
  })
  .partial();

export const protocol = {
  ping: message<PingAnswer>()(z.object({ from: ViewKind }), { fromContentScript: true }),

  // Role guides
  'guides.list': message<GuideSummary[]>()(z.object({})),
  'guides.get': message<Guide>()(z.object({ id: SlugRef })),
  /** Saves an imported or duplicated guide; refuses to overwrite a bundled id. */
  'guides.save': message<GuideSummary>()(z.object({ guide: Guide })),
  'guides.delete': message<{ deleted: boolean }>()(z.object({ id: SlugRef })),

  // Call tabs (content script → background), and the session a view shows
  /**
   * A call tab's state. `panel`: show the overlay or not; `hold`: keep the panel although the page is no longer a
   * call (an interview of this tab waits for its wrap-up there); `labels`: the panel frame's and its grip's
   * accessible names in the interface language (the call page makes no i18n lookup of its own; issue 12, item 5).
   */
  'calls.report': message<{ panel: 'overlay' | 'hidden'; hold: boolean; labels: CallPageLabels }>()(
    z.object({
      platform: Platform,
      state: CallState,
      meetingId: z.string().max(500).nullable(),
      url: z.string().max(4000),
      collapsed: z.boolean().default(false),
      presenting: z.boolean().default(false),
      problem: z.string().max(500).optional(),
    }),
    { fromContentScript: true },
  ),
  /** The session of a tab: the sender's own tab when `tabId` is omitted. */
  'session.get': message<SessionInfo>()(z.object({ tabId: TabId.optional() })),
  /** Asks the tab's content script to show, collapse or toggle its panel. */
  'panel.command': message<{ delivered: boolean }>()(
    z.object({ tabId: TabId.optional(), command: z.enum(['toggle', 'expand', 'collapse', 'add-note']) }),
    { fromContentScript: true },
  ),
  'diagnostics.get': message<DetectionEvent[]>()(z.object({})),
  /**
   * Puts off the wrap-up a tab's panel offers after its call was left by navigation: the panel may go, and the
   * interview waits in the popup and the options page (`interviews.pendingWrapUps`).
   */
  'calls.laterWrapUp': message<{ released: boolean }>()(z.object({ tabId: TabId.optional() })),
  /** Running interviews whose call is over (no open tab is in their call): they wait for a recommendation and End. */
  'interviews.pendingWrapUps': message<InterviewSummary[]>()(z.object({})),

  // Interviews
  'interviews.start': message<InterviewRow>()(StartInterview),
  'interviews.update': message<InterviewRow>()(z.object({ id: Id, patch: InterviewPatch })),
  /** Ends the interview (state `ended`, `endedAt` now). */
  'interviews.end': message<InterviewRow>()(z.object({ id: Id })),
  'interviews.get': message<InterviewBundle>()(z.object({ id: Id })),
  'interviews.list': message<{ total: number; items: InterviewSummary[] }>()(
    z.object({
      query: z.string().max(200).default(''),
      sort: z.enum(['newest', 'oldest', 'candidate', 'guide']).default('newest'),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(1_000_000).default(100),
    }),
  ),
  'interviews.recent': message<InterviewSummary[]>()(z.object({ limit: z.number().int().positive().max(50).default(5) })),
  'interviews.delete': message<{ deleted: number }>()(z.object({ ids: z.array(Id).min(1).max(100_000) })),

  // Rows of an interview: idempotent upserts
  'notes.upsert': message<NoteRow>()(
    z.object({
      id: Id,
      interviewId: Id,
      questionId: SlugRef.nullable().default(null),
      stageId: SlugRef.nullable().default(null),
      text: FreeText,
      /** Stamp the note this many ms before now (the "a few seconds earlier" shortcut). */
      stampEarlierMs: z.number().int().nonnegative().max(600_000).default(0),
      /** Make a new note from this transcript line: dated when the line began, linked to it (issue 14). */
      utteranceId: Id.nullable().optional(),
      /** Issue 17: `true` the Notes box's draft, `false` an entered note; absent leaves an existing note as it is (a new one is entered). */
      draft: z.boolean().optional(),
    }),
  ),
  'notes.delete': message<{ deleted: boolean }>()(z.object({ id: Id })),
  'questions.upsert': message<QuestionStateRow>()(
    z.object({
      interviewId: Id,
      questionId: SlugRef,
      stageId: SlugRef.nullable().default(null),
      patch: z.object({ asked: z.boolean(), rating: Rating.nullable(), note: FreeText }).partial(),
    }),
  ),
  'redFlags.upsert': message<RedFlagCheckRow>()(
    z.object({
      interviewId: Id,
      redFlagId: SlugRef,
      stageId: SlugRef.nullable().default(null),
      patch: z.object({ checked: z.boolean(), note: FreeText }).partial(),
    }),
  ),
  'criteria.upsert': message<CriterionRatingRow>()(
    z.object({
      interviewId: Id,
      criterionId: SlugRef,
      patch: z.object({ rating: Rating.nullable(), note: FreeText }).partial(),
    }),
  ),

  // Transcript (issue 14): lines read from the call's own captions, kept on this machine
  /** The reader in a call tab asks what to do (its own tab's interview). */
  'transcript.config': message<TranscriptConfig>()(z.object({}), { fromContentScript: true }),
  /**
   * A new or changed line from the reader (times epoch ms; the background stores offsets from the call's start).
   * Refused (`forbidden`) unless the interview's transcript is on and the candidate was told.
   */
  'transcript.upsert': message<UtteranceRow>()(
    z.object({
      id: Id,
      interviewId: Id,
      speaker: z.string().max(200),
      text: FreeText.min(1),
      startAt: z.number().int().nonnegative(),
      endAt: z.number().int().nonnegative(),
      final: z.boolean(),
    }),
    { fromContentScript: true },
  ),
  /** The reader saw the tab's captions turn on or off. */
  'transcript.status': message<{ ok: true }>()(z.object({ captions: CaptionsStatus }), { fromContentScript: true }),
  /**
   * Turns the interview's transcript on or off; `consent: true` records that the interviewer confirmed the
   * candidate was told (now). Capture starts only with both; turning off stops the reader at once.
   */
  'transcript.set': message<InterviewRow>()(z.object({ interviewId: Id, on: z.boolean(), consent: z.boolean().optional() })),
  /** Marks which caption speaker is the interviewer (null: unmark). */
  'transcript.speaker': message<InterviewRow>()(z.object({ interviewId: Id, speaker: z.string().max(200).nullable() })),
  'transcript.list': message<UtteranceRow[]>()(z.object({ interviewId: Id })),
  /** Deletes the interview's lines (those of `ids`, or all). */
  'transcript.delete': message<{ deleted: number }>()(z.object({ interviewId: Id, ids: z.array(Id).max(100_000).optional() })),
  /** The transcript state of a tab (the sender's own tab when omitted). */
  'transcript.tab': message<TranscriptTabState>()(z.object({ tabId: TabId.optional() })),
  /** Presses Meet's own captions button in the tab, on the interviewer's click. @returns whether it was pressed. */
  'transcript.captionsOn': message<{ pressed: boolean }>()(z.object({ tabId: TabId.optional() })),

  // Live suggestions (issue 15)
  /** The interview's live suggestions for its current stage; null when it has none (a teammate's, no such stage). */
  'suggest.get': message<{ view: SuggestView | null }>()(z.object({ interviewId: Id })),
  /** Undoes an automatic "asked" mark; the question is never marked automatically again. */
  'suggest.undo': message<{ undone: boolean }>()(z.object({ interviewId: Id, questionId: SlugRef })),

  // Data
  /**
   * A full backup (see lib/export/backup.ts) of the given interviews, or of all when `ids` is omitted. Runtime
   * messages are capped (64 MiB in Chromium), so views ask for large exports in batches of ids and join them
   * with `mergeBackups`; `allGuides` adds every custom guide to a batch, used or not.
   */
  'data.export': message<Backup>()(z.object({ ids: z.array(Id).max(100_000).optional(), allGuides: z.boolean().default(false) })),
  /** Validates the whole backup before writing anything; merges by id, newer `updatedAt` wins. */
  'data.import': message<ImportReport>()(z.object({ backup: z.unknown() })),
  'data.storage': message<StorageInfo>()(z.object({})),
  /** Deletes every interview, note and custom guide. `confirm` must be the word the UI asked to type. */
  'data.wipe': message<{ deleted: number }>()(z.object({ confirm: z.literal('DELETE') })),
  'data.retention': message<{ deleted: number }>()(z.object({})),

  // Settings (lib/settings.ts): views read and save them here, so that the schema runs in the background only
  /** The stored settings, parsed: the default for anything missing or invalid in storage. */
  'settings.get': message<Settings>()(z.object({})),
  /** Saves the whole settings (a view's current settings with its change applied); answers them as stored. */
  'settings.save': message<Settings>()(Settings),

  // Team sync (lib/sync, README "Team sync"); off by default
  'sync.status': message<SyncStatus>()(z.object({})),
  /** Turns sync on with these settings. The view asks for the server's host permission first (a user gesture). */
  'sync.enable': message<SyncStatus>()(SyncSetup),
  /** Turns sync off: stops all requests and forgets the user name and password. */
  'sync.disable': message<SyncStatus>()(z.object({})),
  'sync.now': message<SyncStatus>()(z.object({})),
  /** Interviews grouped by candidate (reference link, else name + role guide), for the debrief. */
  'debrief.list': message<DebriefGroup[]>()(z.object({})),
  'debrief.get': message<Debrief>()(z.object({ key: z.string().min(1).max(5000) })),
} as const;

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
export type MessageInput<K extends MessageName> = z.input<Protocol[K]['input']>;
export type ParsedInput<K extends MessageName> = z.output<Protocol[K]['input']>;
export type MessageOutput<K extends MessageName> = NonNullable<Protocol[K]['output']>;

/** Events the background pushes to every open view over the `live` port. */
export type LiveEvent =
  | { type: 'interview-changed'; interviewId: string }
  | { type: 'interviews-changed' }
  | { type: 'guides-changed' }
  | { type: 'tab-changed'; tabId: number }
  /** A browser command (keyboard shortcut) aimed at the panel of a tab; `at` is when the key was pressed. */
  | { type: 'panel-command'; tabId: number; command: 'add-note' | 'focus'; at: number }
  | { type: 'storage-error'; message: string }
  /** A transcript line was added or changed (partial lines too, updated in place by id). */
  | { type: 'transcript-utterance'; interviewId: string; utterance: UtteranceRow }
  /** A call tab's captions turned on or off, as its transcript reader saw them. */
  | { type: 'transcript-status'; tabId: number; captions: CaptionsStatus | null }
  /** The live suggestions of an interview changed (lib/background/suggest-service.ts). */
  | { type: 'suggestions'; interviewId: string; view: SuggestView }
  /** Team sync's status changed (lib/background/sync-service.ts). */
  | { type: 'sync-status'; status: SyncStatus };

export { LIVE_PORT } from './ports';
