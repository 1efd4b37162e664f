import type { Guide } from '../guides/schema';
import { SuggestEngine, type ConceptOptions } from './engine';
import { suggestStage } from './guide';

/**
 * The evaluation set's shape (tests/fixtures/suggest/*.json): interviewer lines with the question each one asks
 * (null for small talk and questions not in the stage) and candidate lines with the criteria and red flags they
 * should raise.
 */
export interface EvaluationSet {
  guide: string;
  interviewer: { stage: string; text: string; expect: string | null; shared?: boolean }[];
  /** Candidate answers; a set of interviewer lines only may leave them out. */
  answers?: { stage: string; text: string; criteria: string[]; redFlags: string[] }[];
}

/** Precision and recall of one kind of event; `wrong` lists the false positives and misses for tuning. */
export interface Figures {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  wrong: string[];
}

/** Every kind's figures, and each line's matching time (ms) for percentiles. */
export interface Evaluation {
  asked: Figures;
  evidence: Figures;
  redFlagCues: Figures;
  timesMs: number[];
}

function figures(tp: number, fp: number, fn: number, wrong: string[]): Figures {
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    wrong,
  };
}

/**
 * Runs every line of the set through a fresh engine for its stage (each line alone, so one line's mark does not
 * hide another's) and counts hits. `now` gives a clock in ms for the timings (performance.now by default).
 */
export function evaluate(
  guide: Guide,
  set: EvaluationSet,
  now: () => number = () => performance.now(),
  options: Partial<ConceptOptions> = {},
): Evaluation {
  const timesMs: number[] = [];
  const engines = new Map<string, () => SuggestEngine>();
  const engineFor = (stageId: string) => {
    let make = engines.get(stageId);
    if (!make) {
      const stage = suggestStage(guide, stageId);
      make = () => new SuggestEngine(stage, options);
      engines.set(stageId, make);
    }
    return make();
  };
  const timed = <T>(f: () => T): T => {
    const start = now();
    const out = f();
    timesMs.push(now() - start);
    return out;
  };

  let tp = 0, fp = 0, fn = 0;
  const wrongAsked: string[] = [];
  for (const line of set.interviewer) {
    const engine = engineFor(line.stage);
    const events = timed(() => engine.hear({ speaker: 'interviewer', text: line.text, atMs: 0 }));
    const asked = events.find((e) => e.kind === 'asked');
    const got = asked?.kind === 'asked' ? asked.questionId : null;
    if (got && got === line.expect) tp++;
    else {
      if (got) fp++;
      if (line.expect) fn++;
      if (got || line.expect) wrongAsked.push(`${line.text} → ${got ?? 'nothing'} (expected ${line.expect ?? 'nothing'})`);
    }
  }

  let etp = 0, efp = 0, efn = 0, rtp = 0, rfp = 0, rfn = 0;
  const wrongEvidence: string[] = [];
  const wrongFlags: string[] = [];
  for (const answer of set.answers ?? []) {
    const engine = engineFor(answer.stage);
    const events = timed(() => engine.hear({ speaker: 'candidate', text: answer.text, atMs: 0 }));
    const criteria = new Set(events.flatMap((e) => (e.kind === 'evidence' ? [e.criterionId] : [])));
    const flags = new Set(events.flatMap((e) => (e.kind === 'red-flag-cue' ? [e.redFlagId] : [])));
    for (const id of criteria) {
      if (answer.criteria.includes(id)) etp++;
      else {
        efp++;
        wrongEvidence.push(`+${id}: ${answer.text}`);
      }
    }
    for (const id of answer.criteria.filter((c) => !criteria.has(c))) {
      efn++;
      wrongEvidence.push(`-${id}: ${answer.text}`);
    }
    for (const id of flags) {
      if (answer.redFlags.includes(id)) rtp++;
      else {
        rfp++;
        wrongFlags.push(`+${id}: ${answer.text}`);
      }
    }
    for (const id of answer.redFlags.filter((f) => !flags.has(f))) {
      rfn++;
      wrongFlags.push(`-${id}: ${answer.text}`);
    }
  }
  return {
    asked: figures(tp, fp, fn, wrongAsked),
    evidence: figures(etp, efp, efn, wrongEvidence),
    redFlagCues: figures(rtp, rfp, rfn, wrongFlags),
    timesMs,
  };
}
