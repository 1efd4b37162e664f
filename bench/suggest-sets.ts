/**
 * The evaluation sets of the suggestion engine (tests/fixtures/suggest/), shared by the bench section and
 * `npm run -s suggest:eval`. Held-out sets were written blind (never read to tune cues, lexicon or thresholds): only
 * their aggregate figures are ever printed, never their lines or per-line misses.
 */
export interface SuggestSet {
  label: string;
  file: string;
  heldOut?: boolean;
}

export const SUGGEST_SETS: readonly SuggestSet[] = [
  { label: 'Backend, English', file: 'tests/fixtures/suggest/backend-en.json' },
  { label: 'Backend, Italian', file: 'tests/fixtures/suggest/backend-it.json' },
  { label: 'Frontend, English', file: 'tests/fixtures/suggest/frontend-en.json' },
  // Written after the Frontend cues were extended on the set above; never tuned on.
  { label: 'Frontend, English, held out', file: 'tests/fixtures/suggest/frontend-en-heldout.json', heldOut: true },
  // Written blind by another engineer (without the cues, the engine or the other sets' lines); never tuned on.
  { label: 'Backend, English, held out', file: 'tests/fixtures/suggest/backend-en-heldout.json', heldOut: true },
  { label: 'Backend, Italian, held out', file: 'tests/fixtures/suggest/backend-it-heldout.json', heldOut: true },
  { label: 'Frontend, English, held out 2', file: 'tests/fixtures/suggest/frontend-en-heldout-2.json', heldOut: true },
];

/** Whether a set's lines must never be printed (flagged held out, or named so). */
export const isHeldOut = (set: SuggestSet): boolean => set.heldOut === true || /heldout/i.test(set.file);
