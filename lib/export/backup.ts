import { z } from 'zod';
import {
  CriterionRatingRow,
  CustomGuideRow,
  GuideSnapshotRow,
  InterviewRow,
  NoteRow,
  QuestionStateRow,
  RedFlagCheckRow,
  UtteranceRow,
  type InterviewBundle,
} from '../db/records';
import { guideIssueReason } from '../guides/issues';
import { KEEP_PLACEHOLDERS, type GuideImportMessages } from '../guides/messages';
import { formatPath as formatDataPath } from '../format';
import { locateJsonError } from './json-error';

/** The `format` marker of a backup file. */
export const BACKUP_FORMAT = 'interview-copilot-backup';
/** The backup version this code writes and reads. A newer file is refused with a clear message, never guessed at. */
export const BACKUP_VERSION = 1;

/**
 * A full backup, version 1: the user's custom role guides (as stored rows, so they merge by `updatedAt`), the guide
 * snapshots its interviews used (each interview's `guideSnapshotKey` must be among them, so a backup restores
 * correctly even when a bundled guide changed since) and every row of the interviews it holds. Times are epoch ms,
 * `exportedAt` is ISO 8601.
 */
export const Backup = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.iso.datetime(),
  guides: z.array(CustomGuideRow).default([]),
  guideSnapshots: z.array(GuideSnapshotRow),
  interviews: z.array(InterviewRow),
  notes: z.array(NoteRow).default([]),
  questionStates: z.array(QuestionStateRow).default([]),
  redFlagChecks: z.array(RedFlagCheckRow).default([]),
  criterionRatings: z.array(CriterionRatingRow).default([]),
  /** Transcript lines (issue 14); files written before the transcript existed have none. */
  utterances: z.array(UtteranceRow).default([]),
});
export type Backup = z.infer<typeof Backup>;

/**
 * What an import did (`data.import`'s answer): rows added, updated and left unchanged, and the rows refused, each
 * with its path in the file (`interviews[3].stage`) and the reason.
 */
export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
  refused: { path: string; reason: string }[];
}

/** The row arrays of a backup, which are also the database tables an import writes. */
export const BACKUP_TABLES = ['guides', 'guideSnapshots', 'interviews', 'notes', 'questionStates', 'redFlagChecks', 'criterionRatings', 'utterances'] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];
export type BackupRows = { [T in BackupTable]: Backup[T] };
export type BackupRow<T extends BackupTable> = Backup[T][number];

/**
 * Builds a backup of the given interviews and custom guides. `now` stamps `exportedAt`. Pass every custom guide for
 * a full backup (bundled guides are not included: they ship with the extension). Each guide snapshot is written
 * once, dated by the first interview that used it (bundles do not carry the snapshot row's own `createdAt`).
 */
export function createBackup(bundles: InterviewBundle[], customGuides: CustomGuideRow[], now: Date | number): Backup {
  const snapshots = new Map<string, GuideSnapshotRow>();
  for (const { interview, guide } of bundles) {
    const known = snapshots.get(interview.guideSnapshotKey);
    if (!known) snapshots.set(interview.guideSnapshotKey, { key: interview.guideSnapshotKey, guide, createdAt: interview.createdAt });
    else if (interview.createdAt < known.createdAt) known.createdAt = interview.createdAt;
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(now).toISOString(),
    guides: customGuides,
    guideSnapshots: [...snapshots.values()],
    interviews: bundles.map((b) => b.interview),
    notes: bundles.flatMap((b) => b.notes),
    questionStates: bundles.flatMap((b) => b.questionStates),
    redFlagChecks: bundles.flatMap((b) => b.redFlagChecks),
    criterionRatings: bundles.flatMap((b) => b.criterionRatings),
    utterances: bundles.flatMap((b) => b.utterances ?? []),
  };
}

/**
 * The backup as file text: two-space JSON with a final newline, readable and diffable. (One row per line was
 * tried: 15% smaller, but 60% slower to write for 200,000 notes.)
 */
export function serializeBackup(backup: Backup): string {
  return `${JSON.stringify(backup, null, 2)}\n`;
}

/**
 * Splits a backup into parts of at most `interviewsPerPart` interviews, each a valid backup on its own (its
 * interviews with all their rows and the guide snapshots they use; the custom guides travel in the first part).
 * Runtime messages are capped (64 MiB in Chromium) and 5,000 interviews with 40 notes each make about 100 MB of
 * JSON, so a view validates the whole file with `parseBackup` first and then sends `data.import` part by part.
 */
export function splitBackup(backup: Backup, interviewsPerPart = 500): Backup[] {
  const size = Math.max(1, Math.floor(interviewsPerPart));
  const partOf = new Map<string, number>();
  backup.interviews.forEach((interview, i) => partOf.set(interview.id, Math.floor(i / size)));
  const count = Math.max(1, Math.ceil(backup.interviews.length / size));
  const parts: Backup[] = Array.from({ length: count }, (_, i) => ({
    ...backup,
    guides: i === 0 ? backup.guides : [],
    guideSnapshots: [],
    interviews: backup.interviews.slice(i * size, (i + 1) * size),
    notes: [],
    questionStates: [],
    redFlagChecks: [],
    criterionRatings: [],
    utterances: [],
  }));
  for (const table of ['notes', 'questionStates', 'redFlagChecks', 'criterionRatings', 'utterances'] as const) {
    for (const row of backup[table]) {
      const part = partOf.get(row.interviewId);
      if (part !== undefined) (parts[part]![table] as (typeof row)[]).push(row);
    }
  }
  const snapshots = new Map(backup.guideSnapshots.map((s) => [s.key, s]));
  for (const part of parts) {
    const keys = new Set(part.interviews.map((i) => i.guideSnapshotKey));
    part.guideSnapshots = [...keys].flatMap((k) => snapshots.get(k) ?? []);
  }
  return parts;
}

/**
 * Joins backups (for example the answers of `data.export` asked for in batches of ids) into one, stamped `now`.
 * Rows repeated across parts (same `rowKey`) are kept once, the newer `updatedAt` winning, as an import would.
 */
export function mergeBackups(parts: Backup[], now: Date | number): Backup {
  const merged = createBackup([], [], now);
  for (const table of BACKUP_TABLES) {
    const byKey = new Map<string, BackupRow<typeof table>>();
    for (const part of parts) {
      for (const row of part[table] as BackupRow<typeof table>[]) {
        const key = rowKey(table, row);
        const known = byKey.get(key);
        if (!known || updatedAt(row) > updatedAt(known)) byKey.set(key, row);
      }
    }
    (merged as BackupRows)[table] = [...byKey.values()] as never;
  }
  return merged;
}

/**
 * Reasons an import gives, as templates with `$1`, `$2`… placeholders, so the options page can show them
 * translated (`backupMessages(t)` reads `export.backup.*`). Problems Zod finds in a row keep Zod's own wording, in
 * the language of `ParseBackupOptions.guideMessages` when given.
 */
export interface BackupMessages {
  /** $1 line, $2 column, $3 the parser's detail (English). */
  invalidJson: string;
  notObject: string;
  /** $1 the expected format marker. */
  wrongFormat: string;
  /** $1 the file's version, $2 the version this extension reads. */
  newerVersion: string;
  /** $1 the file's version, $2 the version this extension reads. */
  badVersion: string;
  /** $1 the interview id. */
  orphan: string;
  /** $1 the duplicated key. */
  duplicate: string;
  /** $1 the id inside the guide. */
  guideIdMismatch: string;
  /** $1 the snapshot key. */
  missingSnapshot: string;
  /** $1 the guide id. */
  bundledGuide: string;
  /** $1 how many more problems were found but not listed. */
  more: string;
}

export const EN_BACKUP_MESSAGES: BackupMessages = {
  invalidJson: 'not valid JSON at line $1, column $2: $3',
  notObject: 'not an Interview Copilot backup: expected a JSON object',
  wrongFormat: 'not an Interview Copilot backup (expected "$1")',
  newerVersion: 'written by a newer version of Interview Copilot (backup version $1); this one reads version $2',
  badVersion: 'unsupported backup version $1; this extension reads version $2',
  orphan: 'no interview "$1" in this backup',
  duplicate: 'duplicate "$1"',
  guideIdMismatch: 'does not match the id inside the guide ("$1")',
  missingSnapshot: 'no guide snapshot "$1" in this backup',
  bundledGuide: '"$1" is a bundled role guide, which an import cannot replace',
  more: '$1 more problems not listed',
};

const MESSAGE_KEYS: Record<keyof BackupMessages, string> = {
  invalidJson: 'export.backup.invalidJson',
  notObject: 'export.backup.notObject',
  wrongFormat: 'export.backup.wrongFormat',
  newerVersion: 'export.backup.newerVersion',
  badVersion: 'export.backup.badVersion',
  orphan: 'export.backup.orphan',
  duplicate: 'export.backup.duplicate',
  guideIdMismatch: 'export.backup.guideIdMismatch',
  missingSnapshot: 'export.backup.missingSnapshot',
  bundledGuide: 'export.backup.bundledGuide',
  more: 'export.backup.more',
};

/** Every locale key `backupMessages` reads. */
export const BACKUP_MESSAGE_KEYS: readonly string[] = Object.values(MESSAGE_KEYS);

/**
 * Builds translated import messages from the `export.backup.*` keys. `t` is given `KEEP_PLACEHOLDERS` as
 * substitutions, so the `$n` placeholders survive `browser.i18n.getMessage` (which drops unfilled ones):
 * `backupMessages((k, s) => i18n.t(k as never, s as never))`.
 */
export function backupMessages(t: (key: string, substitutions: string[]) => string): BackupMessages {
  return Object.fromEntries(
    Object.entries(MESSAGE_KEYS).map(([name, key]) => [name, t(key, [...KEEP_PLACEHOLDERS])]),
  ) as unknown as BackupMessages;
}

function fill(template: string, ...subs: (string | number)[]): string {
  return template.replace(/\$(\d)/g, (m, n: string) => (subs[Number(n) - 1] !== undefined ? String(subs[Number(n) - 1]) : m));
}

/** One problem of a backup file: where (`interviews[3].candidateName`, `file` for the whole file) and why. */
export interface BackupProblem {
  path: string;
  reason: string;
}

export type ParseBackupResult =
  | { ok: true; backup: Backup }
  | {
      ok: false;
      /** `path: reason` lines, ready to list. */
      errors: string[];
      /** The same problems, structured (they fit `ImportReport.refused`). */
      problems: BackupProblem[];
    };

export interface ParseBackupOptions {
  messages?: BackupMessages;
  /**
   * Wording for problems inside the role guides a backup carries (`guideImportMessages(t)`), whose `zodErrors` also
   * words Zod's own reasons for every row in the UI language, for this parse only. Undefined keeps English.
   */
  guideMessages?: GuideImportMessages;
  /** At most this many problems are listed (default 1,000), then one line says how many more there were. */
  maxProblems?: number;
}

/** Formats a Zod or integrity path as `interviews[3].candidateName`; the empty path is `file`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return formatDataPath(path, 'file');
}

function failure(problems: BackupProblem[], options: ParseBackupOptions): ParseBackupResult {
  const max = options.maxProblems ?? 1000;
  const listed = problems.slice(0, max);
  if (problems.length > max) {
    listed.push({ path: 'file', reason: fill((options.messages ?? EN_BACKUP_MESSAGES).more, problems.length - max) });
  }
  return { ok: false, problems: listed, errors: listed.map((p) => `${p.path}: ${p.reason}`) };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks that every row points at an interview of the file and that no key repeats. Works on unvalidated data. */
function integrityProblems(data: Record<string, unknown>, messages: BackupMessages): BackupProblem[] {
  const problems: BackupProblem[] = [];
  const rows = (table: BackupTable) => (Array.isArray(data[table]) ? (data[table] as unknown[]) : []);
  const interviewIds = new Set<string>();
  const unique = (table: BackupTable, key: (row: Record<string, unknown>) => unknown[]) => {
    const seen = new Set<string>();
    rows(table).forEach((row, i) => {
      if (!isRecord(row)) return;
      const parts = key(row);
      if (!parts.every((p) => typeof p === 'string')) return;
      const k = JSON.stringify(parts);
      if (seen.has(k)) problems.push({ path: formatPath([table, i]), reason: fill(messages.duplicate, parts.join(' / ')) });
      seen.add(k);
    });
  };
  unique('guideSnapshots', (r) => [r.key]);
  const snapshotKeys = new Set<string>();
  for (const row of rows('guideSnapshots')) if (isRecord(row) && typeof row.key === 'string') snapshotKeys.add(row.key);
  unique('interviews', (r) => [r.id]);
  rows('interviews').forEach((row, i) => {
    if (!isRecord(row)) return;
    if (typeof row.id === 'string') interviewIds.add(row.id);
    if (typeof row.guideSnapshotKey === 'string' && !snapshotKeys.has(row.guideSnapshotKey)) {
      problems.push({ path: formatPath(['interviews', i, 'guideSnapshotKey']), reason: fill(messages.missingSnapshot, row.guideSnapshotKey) });
    }
  });
  unique('guides', (r) => [r.id]);
  rows('guides').forEach((row, i) => {
    if (isRecord(row) && typeof row.id === 'string' && isRecord(row.guide) && typeof row.guide.id === 'string' && row.id !== row.guide.id) {
      problems.push({ path: formatPath(['guides', i, 'id']), reason: fill(messages.guideIdMismatch, row.guide.id) });
    }
  });
  unique('notes', (r) => [r.id]);
  unique('questionStates', (r) => [r.interviewId, r.questionId]);
  unique('redFlagChecks', (r) => [r.interviewId, r.redFlagId]);
  unique('criterionRatings', (r) => [r.interviewId, r.criterionId]);
  unique('utterances', (r) => [r.id]);
  for (const table of ['notes', 'questionStates', 'redFlagChecks', 'criterionRatings', 'utterances'] as const) {
    rows(table).forEach((row, i) => {
      if (isRecord(row) && typeof row.interviewId === 'string' && !interviewIds.has(row.interviewId)) {
        problems.push({ path: formatPath([table, i, 'interviewId']), reason: fill(messages.orphan, row.interviewId) });
      }
    });
  }
  return problems;
}

/**
 * Validates an already-parsed backup (the `data.import` payload) as a whole: the format marker and version first
 * (a file of another kind or a newer version is refused with that one reason), then every row against the record
 * schemas and the file's referential integrity (rows pointing at an interview not in the file, repeated keys). Any
 * problem rejects the whole backup, so a corrupted file changes nothing. Never throws.
 */
export function validateBackup(value: unknown, options: ParseBackupOptions = {}): ParseBackupResult {
  const messages = options.messages ?? EN_BACKUP_MESSAGES;
  if (!isRecord(value)) return failure([{ path: 'file', reason: messages.notObject }], options);
  if (value.format !== BACKUP_FORMAT) {
    return failure([{ path: 'format', reason: fill(messages.wrongFormat, BACKUP_FORMAT) }], options);
  }
  if (value.version !== BACKUP_VERSION) {
    const newer = typeof value.version === 'number' && value.version > BACKUP_VERSION;
    const reason = fill(newer ? messages.newerVersion : messages.badVersion, JSON.stringify(value.version) ?? 'undefined', BACKUP_VERSION);
    return failure([{ path: 'version', reason }], options);
  }
  const guideMessages = options.guideMessages;
  const parsed = Backup.safeParse(value, guideMessages?.zodErrors ? { error: guideMessages.zodErrors } : undefined);
  const problems: BackupProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: formatPath(issue.path),
        reason: guideMessages ? guideIssueReason(issue, guideMessages) : issue.message,
      }));
  problems.push(...integrityProblems(value, messages));
  if (problems.length > 0 || !parsed.success) return failure(problems, options);
  return { ok: true, backup: parsed.data };
}

/**
 * Parses backup file text (a leading byte order mark is allowed) and validates it whole with `validateBackup`.
 * A JSON syntax error is reported with its line and column. Never throws.
 */
export function parseBackup(text: string, options: ParseBackupOptions = {}): ParseBackupResult {
  const messages = options.messages ?? EN_BACKUP_MESSAGES;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const found = locateJsonError(source) ?? { line: 1, column: 1, message: error instanceof Error ? error.message : String(error) };
    return failure([{ path: 'file', reason: fill(messages.invalidJson, found.line, found.column, found.message) }], options);
  }
  return validateBackup(value, options);
}

// ---------------------------------------------------------------------------------------------------------------
// Merging

/** The key a row is stored under, as a string: the id, or `["interviewId","questionId"]` for per-interview rows. */
export function rowKey<T extends BackupTable>(table: T, row: BackupRow<T>): string {
  const r = row as Record<string, unknown>;
  switch (table) {
    case 'questionStates':
      return JSON.stringify([r.interviewId, r.questionId]);
    case 'redFlagChecks':
      return JSON.stringify([r.interviewId, r.redFlagId]);
    case 'criterionRatings':
      return JSON.stringify([r.interviewId, r.criterionId]);
    case 'guideSnapshots':
      return r.key as string;
    default:
      return r.id as string;
  }
}

/**
 * What the database already holds, as far as a merge needs to know: the `updatedAt` of each existing row by table
 * and `rowKey` (guide snapshots are immutable, so for them only presence counts), and the ids of the bundled guides
 * (which an import may not replace). Build it with `indexRows`, inside the same read-write transaction that then
 * writes the plan, so no edit slips in between.
 */
export interface ExistingIndex {
  tables: { [T in BackupTable]: ReadonlyMap<string, number> };
  bundledGuideIds: ReadonlySet<string>;
}

// Snapshots are content-addressed and never edited: their creation time stands in, and a present one is never updated.
const updatedAt = (row: BackupRow<BackupTable>) => ('updatedAt' in row ? row.updatedAt : row.createdAt);

/** Builds an `ExistingIndex` from existing rows (only the key fields and `updatedAt` are read). */
export function indexRows(
  rows: { [T in BackupTable]?: readonly BackupRow<T>[] },
  bundledGuideIds: Iterable<string> = [],
): ExistingIndex {
  const tables = {} as { [T in BackupTable]: Map<string, number> };
  for (const table of BACKUP_TABLES) {
    const map = new Map<string, number>();
    for (const row of (rows[table] ?? []) as BackupRow<typeof table>[]) map.set(rowKey(table, row), updatedAt(row));
    tables[table] = map;
  }
  return { tables, bundledGuideIds: new Set(bundledGuideIds) };
}

/** What an import will write, and the report to show. Pure data: applying it twice gives the same database. */
export interface MergePlan {
  /** Rows to `bulkPut`, per table: those not present yet and those whose incoming `updatedAt` is newer. */
  put: BackupRows;
  report: ImportReport;
  /** The report's counts per table (refused rows are listed in `report.refused`). */
  tables: Record<BackupTable, { added: number; updated: number; unchanged: number }>;
}

/**
 * Decides, row by row, what importing a validated backup does: add a row whose key is not present, update one whose
 * incoming `updatedAt` is newer than the stored one, leave it unchanged when the stored one is as new or newer
 * (so re-importing the same file changes nothing; a guide snapshot present by key is always unchanged), and refuse a custom guide that would replace a bundled one.
 * Rows missing locally but deleted on purpose come back: backups carry no deletions.
 */
export function planMerge(existing: ExistingIndex, backup: Backup, messages: BackupMessages = EN_BACKUP_MESSAGES): MergePlan {
  const put = Object.fromEntries(BACKUP_TABLES.map((t) => [t, []])) as unknown as BackupRows;
  const tables = Object.fromEntries(BACKUP_TABLES.map((t) => [t, { added: 0, updated: 0, unchanged: 0 }])) as MergePlan['tables'];
  const refused: ImportReport['refused'] = [];
  for (const table of BACKUP_TABLES) {
    const stored = existing.tables[table];
    const target = put[table] as BackupRow<typeof table>[];
    const counts = tables[table];
    (backup[table] as BackupRow<typeof table>[]).forEach((row, i) => {
      if (table === 'guides' && existing.bundledGuideIds.has((row as CustomGuideRow).id)) {
        refused.push({ path: formatPath([table, i]), reason: fill(messages.bundledGuide, (row as CustomGuideRow).id) });
        return;
      }
      const current = stored.get(rowKey(table, row));
      if (current === undefined) {
        counts.added++;
        target.push(row);
      } else if (table !== 'guideSnapshots' && updatedAt(row) > current) {
        counts.updated++;
        target.push(row);
      } else {
        counts.unchanged++;
      }
    });
  }
  const sum = (k: 'added' | 'updated' | 'unchanged') => BACKUP_TABLES.reduce((n, t) => n + tables[t][k], 0);
  return { put, tables, report: { added: sum('added'), updated: sum('updated'), unchanged: sum('unchanged'), refused } };
}

/** The index after a plan's rows were written (for tests and for chaining imports without re-reading). */
export function indexAfter(existing: ExistingIndex, plan: MergePlan): ExistingIndex {
  const tables = {} as { [T in BackupTable]: Map<string, number> };
  for (const table of BACKUP_TABLES) {
    const map = new Map(existing.tables[table]);
    for (const row of plan.put[table] as BackupRow<typeof table>[]) map.set(rowKey(table, row), updatedAt(row));
    tables[table] = map;
  }
  return { tables, bundledGuideIds: existing.bundledGuideIds };
}

/**
 * Validates an import payload whole (file text, or the already-parsed object `data.import` receives) and plans the
 * merge. On failure nothing is planned: the handler writes nothing and can answer
 * `{ added: 0, updated: 0, unchanged: 0, refused: problems }`.
 */
export function prepareImport(
  input: unknown,
  existing: ExistingIndex,
  options: ParseBackupOptions = {},
): { ok: true; plan: MergePlan } | { ok: false; errors: string[]; problems: BackupProblem[] } {
  const result = typeof input === 'string' ? parseBackup(input, options) : validateBackup(input, options);
  if (!result.ok) return result;
  return { ok: true, plan: planMerge(existing, result.backup, options.messages) };
}
