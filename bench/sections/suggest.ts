/**
 * Live suggestions (issue 15): precision and recall of the engine (lib/suggest) on the evaluation sets in
 * tests/fixtures/suggest/, per guide and language, and the matching time per line. Runs in Node, no browser or build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { getBundledGuide } from '../../lib/guides/bundled';
import { evaluate, type EvaluationSet, type Figures } from '../../lib/suggest/evaluate';
import { isHeldOut, SUGGEST_SETS } from '../suggest-sets';
import { quantile, type BenchSection } from '../support';

const aggregate = ({ wrong: _wrong, ...figures }: Figures) => figures;

const pr = (f: Figures) => `P ${f.precision.toFixed(2)} / R ${f.recall.toFixed(2)} (${f.truePositives} right, ${f.falsePositives} wrong, ${f.falseNegatives} missed)`;

export const suggest: BenchSection = {
  key: 'suggest',
  title: 'Live suggestions',
  builds: [],
  async run({ quick, report }) {
    const data: Record<string, unknown> = {};
    const times: number[] = [];
    for (const entry of SUGGEST_SETS) {
      const { label, file } = entry;
      const heldOut = isHeldOut(entry);
      if (!existsSync(file)) throw new Error(`${file}: evaluation set missing`);
      const set = JSON.parse(readFileSync(file, 'utf8')) as EvaluationSet;
      const guide = getBundledGuide(set.guide);
      if (!guide) throw new Error(`${file}: no bundled guide "${set.guide}"`);
      let result = evaluate(guide, set);
      // Repeat for stable timings (the figures are the same each run: the engine is deterministic).
      for (let i = 1; i < (quick ? 1 : 5); i++) result = evaluate(guide, set);
      times.push(...result.timesMs);
      const askedMet = result.asked.precision >= 0.95 && result.asked.recall >= 0.8;
      report(`${label}: automatic "asked" marks (${set.interviewer.length} interviewer lines)`, pr(result.asked), 'P ≥ 0.95, R ≥ 0.80', askedMet);
      const withAnswers = (set.answers ?? []).length > 0;
      if (withAnswers) {
        report(`${label}: criteria evidence (${(set.answers ?? []).length} candidate lines)`, pr(result.evidence));
        report(`${label}: red-flag cues`, pr(result.redFlagCues));
      }
      // A held-out set keeps aggregates only: its lines and misses are never written anywhere (they would get tuned on).
      const keep = (f: Figures) => (heldOut ? aggregate(f) : f);
      data[label] = { asked: keep(result.asked), ...(withAnswers ? { evidence: keep(result.evidence), redFlagCues: keep(result.redFlagCues) } : {}) };
    }
    const p95 = quantile(times, 0.95);
    report('matching time per line, p95', `${p95.toFixed(2)} ms (median ${quantile(times, 0.5).toFixed(2)} ms, ${times.length} lines)`, '≤ 20 ms', p95 <= 20);
    return {
      data: { ...data, timeMs: { p95, median: quantile(times, 0.5), lines: times.length } },
      note:
        'Backend and Frontend, English/Italian (without "held out"): the evaluation sets the thresholds and the guides\' cues were ' +
        'tuned on, development figures (the Frontend set first gave P 1.00 / R 0.41 before cues were added from its misses). ' +
        'Held-out rows were never tuned on: "Frontend, English, held out" was written after those cues (a failing test once printed ' +
        'its lines while the lexicon was built; nothing was changed from them); the other three were ' +
        'written blind by another engineer (without the cues, the engine or the other sets\' lines). Only their aggregates are ' +
        'ever printed or stored (`npm run -s suggest:eval`). Their recall is what to expect on new wording. Asked marks come ' +
        'from the questions\' phrases, then from the concept lexicon (lib/suggest/lexicon.ts), whose settings were chosen on ' +
        'the tuning sets with their question cues removed (recall there 0.63 / 0.57 / 0.70 at P 0.98 / 0.95 / 0.98, against ' +
        '0.39 / 0.37 / 0.27 with phrases alone). Before the lexicon the held-out rows read: Frontend P 1.00 R 0.17, Backend ' +
        'English 1.00 / 0.67, Backend Italian 1.00 / 0.62, Frontend 2 1.00 / 0.93.',
    };
  },
};
