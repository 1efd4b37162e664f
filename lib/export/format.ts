import type { Guide, GuideItem, GuideQuestion, GuideStage } from '../guides/schema';
import type { InterviewRow, NoteRow } from '../db/records';

/**
 * Small formatting helpers shared by the Markdown and CSV exports. Pure: no browser APIs, no clock.
 */

/** The moment an interview is dated by: when it started, else when it was planned for, else when it was created. */
export function interviewDate(interview: InterviewRow): number {
  return interview.startedAt ?? interview.scheduledAt ?? interview.createdAt;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Formats epoch milliseconds as `YYYY-MM-DD HH:mm` in the given IANA time zone (24-hour clock, the same in every
 * language so that it sorts and pastes cleanly). Throws a RangeError for an unknown time zone.
 */
export function formatDateTime(ms: number, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    // Formatters are costly to build; an export of thousands of interviews reuses one per zone.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(ms)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** `YYYY-MM-DD` of a date in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Where a question, red flag or "what to look for" criterion lives in an interview's guide snapshot. */
export interface GuideIndex {
  questions: Map<string, { question: GuideQuestion; stage: GuideStage }>;
  redFlags: Map<string, { item: GuideItem; stage: GuideStage | null }>;
  criteria: Map<string, GuideItem>;
  stages: Map<string, GuideStage>;
}

/** Indexes a guide snapshot by id, so exports resolve ids to the text the interviewer saw. */
export function indexGuide(guide: Guide): GuideIndex {
  const index: GuideIndex = { questions: new Map(), redFlags: new Map(), criteria: new Map(), stages: new Map() };
  for (const flag of guide.redFlags) index.redFlags.set(flag.id, { item: flag, stage: null });
  for (const stage of guide.stages) {
    index.stages.set(stage.id, stage);
    for (const question of stage.questions) index.questions.set(question.id, { question, stage });
    for (const flag of stage.redFlags) index.redFlags.set(flag.id, { item: flag, stage });
  }
  for (const item of guide.criteria) index.criteria.set(item.id, item);
  return index;
}

/**
 * Orders notes as a timeline: notes taken before any call (no offset) first by creation time, then by call offset.
 * Ties fall back to creation time and id so that the order never depends on the database's.
 */
export function timelineOrder(a: NoteRow, b: NoteRow): number {
  if (a.offsetMs === null && b.offsetMs !== null) return -1;
  if (a.offsetMs !== null && b.offsetMs === null) return 1;
  if (a.offsetMs !== null && b.offsetMs !== null && a.offsetMs !== b.offsetMs) return a.offsetMs - b.offsetMs;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
