import type { InterviewRow, UtteranceRow } from '../db/records';

/** Who said a line, as later features (suggestions, question matching) need it. */
export type UtteranceRole = 'interviewer' | 'candidate';

/**
 * Speaker labels Meet uses for this browser's own user, by UI language (the captions show "You" instead of a name).
 * Used only to guess the interviewer's speaker until the interviewer marks it.
 */
export const SELF_LABELS: readonly string[] = ['You', 'Tu', 'Voi', 'Io', 'Du', 'Vous', 'Tú', 'Você'];

/**
 * Whether the interview's transcript is capturing: turned on, and the interviewer confirmed the candidate was told.
 * Nothing is stored otherwise.
 */
export function isCapturing(interview: Pick<InterviewRow, 'transcript' | 'state'>): boolean {
  return interview.state !== 'ended' && interview.transcript?.on === true && interview.transcript.consentAt !== null;
}

/** The interviewer's speaker label: the one marked, else a self label ("You") when the captions use one. */
export function interviewerSpeaker(interview: Pick<InterviewRow, 'transcript'>, speakers: Iterable<string> = []): string | null {
  const marked = interview.transcript?.interviewerSpeaker ?? null;
  if (marked !== null) return marked;
  for (const s of speakers) if (SELF_LABELS.includes(s)) return s;
  return null;
}

/** Who said `row`: the interviewer when its speaker is the interviewer's label, else the candidate. */
export function utteranceRole(row: Pick<UtteranceRow, 'speaker'>, interviewer: string | null): UtteranceRole {
  if (interviewer !== null) return row.speaker === interviewer ? 'interviewer' : 'candidate';
  return SELF_LABELS.includes(row.speaker) ? 'interviewer' : 'candidate';
}

/** The shape the suggestion engine (issue 15) consumes. `atMs`: offset from the call's start, ms. */
export interface SpokenLine {
  speaker: UtteranceRole;
  text: string;
  atMs: number;
}

/** Converts a stored line for the suggestion engine. */
export function toSpokenLine(row: UtteranceRow, interviewer: string | null): SpokenLine {
  return { speaker: utteranceRole(row, interviewer), text: row.text, atMs: row.startMs };
}
