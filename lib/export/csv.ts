import Papa from 'papaparse';
import { isDraftNote, type InterviewBundle } from '../db/records';
import { formatOffset } from '../format';
import { indexGuide, interviewDate, timelineOrder } from './format';

/** Columns of the CSV export, in order. Names are fixed (not translated) so that formulas and scripts keep working. */
export const CSV_COLUMNS = [
  'interview_id',
  'candidate',
  'candidate_ref',
  'guide',
  'date',
  'kind',
  'stage',
  'item',
  'rating',
  'text',
  'offset',
  'offset_ms',
] as const;

/** What a CSV row records: a free or question note, a question's rating, a criterion's rating, a ticked red flag. */
export type CsvKind = 'recommendation' | 'criterion' | 'question' | 'red_flag' | 'note';

export interface CsvOptions {
  /**
   * Start with a UTF-8 byte order mark (default true): Excel reads a CSV without one in the system's legacy code
   * page and mangles every accented letter. Papa.parse and most tools skip it.
   */
  bom?: boolean;
  /**
   * Field separator (default `,`). Use `;` for Excel in locales whose decimal separator is a comma (e.g. Italian),
   * which opens a comma-separated file in one column.
   */
  delimiter?: ',' | ';';
}

/*
 * A cell starting with one of these is run as a formula by Excel, LibreOffice or Google Sheets (CSV injection,
 * OWASP). Papa's own `escapeFormulae: true` pattern ends in `.*$` without the s flag, so it misses a formula
 * followed by a line break ("=HYPERLINK(...)\nhello"); this pattern looks at the first character only.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

type Cell = string | number;

/**
 * Writes interviews as one CSV table (RFC 4180, CRLF line ends, quoted where needed by papaparse) with one row per
 * recommendation (rating + summary), criterion rating, question asked or rated, red flag ticked, and note (free or
 * on a question, with its call offset as `mm:ss` and in milliseconds). `date` is the interview's start (else
 * scheduled, else created) in ISO 8601 UTC; `rating` is the stored value (`strong-no`, `no`, `yes`, `strong-yes`).
 * Every text cell that a spreadsheet would run as a formula is prefixed with `'`; numbers are left as numbers.
 * The same BOM, CRLF and formula defusing apply with either delimiter; a cell holding the delimiter is quoted.
 */
export function interviewsToCsv(bundles: InterviewBundle[], options: CsvOptions = {}): string {
  const data: Cell[][] = [];
  for (const bundle of bundles) {
    const { interview } = bundle;
    const guide = bundle.guide;
    const index = indexGuide(guide);
    const date = new Date(interviewDate(interview)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const head = [interview.id, interview.candidateName, interview.candidateRef, guide.title, date];
    const row = (kind: CsvKind, stage: string, item: string, rating: string, text: string, offset: number | null) =>
      data.push([...head, kind, stage, item, rating, text, offset === null ? '' : formatOffset(offset), offset ?? '']);
    const stageTitle = (id: string | null) => (id === null ? '' : (index.stages.get(id)?.title ?? id));

    if (interview.recommendation !== null || interview.summary.trim() !== '') {
      row('recommendation', '', '', interview.recommendation ?? '', interview.summary, null);
    }
    const order = (ids: Iterable<string>) => new Map([...ids].map((id, i) => [id, i]));
    const criterionOrder = order(index.criteria.keys());
    const byGuide = <T>(rows: T[], id: (r: T) => string, positions: Map<string, number>) =>
      [...rows].sort((a, b) => (positions.get(id(a)) ?? Infinity) - (positions.get(id(b)) ?? Infinity));

    for (const r of byGuide(bundle.criterionRatings, (r) => r.criterionId, criterionOrder)) {
      if (r.rating === null && r.note.trim() === '') continue;
      row('criterion', '', index.criteria.get(r.criterionId)?.text ?? r.criterionId, r.rating ?? '', r.note, null);
    }
    for (const q of byGuide(bundle.questionStates, (q) => q.questionId, order(index.questions.keys()))) {
      if (!q.asked && q.rating === null && q.note.trim() === '') continue;
      const known = index.questions.get(q.questionId);
      row('question', known?.stage.title ?? stageTitle(q.stageId), known?.question.text ?? q.questionId, q.rating ?? '', q.note, null);
    }
    for (const f of byGuide(bundle.redFlagChecks, (f) => f.redFlagId, order(index.redFlags.keys()))) {
      if (!f.checked) continue;
      const known = index.redFlags.get(f.redFlagId);
      row('red_flag', known ? (known.stage?.title ?? '') : stageTitle(f.stageId), known?.item.text ?? f.redFlagId, '', f.note, null);
    }
    // A draft (still in the Notes box, not entered) is not a note of the record (issue 17).
    for (const n of bundle.notes.filter((note) => !isDraftNote(note)).sort(timelineOrder)) {
      const known = n.questionId === null ? undefined : index.questions.get(n.questionId);
      const stage = known?.stage.title ?? stageTitle(n.stageId);
      row('note', stage, known?.question.text ?? n.questionId ?? '', '', n.text, n.offsetMs);
    }
  }
  const csv = Papa.unparse({ fields: [...CSV_COLUMNS], data }, { escapeFormulae: FORMULA_START, newline: '\r\n', delimiter: options.delimiter ?? ',' });
  // Papa ends the header with a line break when there are no rows, and no row otherwise: end the file with exactly one.
  return `${options.bom === false ? '' : '\uFEFF'}${csv.endsWith('\r\n') ? csv : `${csv}\r\n`}`;
}
