import type { Rating } from '../db/records';

/**
 * The translated words of a Markdown scorecard. A plain object so that exports stay pure functions: the options
 * page builds it once with `exportLabels(i18n.t)`, tests and scripts use `EN_LABELS`.
 */
export interface ExportLabels {
  /** Title prefix: "Scorecard" in "Scorecard: Alex Rivera". */
  scorecard: string;
  roleGuide: string;
  date: string;
  callLength: string;
  candidateRef: string;
  recommendation: string;
  summary: string;
  noSummary: string;
  criteria: string;
  questions: string;
  noQuestions: string;
  /** Marks a question the guide says not to skip. */
  core: string;
  notRated: string;
  redFlags: string;
  noRedFlags: string;
  /** Groups red flags and questions that belong to no stage. */
  general: string;
  timeline: string;
  noNotes: string;
  /** Heading of the transcript section (only with `MarkdownOptions.transcript`). */
  transcript: string;
  ratings: Record<Rating, string>;
}

/** The locale keys of each label, under the `export.` namespace of `locales/*.yml` (ratings: `rating.*`). */
const KEYS = {
  scorecard: 'export.scorecard',
  roleGuide: 'export.roleGuide',
  date: 'export.date',
  callLength: 'export.callLength',
  candidateRef: 'export.candidateRef',
  recommendation: 'export.recommendation',
  summary: 'export.summary',
  noSummary: 'export.noSummary',
  criteria: 'export.criteria',
  questions: 'export.questions',
  noQuestions: 'export.noQuestions',
  core: 'export.core',
  notRated: 'export.notRated',
  redFlags: 'export.redFlags',
  noRedFlags: 'export.noRedFlags',
  general: 'export.general',
  timeline: 'export.timeline',
  noNotes: 'export.noNotes',
  transcript: 'export.transcript',
} as const satisfies Record<Exclude<keyof ExportLabels, 'ratings'>, string>;

// The rating words are the panel's own (`rating.*`), so a scorecard says exactly what the interviewer clicked.
const RATING_KEYS = {
  'strong-no': 'rating.strongNo',
  no: 'rating.no',
  yes: 'rating.yes',
  'strong-yes': 'rating.strongYes',
} as const satisfies Record<Rating, string>;

/** Every locale key `exportLabels` reads (for tests that check the locale files). */
export const EXPORT_LABEL_KEYS: readonly string[] = [...Object.values(KEYS), ...Object.values(RATING_KEYS)];

/** A translation function: WXT's `i18n.t` fits once its key type is widened, e.g. `(k) => i18n.t(k as never)`. */
export type Translate = (key: string, substitutions?: string[]) => string;

/** Builds the scorecard labels from the `export.*` locale keys. */
export function exportLabels(t: Translate): ExportLabels {
  const labels = Object.fromEntries(Object.entries(KEYS).map(([name, key]) => [name, t(key)])) as Omit<
    ExportLabels,
    'ratings'
  >;
  const ratings = Object.fromEntries(Object.entries(RATING_KEYS).map(([r, key]) => [r, t(key)])) as Record<
    Rating,
    string
  >;
  return { ...labels, ratings };
}

/** The English labels, as in `locales/en.yml` (a unit test keeps the two equal); for tests and scripts. */
export const EN_LABELS: ExportLabels = {
  scorecard: 'Scorecard',
  roleGuide: 'Role guide',
  date: 'Date',
  callLength: 'Call length',
  candidateRef: 'Candidate reference',
  recommendation: 'Recommendation',
  summary: 'Summary',
  noSummary: 'No summary written.',
  criteria: 'What to look for',
  questions: 'Questions asked',
  noQuestions: 'No question was marked as asked.',
  core: 'core',
  notRated: 'Not rated',
  redFlags: 'Red flags',
  noRedFlags: 'No red flag was ticked.',
  general: 'General',
  timeline: 'Timeline',
  noNotes: 'No notes.',
  transcript: 'Transcript',
  ratings: { 'strong-no': 'Strong no', no: 'No', yes: 'Yes', 'strong-yes': 'Strong yes' },
};
