/**
 * `npm run -s suggest:eval [-- --misses] [--no-cues] [--only <label part>]`: precision and recall of the suggestion
 * engine on every evaluation set (bench/suggest-sets.ts), aggregates only, without timing runs (`npm run bench` times).
 *
 * - `--no-cues` drops every question cue from the guides first: what the generic matching finds from the questions'
 *   own text, follow-ups and the stage's context alone (a development view of how it does on new wording).
 * - `--dev` skips the held-out sets (for trying settings: held-out figures are looked at once, at the end).
 * - `--no-concepts` turns the concept matcher off (phrases only, as before it); `--any-form`, `--min-score N`,
 *   `--min-sources N`, `--margin-ratio N`, `--follow-up-weight N`, `--cue-weight N` try other concept settings.
 * - `--misses` also lists the wrong and missed lines of the sets that are not held out. Held-out sets never print
 *   lines: they are for measuring only, and tuning on their misses would make their figures meaningless.
 */
import { existsSync, readFileSync } from 'node:fs';
import { getBundledGuide } from '../lib/guides/bundled';
import type { Guide } from '../lib/guides/schema';
import type { ConceptOptions } from '../lib/suggest/engine';
import { evaluate, type EvaluationSet, type Figures } from '../lib/suggest/evaluate';
import { isHeldOut, SUGGEST_SETS } from '../bench/suggest-sets';

const args = process.argv.slice(2);
const misses = args.includes('--misses');
const noCues = args.includes('--no-cues');
const devOnly = args.includes('--dev');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').toLowerCase() : null;
const num = (flag: string) => {
  const at = args.indexOf(flag);
  return at >= 0 ? Number(args[at + 1]) : undefined;
};
/** Concept matcher settings other than constants.ts's, for trying values on the sets that are not held out. */
const options: Partial<ConceptOptions> = Object.fromEntries(
  Object.entries({
    enabled: args.includes('--no-concepts') ? false : undefined,
    questionForm: args.includes('--any-form') ? false : undefined,
    minScore: num('--min-score'),
    minSources: num('--min-sources'),
    marginRatio: num('--margin-ratio'),
    followUpWeight: num('--follow-up-weight'),
    cueWeight: num('--cue-weight'),
  }).filter(([, v]) => v !== undefined),
);

const pr = (f: Figures) => `P ${f.precision.toFixed(2)} R ${f.recall.toFixed(2)} (${f.truePositives}/${f.falsePositives}/${f.falseNegatives})`;

/** The guide without its questions' cues (criteria and red-flag cues are kept: they are not about "asked"). */
function withoutQuestionCues(guide: Guide): Guide {
  return { ...guide, stages: guide.stages.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q, cues: [] })) })) } as Guide;
}

for (const set of SUGGEST_SETS) {
  if (only && !set.label.toLowerCase().includes(only)) continue;
  if (devOnly && isHeldOut(set)) continue;
  if (!existsSync(set.file)) {
    console.log(`${set.label}: (no file ${set.file} yet)`);
    continue;
  }
  const data = JSON.parse(readFileSync(set.file, 'utf8')) as EvaluationSet;
  const bundled = getBundledGuide(data.guide);
  if (!bundled) throw new Error(`${set.file}: no bundled guide "${data.guide}"`);
  const result = evaluate(noCues ? withoutQuestionCues(bundled) : bundled, data, undefined, options);
  const held = isHeldOut(set);
  console.log(
    `${set.label}${held ? ' [held out]' : ''}: asked ${pr(result.asked)} | evidence ${pr(result.evidence)} | red flags ${pr(result.redFlagCues)}`,
  );
  if (misses && !held) for (const w of result.asked.wrong) console.log(`    ${w}`);
}
