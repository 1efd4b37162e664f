/**
 * Live suggestions (issue 15): precision and recall of the engine (lib/suggest) on the evaluation sets in
 * tests/fixtures/suggest/, per language, and the matching time per line. Runs in Node, no browser or build.
 */
import { readFileSync } from 'node:fs';
import { getBundledGuide } from '../../lib/guides/bundled';
import { evaluate, type EvaluationSet, type Figures } from '../../lib/suggest/evaluate';
import { quantile, type BenchSection } from '../support';

const SETS = [
  { language: 'English', file: 'tests/fixtures/suggest/backend-en.json' },
  { language: 'Italian', file: 'tests/fixtures/suggest/backend-it.json' },
] as const;

const pr = (f: Figures) => `P ${f.precision.toFixed(2)} / R ${f.recall.toFixed(2)} (${f.truePositives} right, ${f.falsePositives} wrong, ${f.falseNegatives} missed)`;

export const suggest: BenchSection = {
  key: 'suggest',
  title: 'Live suggestions',
  builds: [],
  async run({ quick, report }) {
    const data: Record<string, unknown> = {};
    const times: number[] = [];
    for (const { language, file } of SETS) {
      const set = JSON.parse(readFileSync(file, 'utf8')) as EvaluationSet;
      const guide = getBundledGuide(set.guide);
      if (!guide) throw new Error(`${file}: no bundled guide "${set.guide}"`);
      let result = evaluate(guide, set);
      // Repeat for stable timings (the figures are the same each run: the engine is deterministic).
      for (let i = 1; i < (quick ? 1 : 5); i++) result = evaluate(guide, set);
      times.push(...result.timesMs);
      const askedMet = result.asked.precision >= 0.95 && result.asked.recall >= 0.8;
      report(`${language}: automatic "asked" marks (${set.interviewer.length} interviewer lines)`, pr(result.asked), 'P ≥ 0.95, R ≥ 0.80', askedMet);
      report(`${language}: criteria evidence (${set.answers.length} candidate lines)`, pr(result.evidence));
      report(`${language}: red-flag cues`, pr(result.redFlagCues));
      data[language] = { asked: result.asked, evidence: result.evidence, redFlagCues: result.redFlagCues };
    }
    const p95 = quantile(times, 0.95);
    report('matching time per line, p95', `${p95.toFixed(2)} ms (median ${quantile(times, 0.5).toFixed(2)} ms, ${times.length} lines)`, '≤ 20 ms', p95 <= 20);
    return {
      data: { ...data, timeMs: { p95, median: quantile(times, 0.5), lines: times.length } },
      note:
        'Measured on the evaluation sets the thresholds and the Backend Engineer guides\' cues were tuned on (no held-out set yet), ' +
        'so these are development figures: expect lower recall on wording the cues do not cover.',
    };
  },
};
