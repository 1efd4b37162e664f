/**
 * Thresholds of the suggestion engine. Scores are shares in [0, 1]: how much of a guide phrase (a question, a
 * follow-up, a cue, one part of a criterion or red flag), weighted by BM25 as MiniSearch scores it, a line says.
 * 1 means every term of the phrase is in the line. Values chosen on the evaluation set in
 * tests/fixtures/suggest/ (figures in bench/results.json, section "suggest"): precision before recall, a wrong
 * tick is worse than a missed one.
 */

/** An interviewer line marks a question asked when its best phrase scores at least this. */
export const ASKED_MIN_SCORE = 0.6;
/** …and at least this many distinct terms of that phrase are in the line (one word is never enough). */
export const ASKED_MIN_TERMS = 2;
/** …and the best other question of the stage scores at least this much less (an ambiguous line marks nothing). */
export const ASKED_MARGIN = 0.2;

/**
 * The concept matcher (lib/suggest/concepts.ts, lexicon in lib/suggest/lexicon.ts) marks a question asked when no
 * phrase does. Its score is Σ over the concepts (and leftover words) the line shares with the question of the
 * question's weight for it (1 from its text, the weights below from follow-ups and cues) × ln(1 + N / df), N the
 * stage's questions and df how many of them have it. The line must be a question or a request.
 */
export const CONCEPT_MIN_SCORE = 1.5;
/** …with at least this many distinct words of the line behind the shared concepts. */
export const CONCEPT_MIN_SOURCES = 2;
/** …and a score at least this many times the next question's (a relative margin). */
export const CONCEPT_MARGIN_RATIO = 1.5;
/** Weight of a question's follow-ups in its concept profile (its own text weighs 1). */
export const CONCEPT_FOLLOW_UP_WEIGHT = 0.6;
/** Weight of a question's cues in its concept profile. */
export const CONCEPT_CUE_WEIGHT = 0.6;

/** A candidate line (or a typed note) is evidence for a criterion when one of its phrases scores at least this. */
export const EVIDENCE_MIN_SCORE = 0.75;
/** …with at least this many terms of that phrase in the line, or all of them for a one-word phrase. */
export const EVIDENCE_MIN_TERMS = 2;

/** A candidate line raises a red-flag cue when one of the flag's phrases scores at least this… */
export const RED_FLAG_MIN_SCORE = 0.8;
/** …and the phrase's terms are at least this share of the line's own terms (the line is about it, not a passing mention). */
export const RED_FLAG_MIN_LINE_SHARE = 0.3;

/** A question counts as partly covered by the candidate, unprompted, when a candidate line scores this on it. */
export const CANDIDATE_COVERED_MIN_SCORE = 0.6;

/** A follow-up counts as touched by the answer from this score on (ranking puts untouched ones first). */
export const FOLLOW_UP_TOUCHED_SCORE = 0.6;

/** The stage wrap is emitted once, this long before the stage's planned end (ms). */
export const STAGE_WRAP_LEAD_MS = 5 * 60_000;
