import { describe, expect, it } from 'vitest';
import type { CustomGuideRow } from '../../lib/db/records';
import {
  BACKUP_TABLES,
  EN_BACKUP_MESSAGES,
  backupMessages,
  createBackup,
  indexAfter,
  indexRows,
  mergeBackups,
  parseBackup,
  planMerge,
  prepareImport,
  serializeBackup,
  splitBackup,
  validateBackup,
  type Backup,
} from '../../lib/export/backup';
import { makeSyntheticBundles } from '../../lib/export/fixtures';
import { locateJsonError } from '../../lib/export/json-error';
import { expectGolden, loadGoldenBundle } from '../fixtures/golden/golden';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const NOW = Date.UTC(2026, 10, 29, 9, 30);

function goldenBackup(): Backup {
  const bundle = loadGoldenBundle();
  const custom: CustomGuideRow = { id: bundle.guide.id, guide: bundle.guide, createdAt: Date.UTC(2026, 9, 1), updatedAt: Date.UTC(2026, 10, 2) };
  return createBackup([bundle], [custom], NOW);
}

type Row = Record<string, unknown>;
interface RawBackup {
  [field: string]: unknown;
  guides: Row[];
  interviews: Row[];
  notes: Row[];
  questionStates: Row[];
  redFlagChecks: Row[];
  criterionRatings: Row[];
}

/** A backup as a plain JSON object that tests may break at will. */
function raw(): RawBackup {
  return JSON.parse(serializeBackup(goldenBackup())) as RawBackup;
}

const rowCount = (b: Backup) => BACKUP_TABLES.reduce((n, t) => n + b[t].length, 0);

function errorsOf(input: unknown): string[] {
  const result = typeof input === 'string' ? parseBackup(input) : validateBackup(input);
  if (result.ok) throw new Error('expected the backup to be refused');
  return result.errors;
}

describe('JSON backup', () => {
  it('matches the golden backup file', () => {
    expectGolden('backup.json', serializeBackup(goldenBackup()));
  });

  it('reads a backup written before the rename, whose guides say "lookFor", with their lists as criteria', () => {
    const old = serializeBackup(goldenBackup()).replaceAll('"criteria":', '"lookFor":');
    expect(old).toContain('"lookFor":');
    const result = parseBackup(old);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.backup).toEqual(goldenBackup());
  });

  it('writes the format marker, version, export time and each guide snapshot once', () => {
    const a = loadGoldenBundle();
    const b = loadGoldenBundle();
    b.interview = { ...b.interview, id: 'second', createdAt: a.interview.createdAt - 1000 };
    b.notes = b.notes.map((n) => ({ ...n, id: `${n.id}-b`, interviewId: 'second' }));
    const backup = createBackup([a, b], [], NOW);
    expect(backup).toMatchObject({ format: 'interview-copilot-backup', version: 1, exportedAt: '2026-11-29T09:30:00.000Z' });
    expect(backup.guideSnapshots).toEqual([{ key: a.interview.guideSnapshotKey, guide: a.guide, createdAt: a.interview.createdAt - 1000 }]);
    expect(backup.notes).toHaveLength(a.notes.length * 2);
  });

  it('round-trips: the parsed file equals what was written', () => {
    const backup = goldenBackup();
    const result = parseBackup(serializeBackup(backup));
    expect(result).toEqual({ ok: true, backup });
  });

  it('round-trips an empty backup', () => {
    const empty = createBackup([], [], NOW);
    expect(parseBackup(serializeBackup(empty))).toEqual({ ok: true, backup: empty });
  });

  it('round-trips synthetic data, with a byte order mark in front', () => {
    const backup = createBackup(makeSyntheticBundles(30, 12, 7), [], NOW);
    const result = parseBackup(`\uFEFF${serializeBackup(backup)}`);
    expect(result.ok && result.backup).toEqual(backup);
  });

  it('splits into parts that are each valid and join back into the same backup', () => {
    const custom: CustomGuideRow = { id: 'g', guide: { ...loadGoldenBundle().guide, id: 'g' }, createdAt: 1, updatedAt: 2 };
    const backup = createBackup(makeSyntheticBundles(23, 5, 9), [custom], NOW);
    const parts = splitBackup(backup, 10);
    expect(parts.map((p) => p.interviews.length)).toEqual([10, 10, 3]);
    expect(parts.map((p) => p.guides.length)).toEqual([1, 0, 0]);
    for (const part of parts) {
      const result = validateBackup(JSON.parse(serializeBackup(part)));
      expect(result.ok ? [] : result.errors).toEqual([]);
      expect(part.notes.every((n) => part.interviews.some((i) => i.id === n.interviewId))).toBe(true);
    }
    expect(mergeBackups(parts, NOW)).toEqual(backup);
  });

  it('mergeBackups keeps the newer copy of a row found in two parts', () => {
    const a = goldenBackup();
    const b = goldenBackup();
    b.notes[0] = { ...b.notes[0]!, text: 'edited later', updatedAt: b.notes[0]!.updatedAt + 1 };
    const merged = mergeBackups([b, a], NOW);
    expect(merged.notes).toHaveLength(a.notes.length);
    expect(merged.notes[0]!.text).toBe('edited later');
    expect(mergeBackups([a, b], NOW).notes[0]!.text).toBe('edited later');
  });

  describe('refuses a corrupted backup whole, listing every problem', () => {
    it('a newer version', () => {
      const data = raw();
      data.version = 2;
      expect(errorsOf(data)).toEqual([
        'version: written by a newer version of Interview Copilot (backup version 2); this one reads version 1',
      ]);
    });

    it('a version that is not a number', () => {
      const data = raw();
      data.version = '1';
      expect(errorsOf(data)).toEqual(['version: unsupported backup version "1"; this extension reads version 1']);
    });

    it('another kind of file', () => {
      expect(errorsOf({ format: 'something-else', version: 1 })).toEqual([
        'format: not an Interview Copilot backup (expected "interview-copilot-backup")',
      ]);
      expect(errorsOf('[1, 2, 3]')).toEqual(['file: not an Interview Copilot backup: expected a JSON object']);
    });

    it('a missing field', () => {
      const data = raw();
      delete (data.interviews[0] as Record<string, unknown>).candidateName;
      expect(errorsOf(data)).toEqual(['interviews[0].candidateName: Invalid input: expected string, received undefined']);
    });

    it('a bad rating', () => {
      const data = raw();
      (data.questionStates[3] as Record<string, unknown>).rating = 'maybe';
      expect(errorsOf(data)).toEqual([
        'questionStates[3].rating: Invalid option: expected one of "strong-no"|"no"|"yes"|"strong-yes"',
      ]);
    });

    it('a note pointing at an interview not in the file', () => {
      const data = raw();
      (data.notes[5] as Record<string, unknown>).interviewId = 'ghost';
      expect(errorsOf(data)).toEqual(['notes[5].interviewId: no interview "ghost" in this backup']);
    });

    it('invalid JSON, with its line and column', () => {
      const text = serializeBackup(goldenBackup());
      const broken = text.replace('"state": "ended",', '"state": "ended"'); // a missing comma
      const lines = broken.split('\n');
      const line = lines.findIndex((l) => l.includes('"state": "ended"')) + 2; // the next property's line
      const column = lines[line - 1]!.indexOf('"') + 1;
      const [error] = errorsOf(broken);
      expect(error).toBe(`file: not valid JSON at line ${line}, column ${column}: unexpected "\\"" (expected ',' or '}')`);
      expect(errorsOf(text.slice(0, 200))[0]).toMatch(/^file: not valid JSON at line \d+, column \d+: /);
      expect(errorsOf('')).toEqual(['file: not valid JSON at line 1, column 1: unexpected end of file (expected a value)']);
    });

    it('several problems at once, all listed in one answer', () => {
      const data = raw();
      delete (data.interviews[0] as Record<string, unknown>).state;
      (data.criterionRatings[0] as Record<string, unknown>).rating = 5;
      (data.redFlagChecks[1] as Record<string, unknown>).interviewId = 'ghost';
      data.notes.push({ ...(data.notes[0] as object) }); // a repeated note id
      (data.interviews[0] as Record<string, unknown>).guideSnapshotKey = 'missing@1';
      (data.guides[0] as Record<string, unknown>).id = 'renamed';
      expect(errorsOf(data).sort()).toEqual(
        [
          'interviews[0].state: Invalid option: expected one of "planned"|"active"|"ended"',
          'criterionRatings[0].rating: Invalid option: expected one of "strong-no"|"no"|"yes"|"strong-yes"',
          'redFlagChecks[1].interviewId: no interview "ghost" in this backup',
          `notes[12]: duplicate "${(data.notes[0] as { id: string }).id}"`,
          'interviews[0].guideSnapshotKey: no guide snapshot "missing@1" in this backup',
          'guides[0].id: does not match the id inside the guide ("backend-api-platform")',
        ].sort(),
      );
    });

    it('even when only the last of many rows is wrong: nothing is planned', () => {
      const backup = createBackup(makeSyntheticBundles(20, 10, 3), [], NOW);
      const data = JSON.parse(serializeBackup(backup)) as RawBackup;
      data.notes.at(-1)!.offsetMs = 1.5;
      const existing = indexRows({});
      const result = prepareImport(data, existing);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.problems).toEqual([{ path: `notes[${data.notes.length - 1}].offsetMs`, reason: 'Invalid input: expected int, received number' }]);
      expect('plan' in result).toBe(false);
    });

    it('lists at most maxProblems, then says how many more', () => {
      const data = raw();
      for (const note of data.notes as Record<string, unknown>[]) note.interviewId = 'ghost';
      const result = validateBackup(data, { maxProblems: 3 });
      expect(!result.ok && result.errors).toEqual([
        'notes[0].interviewId: no interview "ghost" in this backup',
        'notes[1].interviewId: no interview "ghost" in this backup',
        'notes[2].interviewId: no interview "ghost" in this backup',
        `file: ${data.notes.length - 3} more problems not listed`,
      ]);
    });

    it('in Italian when given the Italian messages', () => {
      const it_ = parse(readFileSync('locales/it.yml', 'utf8')) as { export: { backup: Record<string, string> } };
      const messages = backupMessages((key) => it_.export.backup[key.replace('export.backup.', '')]!);
      const data = raw();
      (data.notes[0] as Record<string, unknown>).interviewId = 'ghost';
      const result = validateBackup(data, { messages });
      expect(!result.ok && result.errors).toEqual(['notes[0].interviewId: nessun colloquio "ghost" in questo backup']);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(EN_BACKUP_MESSAGES).sort());
    });
  });

  describe('merge plan', () => {
    it('adds every row into an empty database', () => {
      const backup = goldenBackup();
      const plan = planMerge(indexRows({}), backup);
      expect(plan.report).toEqual({ added: rowCount(backup), updated: 0, unchanged: 0, refused: [] });
      for (const table of BACKUP_TABLES) expect(plan.put[table]).toEqual(backup[table]);
    });

    it('is idempotent: planning the same file over the merged state changes nothing', () => {
      const backup = createBackup(makeSyntheticBundles(25, 8, 11), [], NOW);
      const first = planMerge(indexRows({}), backup);
      const second = planMerge(indexAfter(indexRows({}), first), backup);
      expect(second.report).toEqual({ added: 0, updated: 0, unchanged: rowCount(backup), refused: [] });
      for (const table of BACKUP_TABLES) expect(second.put[table]).toEqual([]);
    });

    it('takes the row with the newer updatedAt, and keeps a stored row that is as new or newer', () => {
      const backup = goldenBackup();
      const [n0, n1, n2] = backup.notes;
      const q0 = backup.questionStates[0]!;
      const existing = indexRows({
        interviews: [backup.interviews[0]!],
        guideSnapshots: backup.guideSnapshots,
        guides: backup.guides,
        notes: [
          { ...n0!, updatedAt: n0!.updatedAt - 1 }, // older here: the backup's wins
          { ...n1!, updatedAt: n1!.updatedAt }, // same: unchanged
          { ...n2!, updatedAt: n2!.updatedAt + 1 }, // edited here after the backup: kept
        ],
        questionStates: [{ ...q0, updatedAt: q0.updatedAt - 5 }],
      });
      const plan = planMerge(existing, backup);
      expect(plan.put.notes.map((n) => n.id)).toEqual([n0!.id, ...backup.notes.slice(3).map((n) => n.id)]);
      expect(plan.put.questionStates[0]).toEqual(q0);
      expect(plan.put.interviews).toEqual([]);
      expect(plan.tables.notes).toEqual({ added: backup.notes.length - 3, updated: 1, unchanged: 2 });
      expect(plan.report.updated).toBe(2);
      expect(plan.report.unchanged).toBe(2 + 1 + 1 + 1); // two notes, the interview, its snapshot, the custom guide
    });

    it('keys per-question rows by interview and question', () => {
      const backup = goldenBackup();
      const q = backup.questionStates[0]!;
      // Same question id in another interview is a different row.
      const plan = planMerge(indexRows({ questionStates: [{ ...q, interviewId: 'other', updatedAt: q.updatedAt + 99 }] }), backup);
      expect(plan.put.questionStates).toContainEqual(q);
      expect(plan.tables.questionStates.added).toBe(backup.questionStates.length);
    });

    it('refuses a custom guide that would replace a bundled one, and still imports the rest', () => {
      const backup = goldenBackup();
      const plan = planMerge(indexRows({}, ['backend-api-platform']), backup);
      expect(plan.report.refused).toEqual([
        { path: 'guides[0]', reason: '"backend-api-platform" is a bundled role guide, which an import cannot replace' },
      ]);
      expect(plan.put.guides).toEqual([]);
      expect(plan.put.interviews).toHaveLength(1);
    });

    it('never updates a guide snapshot that is already stored (snapshots are immutable)', () => {
      const backup = goldenBackup();
      const stored = { ...backup.guideSnapshots[0]!, createdAt: 1 };
      const plan = planMerge(indexRows({ guideSnapshots: [stored] }), backup);
      expect(plan.put.guideSnapshots).toEqual([]);
      expect(plan.tables.guideSnapshots).toEqual({ added: 0, updated: 0, unchanged: 1 });
    });

    it('prepareImport accepts file text or a parsed object', () => {
      const text = serializeBackup(goldenBackup());
      const fromText = prepareImport(text, indexRows({}));
      const fromObject = prepareImport(JSON.parse(text), indexRows({}));
      expect(fromText.ok && fromText.plan.report.added).toBe(rowCount(goldenBackup()));
      expect(fromObject).toEqual(fromText);
    });
  });
});

describe('locateJsonError', () => {
  it.each([
    ['{"a": 1,}', 1, 9, `unexpected "}" (expected a property name in double quotes)`],
    ['{\n  "a": tru\n}', 2, 11, `unexpected "\\n" (expected true)`],
    ['[1, 2', 1, 6, `unexpected end of file (expected ',' or ']')`],
    ['{"a": "line\nbreak"}', 1, 12, 'control character in a string (line breaks must be written \\n)'],
    ['{"a": 01}', 1, 8, `unexpected "1" (expected ',' or '}')`],
    ['{} {}', 1, 4, 'unexpected "{" after the end of the data'],
    ['{"a": "\\x"}', 1, 9, 'bad escape "x"'],
  ])('%j → line %i, column %i', (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonError(text)).toEqual({ line, column, message });
  });

  it('finds nothing wrong in valid JSON', () => {
    expect(locateJsonError('{"a": [1, -2.5e3, true, false, null, "\\u00e9"]}')).toBeNull();
  });
});
