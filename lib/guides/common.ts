/**
 * Pieces shared by the Markdown and pasted-text importers: section headings in English and Italian, durations,
 * the "How to hire a …" title line, skills lists and a language guess. Pure functions, no Node or DOM APIs.
 */

/** The sections a guide document is made of. */
export type SectionKind = 'summary' | 'skills' | 'criteria' | 'stages' | 'tips' | 'redFlags' | 'questions';

/** Headings recognised for each section, lowercase, accents folded, apostrophes straight. */
const SECTION_HEADINGS: Record<SectionKind, readonly string[]> = {
  summary: ['summary', 'overview', 'about the role', 'the role', 'sommario', 'panoramica', 'il ruolo', 'descrizione'],
  skills: ['skills', 'key skills', 'core skills', 'required skills', 'competenze', 'competenze chiave', 'competenze richieste'],
  criteria: [
    'what to look for',
    'things to look for',
    'what we look for',
    'look for',
    'evaluation criteria',
    'scorecard',
    'cosa cercare',
    'cosa valutare',
    'criteri di valutazione',
  ],
  stages: [
    'hiring process',
    'the hiring process',
    'interview process',
    'the interview process',
    'interview stages',
    'stages',
    'il processo di assunzione',
    'processo di assunzione',
    'il processo di selezione',
    'processo di selezione',
    'fasi',
    'fasi del colloquio',
    'le fasi del colloquio',
  ],
  tips: ['interview tips', 'tips', 'tips for the interview', 'consigli per il colloquio', 'consigli per i colloqui', 'consigli'],
  redFlags: [
    'red flags',
    'red flags to watch for',
    'warning signs',
    "segnali d'allarme",
    'segnali di allarme',
    "campanelli d'allarme",
  ],
  questions: ['questions', 'interview questions', 'domande', 'domande del colloquio'],
};

const HEADING_INDEX = new Map<string, SectionKind>(
  Object.entries(SECTION_HEADINGS).flatMap(([kind, names]) => names.map((n) => [n, kind as SectionKind] as const)),
);

/** Lowercases, folds accents and curly apostrophes, drops Markdown `#`s, bold markers and a trailing colon. */
export function normalizeHeading(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’`´]/g, "'")
    .replace(/^\s*#+\s*/, '')
    .replace(/[*_]/g, '')
    .replace(/[\s:?.!]+$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Which section a heading line names, or undefined when it names none. */
export function classifyHeading(text: string): SectionKind | undefined {
  return HEADING_INDEX.get(normalizeHeading(text));
}

/** Section headings to write when exporting a guide in the given language. */
export function sectionTitles(locale: string): Record<Exclude<SectionKind, 'summary'>, string> {
  return locale.startsWith('it')
    ? {
        skills: 'Competenze',
        criteria: 'Cosa cercare',
        stages: 'Il processo di assunzione',
        questions: 'Domande',
        tips: 'Consigli per il colloquio',
        redFlags: "Segnali d'allarme",
      }
    : {
        skills: 'Skills',
        criteria: 'What to look for',
        stages: 'Hiring process',
        questions: 'Questions',
        tips: 'Interview tips',
        redFlags: 'Red flags',
      };
}

/** Collapses runs of whitespace (including line breaks) to one space and trims. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The role named by a "How to hire a …" / "Come assumere un/a …" line, without the page furniture that often follows
 * it ("— Complete Hiring Guide (2026) | Site"). Undefined when the line is not such a line.
 */
export function roleFromHireLine(line: string): string | undefined {
  const match = /^\s*(?:how\s+to\s+hire\s+(?:an?\s+|the\s+)?|come\s+assumere\s+(?:un\/una\s+|un\/a\s+|un'\s*|una\s+|uno\s+|un\s+)?)(.+)$/i.exec(
    line,
  );
  if (!match?.[1]) return undefined;
  const role = match[1].split(/\s+[—–|-]\s+|\s*\|\s*|:\s+/)[0]?.trim().replace(/[.:]+$/, '');
  return role || undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Durations

const NUMBER = String.raw`(\d{1,3}(?:[.,]\d)?)`;
const UNIT = String.raw`(minutes?|mins?|minuti|minuto|m|hours?|hrs?|h|ore|ora)`;
const AMOUNT = String.raw`${NUMBER}(?:\s*(?:-|–|—|to|a)\s*${NUMBER})?\s*-?\s*${UNIT}(?![a-z])`;

function toMinutes(match: RegExpExecArray, first: number): number | undefined {
  const low = Number((match[first] ?? '').replace(',', '.'));
  const upper = match[first + 1];
  const high = upper === undefined ? low : Number(upper.replace(',', '.'));
  const unit = (match[first + 2] ?? '').toLowerCase();
  const hours = /^(h|hrs?|hours?|ore|ora)$/.test(unit);
  // A range ("45–60 min") plans for its upper end: the stage timer should not run out before the stage can.
  const minutes = Math.round(Math.max(low, high) * (hours ? 60 : 1));
  return minutes > 0 && minutes <= 600 ? minutes : undefined;
}

/**
 * Finds a stage duration in a stage title and removes it: `Technical screen (45 min)`, `45-minute technical screen`,
 * `Onsite — 3 hours`. Hours become minutes; a range takes its upper end. Returns the title unchanged and no
 * minutes when there is none.
 */
export function takeDurationFromTitle(title: string): { text: string; minutes?: number } {
  const inParens = takeParenthesised(title);
  if (inParens.minutes !== undefined) return { text: tidyTitle(inParens.text), minutes: inParens.minutes };
  const loose = new RegExp(String.raw`(?:^|\s)(?:in\s+)?${AMOUNT}(?:-long|\s+long)?(?=\s|[,.;:—–-]|$)`, 'i').exec(title);
  if (!loose) return { text: title };
  const minutes = toMinutes(loose, 1);
  if (minutes === undefined) return { text: title };
  return { text: tidyTitle(title.slice(0, loose.index) + ' ' + title.slice(loose.index + loose[0].length)), minutes };
}

/**
 * Finds a stage duration in a stage description: a parenthesised one (`(30 min call)`) or a sentence that is only a
 * duration (`45 minutes.`, `Duration: 1 hour.`) is removed; one inside prose (`a 60-minute session`) is read but the
 * sentence is left as written.
 */
export function takeDurationFromDescription(description: string): { text: string; minutes?: number } {
  const inParens = takeParenthesised(description);
  if (inParens.minutes !== undefined) {
    return { text: collapseSpace(inParens.text).replace(/\s+([,.;:!?])/g, '$1'), minutes: inParens.minutes };
  }
  const sentence = new RegExp(
    String.raw`(^|[.!?;]\s+)(?:(?:duration|durata|length|timebox|time|tempo)\s*[:\-–]\s*)?(?:about|around|roughly|approximately|approx\.|circa|~)?\s*${AMOUNT}\s*[.;]?(?=\s|$)`,
    'i',
  ).exec(description);
  if (sentence) {
    const minutes = toMinutes(sentence, 2);
    if (minutes !== undefined) {
      const before = description.slice(0, sentence.index) + (sentence[1] ?? '').trimEnd();
      return { text: collapseSpace(`${before} ${description.slice(sentence.index + sentence[0].length)}`), minutes };
    }
  }
  const prose = new RegExp(
    String.raw`\b${AMOUNT}\s+(?:call|interview|session|screen|chat|conversation|round|meeting|exercise|presentation|colloquio|chiamata)`,
    'i',
  ).exec(description);
  if (prose) {
    const minutes = toMinutes(prose, 1);
    if (minutes !== undefined) return { text: description, minutes };
  }
  return { text: description };
}

function takeParenthesised(text: string): { text: string; minutes?: number } {
  const amount = new RegExp(AMOUNT, 'i');
  for (const group of text.matchAll(/\s*\(([^()]*)\)/g)) {
    const found = amount.exec(group[1] ?? '');
    const minutes = found ? toMinutes(found, 1) : undefined;
    if (minutes !== undefined) {
      return { text: text.slice(0, group.index) + ' ' + text.slice(group.index + group[0].length), minutes };
    }
  }
  return { text };
}

/** Drops separators left dangling by a removed duration and restores a capital first letter. */
function tidyTitle(title: string): string {
  const tidy = collapseSpace(title)
    .replace(/^[\s,;:—–-]+|[\s,;:—–-]+$/g, '')
    .replace(/\s+([,;:])/g, '$1');
  return tidy.charAt(0).toUpperCase() + tidy.slice(1);
}

// ---------------------------------------------------------------------------------------------------------------
// Skills

/**
 * Names whose capitals would otherwise be read as word boundaries when skills were pasted run together
 * ("PythonPostgreSQLDocker"). Matched whole and case-sensitively; acronyms only when no lowercase letter follows,
 * so "RESTful" stays one word.
 */
const KNOWN_TERMS = [
  'PostgreSQL', 'MySQL', 'GraphQL', 'NoSQL', 'SQLite', 'MongoDB', 'DynamoDB', 'CouchDB', 'CockroachDB', 'DuckDB',
  'InfluxDB', 'ClickHouse', 'BigQuery', 'JavaScript', 'TypeScript', 'CoffeeScript', 'GitHub', 'GitLab', 'DevOps',
  'MLOps', 'GitOps', 'FinOps', 'DataOps', 'iOS', 'macOS', 'watchOS', 'tvOS', 'iPadOS', 'SwiftUI', 'UIKit', 'WebSockets',
  'WebSocket', 'WebAssembly', 'WebGL', 'WebRTC', 'OAuth', 'OpenAPI', 'OpenTelemetry', 'OpenShift', 'OpenSearch',
  'CloudFormation', 'CloudWatch', 'PyTorch', 'TensorFlow', 'NumPy', 'SciPy', 'LangChain', 'FastAPI', 'NestJS',
  'RabbitMQ', 'ActiveMQ', 'ElasticSearch', 'PagerDuty', 'ArgoCD', 'IntelliJ', 'jQuery', 'RxJS', 'MobX', 'NgRx',
  'TailwindCSS', 'CI/CD', 'HTML', 'CSS', 'SQL', 'REST', 'AWS', 'GCP', 'API', 'SRE', 'ETL', 'ELT', 'LLM', 'SLO', 'UX',
].sort((a, b) => b.length - a.length);

/**
 * Splits a skills line into skills: on commas, semicolons, bars, middle dots or bullets when it has them; otherwise,
 * for skills pasted run together without separators, at lowercase-to-capital boundaries and around known names.
 * `runTogether` tells the caller the second, less certain rule was used.
 */
export function splitSkills(line: string): { skills: string[]; runTogether: boolean } {
  const trimmed = line.trim();
  if (/[,;|·•]|\t| {2,}/.test(trimmed)) {
    return { skills: trimmed.split(/[,;|·•\t]| {2,}/).map(collapseSpace).filter(Boolean), runTogether: false };
  }
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) parts.push(collapseSpace(current));
    current = '';
  };
  for (let i = 0; i < trimmed.length; ) {
    const previous = trimmed.charAt(i - 1);
    // A known name starts a new skill only at a word boundary, so "RAPID" is not read as "R" + "API" + "D".
    const atBoundary = i === 0 || current === '' || !isUpper(previous);
    const term = atBoundary
      ? KNOWN_TERMS.find((t) => trimmed.startsWith(t, i) && !/[a-z]/.test(trimmed.charAt(i + t.length)))
      : undefined;
    if (term) {
      if (!/[\s/&+-]$/.test(current)) flush();
      current += term;
      i += term.length;
      if (!/^[\s/&+-]/.test(trimmed.slice(i))) flush();
      continue;
    }
    const char = trimmed.charAt(i);
    if (isUpper(char) && /[a-z]$/.test(current)) flush();
    current += char;
    i++;
  }
  flush();
  return parts.length > 1 ? { skills: parts, runTogether: true } : { skills: [collapseSpace(trimmed)], runTogether: false };
}

function isUpper(char: string): boolean {
  return char !== char.toLowerCase() && char === char.toUpperCase();
}

// ---------------------------------------------------------------------------------------------------------------
// Language

const ENGLISH = new Set(['the', 'and', 'of', 'to', 'with', 'for', 'is', 'are', 'how', 'what', 'you', 'your', 'they', 'their', 'this', 'that', 'when', 'about']);
const ITALIAN = new Set(['il', 'lo', 'la', 'gli', 'le', 'di', 'che', 'per', 'con', 'una', 'e', 'è', 'sono', 'come', 'cosa', 'del', 'della', 'dei', 'nel', 'alla', 'non', 'si', 'quando']);

/** Guesses English or Italian from common short words; English when unsure. */
export function guessLocale(texts: readonly string[]): 'en' | 'it' {
  let en = 0;
  let it = 0;
  for (const word of texts.join(' ').toLowerCase().split(/[^a-zàèéìòù']+/)) {
    if (ENGLISH.has(word)) en++;
    if (ITALIAN.has(word)) it++;
  }
  return it > en ? 'it' : 'en';
}

/** Labels that start a line of cues under a question, criterion or red flag, lowercase: English and Italian. */
const CUE_LABELS = ['cues', 'cue', 'spunti', 'indizi'] as const;

/**
 * Reads a cue line (docs/guide-format.md, "Cues"): `Cues: SQL or NoSQL; Postgres or MongoDB` (or `Spunti:` in
 * Italian; bold or italic markers around the label are fine) → `["SQL or NoSQL", "Postgres or MongoDB"]`. Cues are
 * separated by semicolons. Undefined when the line is not a cue line, so a follow-up is never read as cues.
 */
export function parseCueLine(line: string): string[] | undefined {
  const match = /^\s*[*_]*\s*([A-Za-z]+)\s*[*_]*\s*:\s*[*_]*\s*(.*)$/.exec(line);
  if (!match || !CUE_LABELS.includes((match[1] ?? '').toLowerCase() as (typeof CUE_LABELS)[number])) return undefined;
  const cues = (match[2] ?? '')
    .split(';')
    .map((cue) => collapseSpace(cue))
    .filter(Boolean);
  return cues;
}

/** The cue line to write for a guide in the given language: `Cues: a; b` (`Spunti: a; b` in Italian). */
export function cueLine(cues: readonly string[], locale: string): string {
  return `${locale.startsWith('it') ? 'Spunti' : 'Cues'}: ${cues.join('; ')}`;
}
