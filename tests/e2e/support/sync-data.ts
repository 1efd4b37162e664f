import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createBackup, type Backup } from '../../../lib/export/backup';
import type { InterviewBundle, Rating } from '../../../lib/db/records';
import type { Guide } from '../../../lib/guides/schema';

/**
 * The candidate two interviewers see in the team-sync end-to-end tests: one reference link, so the debrief
 * groups their interviews together.
 */
export const CANDIDATE = { name: 'Dana Kim', ref: 'https://ats.example.com/candidates/7001' };

/** What one interviewer recorded about the candidate. */
export interface Scorecard {
  id: string;
  /** Start of the interview (epoch ms). */
  at: number;
  recommendation: Rating;
  notes: string[];
  /** Rating of each of the guide's first criteria, in order. */
  ratings: Rating[];
  redFlagNote?: string;
}

/** One interview bundle of `CANDIDATE` on the bundled guide, ended, with notes, ratings and maybe a red flag. */
export function scorecardBundle(guide: Guide, card: Scorecard): InterviewBundle {
  const stage = guide.stages[0]!;
  const callStartedAt = card.at + 60_000;
  const endedAt = callStartedAt + 45 * 60_000;
  return {
    interview: {
      id: card.id,
      candidateName: CANDIDATE.name,
      candidateRef: CANDIDATE.ref,
      guideId: guide.id,
      guideTitle: guide.title,
      guideSnapshotKey: `${guide.id}@sync0001`,
      currentStageId: stage.id,
      stageStartedAt: null,
      platform: 'meet',
      meetingId: null,
      meetingUrl: null,
      state: 'ended',
      scheduledAt: card.at,
      startedAt: card.at,
      callStartedAt,
      endedAt,
      recommendation: card.recommendation,
      summary: '',
      noteCount: card.notes.length,
      createdAt: card.at - 86_400_000,
      updatedAt: endedAt,
    },
    guide,
    notes: card.notes.map((text, k) => ({
      id: `${card.id}-note-${k}`,
      interviewId: card.id,
      questionId: null,
      stageId: stage.id,
      text,
      offsetMs: 60_000 + k * 300_000,
      createdAt: callStartedAt + 60_000 + k * 300_000,
      updatedAt: callStartedAt + 60_000 + k * 300_000,
    })),
    questionStates: [],
    redFlagChecks: card.redFlagNote
      ? [{ interviewId: card.id, redFlagId: guide.redFlags[0]!.id, stageId: null, checked: true, note: card.redFlagNote, updatedAt: endedAt }]
      : [],
    criterionRatings: card.ratings.map((rating, k) => ({ interviewId: card.id, criterionId: guide.criteria[k]!.id, rating, note: '', updatedAt: endedAt })),
  };
}

/** A backup holding one scorecard (what `data.import` takes). */
export function scorecardBackup(guide: Guide, card: Scorecard): Backup {
  return createBackup([scorecardBundle(guide, card)], [], card.at + 86_400_000);
}

const messages: Record<string, unknown> = {};

/** A message of `locales/<locale>.yml` by its dotted key (what the user sees), so tests check the real words. */
export function t(locale: 'en' | 'it', key: string): string {
  messages[locale] ??= parse(readFileSync(`locales/${locale}.yml`, 'utf8'));
  let value: unknown = messages[locale];
  for (const part of key.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  if (typeof value !== 'string') throw new Error(`no message ${key} in locales/${locale}.yml`);
  return value;
}
