import { CONCEPTS } from './lexicon';
import { termsOf, type SuggestLanguage } from './text';

/**
 * Concept features (lib/suggest/lexicon.ts): a text's matching terms with every lexicon word or phrase replaced by its
 * concept ("~speed" for "slow", "latency", "lento"…). Guide texts and lines go through the same mapping, so two
 * wordings of one topic share features even when they share no word.
 */

interface LanguageLexicon {
  /** Stem → the concepts a one-word entry gives. */
  single: Map<string, string[]>;
  /** Entries of several words: all their stems must be in the text. */
  multi: { stems: string[]; concept: string }[];
}

const built = new Map<SuggestLanguage, LanguageLexicon>();

/**
 * Words of interview talk that name no topic ("work", "time", "last", "next", "lavoro", "volta"…): left out of the
 * concept features on both sides, so that "your last company" and "the last postmortem" share nothing.
 */
const GENERIC: Record<SuggestLanguage, string[]> = {
  en: ['work', 'worked', 'working', 'works', 'time', 'times', 'last', 'next', 'first', 'way', 'ways', 'something', 'anything', 'happen', 'happens', 'happened', 'use', 'used', 'using', 'need', 'needs', 'needed', 'want', 'wanted', 'made', 'keep', 'kept', 'find', 'found', 'new', 'old', 'good', 'part', 'people', 'person', 'someone', 'recently', 'today', 'day', 'week', 'year', 'years', 'still', 'ever', 'example', 'case', 'end', 'start', 'help', 'try', 'tried', 'look', 'see', 'come', 'came', 'put', 'take', 'took', 'give', 'gave', 'handle', 'deal', 'done', 'big', 'small', 'long', 'much', 'many', 'lot', 'whole', 'different', 'same', 'other', 'another', 'sure', 'able', 'place', 'point', 'piece', 'company', 'job', 'project', 'role', 'here', 'there'],
  it: ['lavoro', 'lavorare', 'lavorato', 'volta', 'volte', 'ultimo', 'ultima', 'prossimo', 'prossima', 'primo', 'prima', 'modo', 'modi', 'qualcosa', 'succede', 'successo', 'usare', 'usato', 'serve', 'servito', 'vuoi', 'tenere', 'trovare', 'trovato', 'nuovo', 'nuova', 'vecchio', 'buono', 'parte', 'persone', 'persona', 'qualcuno', 'recente', 'recentemente', 'oggi', 'giorno', 'settimana', 'anno', 'anni', 'ancora', 'mai', 'esempio', 'caso', 'fine', 'inizio', 'aiutare', 'provare', 'provato', 'guardare', 'vedere', 'mettere', 'messo', 'prendere', 'dare', 'gestire', 'gestito', 'grande', 'piccolo', 'lungo', 'molto', 'tanto', 'tanti', 'intero', 'diverso', 'diversi', 'stesso', 'stessa', 'altro', 'altra', 'sicuro', 'punto', 'pezzo', 'azienda', 'progetto', 'ruolo', 'qui', 'qua', 'lì', 'là'],
};
const genericStems = new Map<SuggestLanguage, Set<string>>();
function generic(language: SuggestLanguage): Set<string> {
  let set = genericStems.get(language);
  if (!set) {
    set = new Set(GENERIC[language].flatMap((w) => termsOf(w, language)));
    genericStems.set(language, set);
  }
  return set;
}

function lexicon(language: SuggestLanguage): LanguageLexicon {
  let lex = built.get(language);
  if (lex) return lex;
  lex = { single: new Map(), multi: [] };
  for (const group of CONCEPTS) {
    const concept = `~${group.id}`;
    for (const entry of group[language]) {
      const stems = termsOf(entry, language);
      // "another team" without its stop word would make "team" alone the concept: a phrase keeps all its words or goes.
      const words = entry.split(/\s+/).length;
      if (words > 1 && stems.length < 2) continue;
      if (stems.length === 1) {
        const list = lex.single.get(stems[0]!) ?? [];
        if (!list.includes(concept)) list.push(concept);
        lex.single.set(stems[0]!, list);
      } else if (stems.length > 1) lex.multi.push({ stems, concept });
    }
  }
  built.set(language, lex);
  return lex;
}

/** Features of matching terms: concept ids and the terms no concept covers, each with the terms it came from. */
export function featuresOf(terms: readonly string[], language: SuggestLanguage): Map<string, Set<string>> {
  const lex = lexicon(language);
  const out = new Map<string, Set<string>>();
  const add = (feature: string, sources: readonly string[]) => {
    const set = out.get(feature) ?? new Set<string>();
    for (const s of sources) set.add(s);
    out.set(feature, set);
  };
  const covered = new Set<string>();
  const present = new Set(terms);
  for (const { stems, concept } of lex.multi) {
    if (stems.every((s) => present.has(s))) {
      add(concept, stems);
      for (const s of stems) covered.add(s);
    }
  }
  for (const term of terms) {
    const concepts = lex.single.get(term);
    if (concepts) {
      for (const c of concepts) add(c, [term]);
      covered.add(term);
    }
  }
  const skip = generic(language);
  for (const term of terms) if (!covered.has(term) && !skip.has(term)) add(term, [term]);
  return out;
}

/** What the concept matcher found for one question. */
export interface ConceptMatch {
  owner: string;
  /** Sum over shared features of the question's weight for it times its rarity among the stage's questions. */
  score: number;
  /** Distinct line terms behind the shared features (two concepts from one word count once). */
  sources: number;
  /** The shared features, for explaining. */
  shared: string[];
}

/** One question's texts for the concept matcher, each with the weight its features get. */
export interface ConceptDoc {
  owner: string;
  fields: { text: string; weight: number }[];
}

/**
 * Scores a line against each question by the concept features they share, weighted by the field they come from
 * (the question's text counts more than its follow-ups and cues) and by rarity among the stage's questions (a feature
 * every question has tells them apart least): Σ weight × ln(1 + N / df).
 */
export class ConceptMatcher {
  private readonly weights = new Map<string, Map<string, number>>();
  private readonly idf = new Map<string, number>();

  constructor(
    docs: ConceptDoc[],
    private readonly language: SuggestLanguage,
    private readonly ignore: ReadonlySet<string> = new Set(),
  ) {
    const df = new Map<string, number>();
    for (const doc of docs) {
      const w = new Map<string, number>();
      for (const field of doc.fields) {
        for (const feature of featuresOf(termsOf(field.text, language), language).keys()) {
          if (this.ignore.has(feature)) continue;
          w.set(feature, Math.max(w.get(feature) ?? 0, field.weight));
        }
      }
      this.weights.set(doc.owner, w);
      for (const f of w.keys()) df.set(f, (df.get(f) ?? 0) + 1);
    }
    for (const [f, n] of df) this.idf.set(f, Math.log(1 + docs.length / n));
  }

  /** Every question sharing a feature with the terms, best first. */
  rank(terms: readonly string[]): ConceptMatch[] {
    const features = featuresOf(terms, this.language);
    const out: ConceptMatch[] = [];
    for (const [owner, w] of this.weights) {
      let score = 0;
      const sources = new Set<string>();
      const shared: string[] = [];
      for (const [f, from] of features) {
        const weight = w.get(f);
        if (!weight) continue;
        score += weight * (this.idf.get(f) ?? 0);
        shared.push(f);
        for (const s of from) sources.add(s);
      }
      if (shared.length > 0) out.push({ owner, score, sources: sources.size, shared });
    }
    return out.sort((a, b) => b.score - a.score);
  }
}
