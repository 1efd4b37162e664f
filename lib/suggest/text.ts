import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemItalian } from '@orama/stemmers/italian';
import { stopwords as englishStopwords } from '@orama/stopwords/english';
import { stopwords as italianStopwords } from '@orama/stopwords/italian';

/** The languages the matching understands; other guide locales fall back to English. */
export type SuggestLanguage = 'en' | 'it';

/** Picks the matching language from a guide locale tag ("it", "it-IT" → Italian; anything else → English). */
export function languageOf(locale: string): SuggestLanguage {
  return locale.toLowerCase().startsWith('it') ? 'it' : 'en';
}

/**
 * Negations are kept although the stop-word lists drop them: "never written tests" and "written tests" mean
 * opposite things for a red flag.
 */
const KEEP = new Set(['not', 'no', 'never', 'nor', 'non', 'mai', 'né', 'nessun', 'nessuno', 'nessuna', 'niente', 'senza', 'without']);

/**
 * Words that carry no topic in an interview line, on top of the libraries' stop words (Orama's lists for English
 * and Italian): question openers, talk fillers, and Italian elided articles that the tokenizer leaves behind.
 */
const EXTRA: Record<SuggestLanguage, string[]> = {
  en: ['tell', 'talk', 'walk', 'let', 'let\'s', 'us', 'okay', 'ok', 'yeah', 'yes', 'right', 'so', 'well', 'like', 'just', 'really', 'kind', 'sort', 'thing', 'things', 'think', 'say', 'mean', 'actually', 'maybe', 'also', 'get', 'got', 'go', 'going', 'one', 'bit', 'lot', 'um', 'uh', 'know', 'us', 'describe', 'explain', 'please', 'could', 'can', 'would', 'do', 'does', 'did', 'make', 'll', 've', 're', 'd', 'm', 's'],
  it: ['dimmi', 'dimmelo', 'raccontami', 'parlami', 'spiegami', 'allora', 'ok', 'okay', 'sì', 'si', 'beh', 'cioè', 'tipo', 'praticamente', 'diciamo', 'quindi', 'ecco', 'poi', 'cosa', 'cose', 'po', 'fare', 'fai', 'fatto', 'faresti', 'l', 'un', 'dell', 'all', 'dall', 'nell', 'sull', 'quest', 'quell', 'c', 'd', 'm', 't', 's', 'v', 'n', 'hai', 'ho', 'abbiamo', 'avete', 'sei', 'sono', 'puoi', 'potresti', 'vorrei', 'mi', 'ti', 'ci', 'ne'],
};

const STOP: Record<SuggestLanguage, Set<string>> = {
  en: new Set([...englishStopwords, ...EXTRA.en].filter((w) => !KEEP.has(w))),
  it: new Set([...italianStopwords, ...EXTRA.it].filter((w) => !KEEP.has(w))),
};

const STEM: Record<SuggestLanguage, (word: string) => string> = { en: stemEnglish, it: stemItalian };

/** Splits text into raw words: letters and digits, apostrophes and other punctuation split words. */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Turns one raw word into the term used for matching: lowercase, null for a stop word, else its Snowball stem
 * (from @orama/stemmers). Negations are kept (see KEEP); "nt" from "don't"/"haven't" becomes "not".
 */
export function processTerm(word: string, language: SuggestLanguage): string | null {
  const lower = word.toLowerCase();
  if (language === 'en' && (lower === 't' || lower === 'nt' || lower === 'cannot')) return 'not';
  if (language === 'en' && /n$/.test(lower) && ['don', 'didn', 'haven', 'hasn', 'won', 'wouldn', 'isn', 'wasn', 'aren', 'doesn', 'couldn', 'shouldn'].includes(lower)) return null;
  if (STOP[language].has(lower)) return null;
  if (lower.length < 2 && !/\d/.test(lower)) return null;
  return STEM[language](lower);
}

/** Negation terms after stemming (Snowball turns "nessuno" into "nessun", "niente" into "nient", "senza" into "senz"). */
const NEGATIONS = new Set(['not', 'no', 'never', 'nor', 'without', 'non', 'mai', 'né', 'nessun', 'nient', 'senz']);

/** Whether matching terms (as termsOf returns them) include a negation. */
export function hasNegation(terms: readonly string[]): boolean {
  return terms.some((t) => NEGATIONS.has(t));
}

/** The distinct matching terms of a text, in first-seen order. */
export function termsOf(text: string, language: SuggestLanguage): string[] {
  const out: string[] = [];
  for (const word of tokenize(text)) {
    const term = processTerm(word, language);
    if (term && !out.includes(term)) out.push(term);
  }
  return out;
}

/** How interviewer lines that ask something start (after an optional "so", "and", "ok"…), per language. */
const QUESTION_OPENERS: Record<SuggestLanguage, RegExp> = {
  en: /^(?:(?:so|and|ok|okay|right|now|then|also|well|alright|great|good)[\s,]+)*(?:how|what|what's|whats|why|when|where|which|who|whose|would|could|can|do|does|did|have|has|had|is|are|was|were|will|should|tell|walk|talk|take|describe|explain|give|show|imagine|suppose|say|let's|lets|if|design|pick|read|name|think|go)\b/i,
  it: /^(?:(?:allora|e|ok|okay|bene|perfetto|ora|adesso|poi|quindi)[\s,]+)*(?:come|cosa|che|perché|perche|quando|dove|quale|quali|quanto|quanti|quanta|chi|hai|avete|sei|sai|puoi|potresti|faresti|sceglieresti|useresti|è|c'è|ci|raccontami|raccontaci|parlami|parlaci|spiegami|spiegaci|dimmi|descrivi|descrivimi|immagina|supponi|supponiamo|mettiamo|prendi|progetta|leggi|mostrami|fammi|facciamo|se|pensa)\b/i,
};

/**
 * Whether an interviewer line asks something: it has a question mark, or a clause of it opens like a question or a
 * request ("walk me through…", "raccontami…"). Captions may drop the question mark, hence the openers.
 */
export function isQuestionForm(text: string, language: SuggestLanguage): boolean {
  if (text.includes('?')) return true;
  return text
    .split(/[.!;:\n]+/)
    .map((s) => s.trim())
    .some((clause) => QUESTION_OPENERS[language].test(clause));
}
