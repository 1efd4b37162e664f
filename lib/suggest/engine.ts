import MiniSearch, { type SearchResult } from 'minisearch';
import {
  ASKED_MARGIN,
  ASKED_MIN_SCORE,
  ASKED_MIN_TERMS,
  CANDIDATE_COVERED_MIN_SCORE,
  EVIDENCE_MIN_SCORE,
  EVIDENCE_MIN_TERMS,
  FOLLOW_UP_TOUCHED_SCORE,
  RED_FLAG_MIN_LINE_SHARE,
  RED_FLAG_MIN_SCORE,
  STAGE_WRAP_LEAD_MS,
  CONCEPT_MIN_SCORE,
  CONCEPT_MIN_SOURCES,
  CONCEPT_MARGIN_RATIO,
  CONCEPT_FOLLOW_UP_WEIGHT,
  CONCEPT_CUE_WEIGHT,
} from './constants';
import { ConceptMatcher } from './concepts';
import { hasNegation, isQuestionForm, termsOf, type SuggestLanguage } from './text';

/** One line of the transcript: who spoke, what was said, when (ms from the interview's start). */
export interface Utterance {
  speaker: 'interviewer' | 'candidate';
  text: string;
  atMs: number;
  /** The caller's id for the line (e.g. the stored utterance's id), echoed in events about it. */
  ref?: string;
}

/** A note the interviewer typed; it counts as evidence like a candidate line. */
export interface TypedNote {
  text: string;
  atMs: number;
  /** The question focused when the note was typed, if any. */
  questionId?: string;
  ref?: string;
}

/** What the engine needs of a stage: its questions, the guide's criteria and the red flags that apply. */
export interface SuggestStage {
  language: SuggestLanguage;
  /** The stage's planned length, null when the guide gives none (no stage wrap then). */
  durationMs: number | null;
  questions: { id: string; text: string; core: boolean; followUps: string[]; cues: string[] }[];
  criteria: { id: string; text: string; cues: string[] }[];
  redFlags: { id: string; text: string; cues: string[] }[];
}

/** Where an event's line came from: `line` is the 0-based position among everything heard (lines and notes). */
interface LineRef {
  atMs: number;
  line: number;
  source: 'transcript' | 'note';
  ref?: string;
  /** The triggering line's text, so the panel can show it. */
  text: string;
}

/** A follow-up of the current question, ranked by how little the answer has touched it. */
export interface RankedFollowUp {
  index: number;
  text: string;
  /** How much of the follow-up the answer so far says, in [0, 1]. */
  score: number;
  touched: boolean;
}

/** What the engine reports. Scores are in [0, 1] (see constants.ts). */
export type SuggestEvent =
  | ({ kind: 'asked'; questionId: string; score: number; followUpIndex?: number } & LineRef)
  | { kind: 'follow-ups'; atMs: number; questionId: string; ranking: RankedFollowUp[] }
  | ({ kind: 'evidence'; criterionId: string; score: number } & LineRef)
  | ({ kind: 'red-flag-cue'; redFlagId: string; score: number } & LineRef)
  | { kind: 'next'; atMs: number; questionId: string | null; partlyCovered: string[] }
  | { kind: 'stage-wrap'; atMs: number; notAsked: string[]; criteriaWithoutEvidence: string[] };

/** The concept matcher's thresholds (constants.ts by default; the evaluation may try others). */
export interface ConceptOptions {
  /** Off: only phrases mark questions asked (the matching before the concept lexicon). */
  enabled: boolean;
  minScore: number;
  minSources: number;
  marginRatio: number;
  followUpWeight: number;
  cueWeight: number;
  /** The line must be a question or a request ("tell me…", "raccontami…"). */
  questionForm: boolean;
}

export const DEFAULT_CONCEPT_OPTIONS: ConceptOptions = {
  enabled: true,
  minScore: CONCEPT_MIN_SCORE,
  minSources: CONCEPT_MIN_SOURCES,
  marginRatio: CONCEPT_MARGIN_RATIO,
  followUpWeight: CONCEPT_FOLLOW_UP_WEIGHT,
  cueWeight: CONCEPT_CUE_WEIGHT,
  questionForm: true,
};

/** A question's state as the engine sees it. `manual` states come from the interviewer and always win. */
export interface EngineQuestionState {
  asked: boolean;
  by: 'auto' | 'manual' | null;
}

interface Phrase {
  id: string;
  owner: string;
  followUpIndex?: number;
  text: string;
}

interface Match {
  owner: string;
  phrase: Phrase;
  score: number;
  terms: number;
  phraseTerms: number;
}

/** Splits a criterion or red flag into the parts a line can say one at a time ("X: a, b and c" → X, a, b and c). */
function parts(text: string): string[] {
  return text
    .split(/[:;,()"“”]|\s[-–—]\s/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * MiniSearch's score without its "quality" factor (it multiplies the BM25 sum by the number of matched query terms),
 * so that dividing by a phrase's own score gives the BM25-weighted share of the phrase's terms that a line says.
 */
const raw = (r: SearchResult) => r.score / Math.max(1, r.queryTerms.length);

/**
 * One MiniSearch index over short phrases, each owned by a question, criterion or red flag. A line's score on a
 * phrase is MiniSearch's BM25 score divided by the phrase's score against itself, so 1 means "says all of it".
 */
class PhraseIndex {
  private readonly search: MiniSearch<Phrase>;
  private readonly self = new Map<string, number>();
  private readonly termCount = new Map<string, number>();
  private readonly byId = new Map<string, Phrase>();

  constructor(
    phrases: Phrase[],
    private readonly language: SuggestLanguage,
  ) {
    this.search = new MiniSearch<Phrase>({
      fields: ['terms'],
      idField: 'id',
      extractField: (doc, field) => (field === 'terms' ? termsOf(doc.text, language).join(' ') : (doc as unknown as Record<string, string>)[field]),
      tokenize: (s) => s.split(' ').filter(Boolean),
      processTerm: (t) => t,
      searchOptions: { combineWith: 'OR', tokenize: (s) => s.split(' ').filter(Boolean), processTerm: (t) => t },
    });
    const kept = phrases.filter((p) => termsOf(p.text, language).length > 0);
    this.search.addAll(kept);
    for (const p of kept) {
      this.byId.set(p.id, p);
      const terms = termsOf(p.text, language);
      this.termCount.set(p.id, terms.length);
      const hit = this.search.search(terms.join(' '), { filter: (r) => r.id === p.id })[0];
      this.self.set(p.id, hit ? raw(hit) : 1);
    }
  }

  /** Every phrase the terms touch, with its share score. */
  match(terms: string[]): Match[] {
    if (terms.length === 0) return [];
    return this.search.search(terms.join(' ')).map((r: SearchResult) => {
      const phrase = this.byId.get(r.id as string)!;
      return {
        owner: phrase.owner,
        phrase,
        score: Math.min(1, raw(r) / (this.self.get(phrase.id) ?? 1)),
        terms: r.terms.length,
        phraseTerms: this.termCount.get(phrase.id) ?? 1,
      };
    });
  }

  /** The score of one phrase for the terms (0 when none of its terms are there). */
  scoreOf(terms: string[], phraseId: string): number {
    if (terms.length === 0) return 0;
    const hit = this.search.search(terms.join(' '), { filter: (r) => r.id === phraseId })[0];
    return hit ? Math.min(1, raw(hit) / (this.self.get(phraseId) ?? 1)) : 0;
  }

  get lang(): SuggestLanguage {
    return this.language;
  }
}

/** The best match per owner (highest score, then most terms). */
function bestPerOwner(matches: Match[]): Map<string, Match> {
  const best = new Map<string, Match>();
  for (const m of matches) {
    const prev = best.get(m.owner);
    if (!prev || m.score > prev.score || (m.score === prev.score && m.terms > prev.terms)) best.set(m.owner, m);
  }
  return best;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * The suggestion engine for one stage: feed it lines and notes in time order, it returns what changed.
 * Pure and synchronous (no storage, no timers); the caller stores marks and shows the events.
 */
export class SuggestEngine {
  private readonly questions: PhraseIndex;
  private readonly criteria: PhraseIndex;
  private readonly redFlags: PhraseIndex;
  private readonly concepts: ConceptMatcher;
  private readonly conceptOptions: ConceptOptions;
  private readonly states = new Map<string, EngineQuestionState>();
  /** Questions whose automatic mark the interviewer undid: never marked automatically again. */
  private readonly refused = new Set<string>();
  private readonly partly = new Set<string>();
  private readonly evidenced = new Set<string>();
  private readonly seen = new Set<string>();
  private current: string | null = null;
  private answerTerms: string[] = [];
  private lastRanking = '';
  private lastNext: string | undefined;
  private lineCount = 0;
  private startMs: number | null = null;
  private wrapped = false;

  constructor(
    private readonly stage: SuggestStage,
    options: Partial<ConceptOptions> = {},
  ) {
    const lang = stage.language;
    this.conceptOptions = { ...DEFAULT_CONCEPT_OPTIONS, ...options };
    const o = this.conceptOptions;
    this.concepts = new ConceptMatcher(
      stage.questions.map((q) => ({
        owner: q.id,
        fields: [
          { text: q.text, weight: 1 },
          ...q.followUps.map((text) => ({ text, weight: o.followUpWeight })),
          ...q.cues.map((text) => ({ text, weight: o.cueWeight })),
        ],
      })),
      lang,
    );
    this.questions = new PhraseIndex(
      stage.questions.flatMap((q) => [
        { id: `${q.id}#q`, owner: q.id, text: q.text },
        ...q.followUps.map((f, i) => ({ id: `${q.id}#f${i}`, owner: q.id, followUpIndex: i, text: f })),
        ...q.cues.map((c, i) => ({ id: `${q.id}#c${i}`, owner: q.id, text: c })),
      ]),
      lang,
    );
    // One-word parts of a criterion's text ("(loading, responsiveness, layout shift)") are left out: a passing
    // "it loads" or "the response" is no evidence. Cues are kept as written.
    const longParts = (text: string) => parts(text).filter((p) => termsOf(p, lang).length >= EVIDENCE_MIN_TERMS);
    this.criteria = new PhraseIndex(
      stage.criteria.flatMap((c) => [...longParts(c.text), ...c.cues].map((text, i) => ({ id: `${c.id}#${i}`, owner: c.id, text }))),
      lang,
    );
    this.redFlags = new PhraseIndex(
      stage.redFlags.flatMap((f) => [...parts(f.text), ...f.cues].map((text, i) => ({ id: `${f.id}#${i}`, owner: f.id, text }))),
      lang,
    );
    for (const q of stage.questions) this.states.set(q.id, { asked: false, by: null });
  }

  /** Sets the stage's start (ms on the same clock as `atMs`); by default the first line heard starts it. */
  startStage(atMs: number): void {
    this.startMs = atMs;
  }

  /** A question's state as the interviewer set it by hand; automatic marks never override it. */
  setManual(questionId: string, asked: boolean): void {
    this.states.set(questionId, { asked, by: 'manual' });
    if (asked) this.focus(questionId);
  }

  /** Undoes an automatic mark: the question is unasked again and not marked automatically again. */
  undo(questionId: string): void {
    const state = this.states.get(questionId);
    if (state?.by !== 'auto') return;
    this.states.set(questionId, { asked: false, by: null });
    this.refused.add(questionId);
    if (this.current === questionId) this.current = null;
  }

  /** Restores a question's state as stored (an automatic mark stays undoable), without moving the focus. */
  restore(questionId: string, state: EngineQuestionState): void {
    if (this.states.has(questionId)) this.states.set(questionId, state);
  }

  /**
   * Never marks this question automatically (an automatic mark the interviewer undid earlier, restored from
   * storage when the engine is rebuilt).
   */
  refuse(questionId: string): void {
    this.refused.add(questionId);
  }

  /** Makes a question the current one (its follow-ups get ranked against the answer from now on). */
  focus(questionId: string | null): void {
    if (questionId !== this.current) {
      this.current = questionId;
      this.answerTerms = [];
      this.lastRanking = '';
    }
  }

  /** Each question's state. */
  snapshot(): ReadonlyMap<string, EngineQuestionState> {
    return this.states;
  }

  /** Feeds one transcript line; returns the events it caused, in order. */
  hear(u: Utterance): SuggestEvent[] {
    const ref: LineRef = { atMs: u.atMs, line: this.lineCount++, source: 'transcript', text: u.text, ...(u.ref ? { ref: u.ref } : {}) };
    this.startMs ??= u.atMs;
    const terms = termsOf(u.text, this.stage.language);
    const events: SuggestEvent[] = [];
    if (u.speaker === 'interviewer') {
      const asked = this.matchAsked(terms, ref, u.text);
      if (asked) events.push(asked);
    } else {
      this.answerTerms.push(...terms.filter((t) => !this.answerTerms.includes(t)));
      events.push(...this.matchAnswer(terms, ref));
      this.noteCoverage(terms);
      const ranking = this.rankFollowUps(u.atMs);
      if (ranking) events.push(ranking);
    }
    events.push(...this.after(u.atMs));
    return events;
  }

  /** Feeds a typed note: evidence and red-flag cues like a candidate line (never marks a question asked). */
  note(n: TypedNote): SuggestEvent[] {
    const ref: LineRef = { atMs: n.atMs, line: this.lineCount++, source: 'note', text: n.text, ...(n.ref ? { ref: n.ref } : {}) };
    this.startMs ??= n.atMs;
    if (n.questionId) this.focus(n.questionId);
    const events = this.matchAnswer(termsOf(n.text, this.stage.language), ref);
    events.push(...this.after(n.atMs));
    return events;
  }

  /** Advances the clock without a line (for the stage wrap when nobody speaks). */
  tick(atMs: number): SuggestEvent[] {
    return this.after(atMs);
  }

  /** The scores of every question for an interviewer line, best first (for tuning and the CLI's --explain). */
  explain(text: string): { questionId: string; score: number; terms: number; phrase: string }[] {
    return [...bestPerOwner(this.questions.match(termsOf(text, this.stage.language))).values()]
      .sort((a, b) => b.score - a.score)
      .map((m) => ({ questionId: m.owner, score: round(m.score), terms: m.terms, phrase: m.phrase.text }));
  }

  /** The question a line asks by one of its phrases (the question, a follow-up, a cue), or null. */
  private phraseAsked(terms: string[]): { owner: string; score: number; followUpIndex?: number } | null {
    const ranked = [...bestPerOwner(this.questions.match(terms)).values()].sort((a, b) => b.score - a.score);
    const [top, second] = ranked;
    if (!top) return null;
    const enoughTerms = top.terms >= Math.min(ASKED_MIN_TERMS, top.phraseTerms) && top.terms >= ASKED_MIN_TERMS;
    if (top.score < ASKED_MIN_SCORE || !enoughTerms) return null;
    if (second && top.score - second.score < ASKED_MARGIN) return null;
    return { owner: top.owner, score: top.score, ...(top.phrase.followUpIndex !== undefined ? { followUpIndex: top.phrase.followUpIndex } : {}) };
  }

  /**
   * The question a line asks by its topic (lib/suggest/concepts.ts), for wordings no phrase has: the line must be a
   * question or a request, share at least CONCEPT_MIN_SOURCES words' worth of concepts with one question, score at
   * least CONCEPT_MIN_SCORE, and that score must be CONCEPT_MARGIN_RATIO times the next question's.
   */
  private conceptAsked(terms: string[], text: string): { owner: string; score: number; followUpIndex?: number } | null {
    const o = this.conceptOptions;
    if (!o.enabled || (o.questionForm && !isQuestionForm(text, this.stage.language))) return null;
    const [top, second] = this.concepts.rank(terms);
    if (!top || top.sources < o.minSources || top.score < o.minScore) return null;
    if (second && top.score < o.marginRatio * second.score) return null;
    return { owner: top.owner, score: Math.min(1, top.score / (o.minScore * 2)) };
  }

  private matchAsked(terms: string[], ref: LineRef, text: string): SuggestEvent | null {
    const top: { owner: string; score: number; followUpIndex?: number } | null = this.phraseAsked(terms) ?? this.conceptAsked(terms, text);
    if (!top) return null;
    const state = this.states.get(top.owner);
    if (!state || state.by === 'manual' || this.refused.has(top.owner)) return null;
    this.focus(top.owner);
    if (state.asked) return null;
    this.states.set(top.owner, { asked: true, by: 'auto' });
    return {
      kind: 'asked',
      questionId: top.owner,
      score: round(top.score),
      ...(top.followUpIndex !== undefined ? { followUpIndex: top.followUpIndex } : {}),
      ...ref,
    };
  }

  private matchAnswer(terms: string[], ref: LineRef): SuggestEvent[] {
    const flags = this.matchRedFlags(terms, ref);
    // A line that raises a red-flag cue is not evidence for a criterion ("never used logs or metrics").
    if (flags.length > 0) return flags;
    const events: SuggestEvent[] = [];
    for (const m of bestPerOwner(this.criteria.match(terms)).values()) {
      const key = `${m.owner}@${ref.line}`;
      if (m.score < EVIDENCE_MIN_SCORE || m.terms < Math.min(EVIDENCE_MIN_TERMS, m.phraseTerms) || this.seen.has(key)) continue;
      this.seen.add(key);
      this.evidenced.add(m.owner);
      events.push({ kind: 'evidence', criterionId: m.owner, score: round(m.score), ...ref });
    }
    return events;
  }

  private matchRedFlags(terms: string[], ref: LineRef): SuggestEvent[] {
    const events: SuggestEvent[] = [];
    for (const m of bestPerOwner(this.redFlags.match(terms)).values()) {
      const key = `!${m.owner}@${ref.line}`;
      if (m.score < RED_FLAG_MIN_SCORE || m.terms / terms.length < RED_FLAG_MIN_LINE_SHARE || this.seen.has(key)) continue;
      // A phrase with a negation ("never read a query plan") needs one in the line: "I'd read the query plan" is no cue.
      if (hasNegation(termsOf(m.phrase.text, this.stage.language)) && !hasNegation(terms)) continue;
      this.seen.add(key);
      events.push({ kind: 'red-flag-cue', redFlagId: m.owner, score: round(m.score), ...ref });
    }
    return events;
  }

  /** Marks unasked questions whose topic the candidate brought up unprompted as partly covered. */
  private noteCoverage(terms: string[]): void {
    for (const m of bestPerOwner(this.questions.match(terms)).values()) {
      if (m.owner === this.current || this.states.get(m.owner)?.asked) continue;
      if (m.score >= CANDIDATE_COVERED_MIN_SCORE && m.terms >= ASKED_MIN_TERMS) this.partly.add(m.owner);
    }
  }

  private rankFollowUps(atMs: number): SuggestEvent | null {
    const question = this.stage.questions.find((q) => q.id === this.current);
    if (!question || question.followUps.length === 0) return null;
    const ranking = question.followUps
      .map((text, index) => {
        const score = round(this.questions.scoreOf(this.answerTerms, `${question.id}#f${index}`));
        return { index, text, score, touched: score >= FOLLOW_UP_TOUCHED_SCORE };
      })
      .sort((a, b) => Number(a.touched) - Number(b.touched) || a.score - b.score || a.index - b.index);
    const key = ranking.map((r) => `${r.index}:${r.touched}`).join(',');
    if (key === this.lastRanking) return null;
    this.lastRanking = key;
    return { kind: 'follow-ups', atMs, questionId: question.id, ranking };
  }

  /** The next question: unasked, not the current one, core first, then not partly covered, fitting the time left. */
  nextQuestion(atMs: number): { questionId: string | null; partlyCovered: string[] } {
    const unasked = this.stage.questions.filter((q) => !this.states.get(q.id)?.asked && q.id !== this.current);
    const perQuestion = this.stage.durationMs && this.stage.questions.length ? this.stage.durationMs / this.stage.questions.length : null;
    const remaining = this.stage.durationMs !== null && this.startMs !== null ? this.stage.durationMs - (atMs - this.startMs) : null;
    const fits = () => perQuestion === null || remaining === null || perQuestion <= remaining;
    const order = [...unasked].sort(
      (a, b) => Number(b.core) - Number(a.core) || Number(this.partly.has(a.id)) - Number(this.partly.has(b.id)),
    );
    const next = order.find(fits) ?? null;
    return { questionId: next?.id ?? null, partlyCovered: unasked.filter((q) => this.partly.has(q.id)).map((q) => q.id) };
  }

  private after(atMs: number): SuggestEvent[] {
    const events: SuggestEvent[] = [];
    const next = this.nextQuestion(atMs);
    const key = `${next.questionId}|${next.partlyCovered.join(',')}`;
    if (key !== this.lastNext) {
      this.lastNext = key;
      events.push({ kind: 'next', atMs, ...next });
    }
    if (!this.wrapped && this.stage.durationMs !== null && this.startMs !== null && atMs - this.startMs >= this.stage.durationMs - STAGE_WRAP_LEAD_MS) {
      this.wrapped = true;
      events.push({
        kind: 'stage-wrap',
        atMs,
        notAsked: this.stage.questions.filter((q) => !this.states.get(q.id)?.asked).map((q) => q.id),
        criteriaWithoutEvidence: this.stage.criteria.filter((c) => !this.evidenced.has(c.id)).map((c) => c.id),
      });
    }
    return events;
  }
}
