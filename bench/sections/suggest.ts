/**
 * Live suggestions (issue 15): precision and recall of the engine (lib/suggest) on the evaluation sets in
 * tests/fixtures/suggest/, per guide and language, and the matching time per line. Runs in Node, no browser or build.
 */
import { readFileSync } from 'node:fs';
import { getBundledGuide } from '../../lib/guides/bundled';
import { evaluate, type EvaluationSet, type Figures } from '../../lib/suggest/evaluate';
import { quantile, type BenchSection } from '../support';

const SETS: { label: string; file: string; heldOut?: boolean }[] = [
  { label: 'Backend, English', file: 'tests/fixtures/suggest/backend-en.json' },
  { label: 'Backend, Italian', file: 'tests/fixtures/suggest/backend-it.json' },
  { label: 'Frontend, English', file: 'tests/fixtures/suggest/frontend-en.json' },
  // Written after the Frontend cues were extended on the set above; never tuned on: only its "asked" marks are reported.
  { label: 'Frontend, English, held out', file: 'tests/fixtures/suggest/frontend-en-heldout.json', heldOut: true },
];

const pr = (f: Figures) => `P ${f.precision.toFixed(2)} / R ${f.recall.toFixed(2)} (${f.truePositives} right, ${f.falsePositives} wrong, ${f.falseNegatives} missed)`;

export const suggest: BenchSection = {
  key: 'suggest',
  title: 'Live suggestions',
  builds: [],
  async run({ quick, report }) {
    const data: Record<string, unknown> = {};
    const times: number[] = [];
    for (const { label, file, heldOut } of SETS) {
      const set = JSON.parse(readFileSync(file, 'utf8')) as EvaluationSet;
      const guide = getBundledGuide(set.guide);
      if (!guide) throw new Error(`${file}: no bundled guide "${set.guide}"`);
      let result = evaluate(guide, set);
      // Repeat for stable timings (the figures are the same each run: the engine is deterministic).
      for (let i = 1; i < (quick ? 1 : 5); i++) result = evaluate(guide, set);
      times.push(...result.timesMs);
      const askedMet = result.asked.precision >= 0.95 && result.asked.recall >= 0.8;
      report(`${label}: automatic "asked" marks (${set.interviewer.length} interviewer lines)`, pr(result.asked), 'P ≥ 0.95, R ≥ 0.80', askedMet);
      if (heldOut) {
        data[label] = { asked: result.asked };
        continue;
      }
      report(`${label}: criteria evidence (${set.answers.length} candidate lines)`, pr(result.evidence));
      report(`${label}: red-flag cues`, pr(result.redFlagCues));
      data[label] = { asked: result.asked, evidence: result.evidence, redFlagCues: result.redFlagCues };
    }
    const p95 = quantile(times, 0.95);
    report('matching time per line, p95', `${p95.toFixed(2)} ms (median ${quantile(times, 0.5).toFixed(2)} ms, ${times.length} lines)`, '≤ 20 ms', p95 <= 20);
    return {
      data: { ...data, timeMs: { p95, median: quantile(times, 0.5), lines: times.length } },
      note:
        'Except the held-out row, measured on the evaluation sets the thresholds and the guides\' cues were tuned on: development ' +
        'figures. The Frontend set was written before looking at that guide\'s cues, which first gave asked marks P 1.00 / R 0.41 ' +
        'on it; cues were then added from its misses. The held-out lines were written after that and never tuned on: their ' +
        'recall is what to expect on new wording (the cues do not generalise; precision holds).',
    };
  },
};
