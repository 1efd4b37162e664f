import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { InterviewBundle } from '../../lib/db/records';
import { CSV_COLUMNS, interviewsToCsv } from '../../lib/export/csv';
import { csvDelimiterFor } from '../../lib/settings';
import { expectGolden, loadGoldenBundle } from '../fixtures/golden/golden';

type CsvRecord = Record<(typeof CSV_COLUMNS)[number], string>;

function rows(csv: string): CsvRecord[] {
  const result = Papa.parse<CsvRecord>(csv, { header: true, skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  expect(result.meta.fields).toEqual([...CSV_COLUMNS]);
  return result.data;
}

/** The golden interview with one free note whose text is `text`, and nothing else. */
function withNote(text: string, candidateName = 'Alex Rivera'): InterviewBundle {
  const bundle = loadGoldenBundle();
  bundle.interview = { ...bundle.interview, candidateName, recommendation: null, summary: '' };
  bundle.questionStates = [];
  bundle.redFlagChecks = [];
  bundle.criterionRatings = [];
  bundle.notes = [{ id: 'n1', interviewId: bundle.interview.id, questionId: null, stageId: null, text, offsetMs: 1000, createdAt: 1, updatedAt: 1 }];
  return bundle;
}

describe('CSV export', () => {
  it('matches the golden CSV', () => {
    expectGolden('interviews.csv', interviewsToCsv([loadGoldenBundle()]));
  });

  it('has one row per recommendation, criterion rating, question asked, red flag ticked and note', () => {
    const bundle = loadGoldenBundle();
    const data = rows(interviewsToCsv([bundle]));
    const count = (kind: string) => data.filter((r) => r.kind === kind).length;
    expect(count('recommendation')).toBe(1);
    expect(count('criterion')).toBe(3); // the fourth criterion has no rating and no note
    expect(count('question')).toBe(6); // the wrap-up question was never asked
    expect(count('red_flag')).toBe(1); // one of two checks is ticked
    expect(count('note')).toBe(bundle.notes.length);
    const linked = data.find((r) => r.kind === 'note' && r.offset === '09:12')!;
    expect(linked).toMatchObject({ stage: 'System design', item: 'How would you design a rate limiter for our public API?', offset_ms: '552000' });
    expect(data.find((r) => r.kind === 'recommendation')).toMatchObject({ rating: 'yes', date: '2026-11-27T14:00:45Z' });
  });

  it('starts with a UTF-8 byte order mark for Excel unless asked not to', () => {
    expect(interviewsToCsv([loadGoldenBundle()]).startsWith('\uFEFFinterview_id,')).toBe(true);
    expect(interviewsToCsv([loadGoldenBundle()], { bom: false }).startsWith('interview_id,')).toBe(true);
  });

  describe('neutralises cells a spreadsheet would run as formulas', () => {
    const CASES: [string, string][] = [
      ['equals', '=SUM(A1:A9)'],
      ['plus', '+1 for the rollback plan'],
      ['minus', '-2+3'],
      ['at', '@SUM(1,2)'],
      ['tab', '\t=1+1'],
      ['carriage return', '\r=1+1'],
      ['formula then a line break (missed by papaparse’s own pattern)', '=HYPERLINK("https://evil.example","click")\nhello'],
    ];
    it.each(CASES)('%s', (_name, text) => {
      const [row] = rows(interviewsToCsv([withNote(text)]));
      expect(row!.text).toBe(`'${text}`);
    });

    it('in every text column, e.g. the candidate name', () => {
      const [row] = rows(interviewsToCsv([withNote('fine', '=cmd|"/c calc"!A1')]));
      expect(row!.candidate).toBe(`'=cmd|"/c calc"!A1`);
      expect(row!.text).toBe('fine');
    });

    it('leaves ordinary text and numeric cells alone', () => {
      const bundle = withNote('a = b, not a formula');
      bundle.notes[0]!.offsetMs = -4000;
      const [row] = rows(interviewsToCsv([bundle]));
      expect(row!.text).toBe('a = b, not a formula');
      expect(row!.offset_ms).toBe('-4000'); // a number, not text a spreadsheet could run
      expect(row!.offset).toBe("'-00:04");
    });
  });

  it('round-trips commas, quotes, line breaks and accents through Papa.parse', () => {
    const texts = [
      'one, two, three',
      'she said "ship it" and left',
      'line one\nline two\r\nline three',
      '"quoted at the start"',
      'trailing space ',
      ' leading space',
      'Perché è così — naïve café ✓',
      '',
    ];
    const bundle = withNote(texts[0]!);
    bundle.notes = texts.map((text, i) => ({
      id: `n${i}`,
      interviewId: bundle.interview.id,
      questionId: null,
      stageId: null,
      text,
      offsetMs: i * 1000,
      createdAt: i,
      updatedAt: i,
    }));
    expect(rows(interviewsToCsv([bundle])).map((r) => r.text)).toEqual(texts);
  });

  describe('delimiter (comma, or semicolon for Excel in Italian and other comma-decimal locales)', () => {
    const NOTES = ['Esperienza 3,5 anni', 'Perché?', '-2 anni', '@Marco'];
    function italianNotes(): InterviewBundle {
      const bundle = withNote(NOTES[0]!, 'Giulia Bianchi');
      bundle.notes = NOTES.map((text, i) => ({ id: `n${i}`, interviewId: bundle.interview.id, questionId: null, stageId: null, text, offsetMs: (i + 1) * 61_000, createdAt: i, updatedAt: i }));
      return bundle;
    }

    it.each([
      ['comma', ',', 'notes.comma.csv'],
      ['semicolon', ';', 'notes.semicolon.csv'],
    ] as const)('%s: matches its golden file (BOM, CRLF, defused formulas)', (_name, delimiter, golden) => {
      const csv = interviewsToCsv([italianNotes()], { delimiter });
      expectGolden(golden, csv);
      expect(csv.startsWith(`\uFEFFinterview_id${delimiter}candidate${delimiter}`)).toBe(true);
      expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      const parsed = Papa.parse<CsvRecord>(csv, { header: true, skipEmptyLines: true, delimiter });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data.map((r) => r.text)).toEqual(['Esperienza 3,5 anni', 'Perché?', "'-2 anni", "'@Marco"]);
    });

    it('quotes a cell only when it holds the delimiter in use', () => {
      expect(interviewsToCsv([italianNotes()], { delimiter: ',' })).toContain(',"Esperienza 3,5 anni",');
      expect(interviewsToCsv([italianNotes()], { delimiter: ';' })).toContain(';Esperienza 3,5 anni;');
      expect(interviewsToCsv([withNote('prima; dopo')], { delimiter: ';' })).toContain(';"prima; dopo";');
    });

    it('defaults to semicolon when the interface language is Italian, unless chosen', () => {
      expect(csvDelimiterFor(null, 'it')).toBe('semicolon');
      expect(csvDelimiterFor(null, 'it-IT')).toBe('semicolon');
      expect(csvDelimiterFor(null, 'en-US')).toBe('comma');
      expect(csvDelimiterFor('comma', 'it-IT')).toBe('comma');
      expect(csvDelimiterFor('semicolon', 'en')).toBe('semicolon');
    });
  });

  it('writes a header only for no interviews', () => {
    expect(interviewsToCsv([], { bom: false })).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});
