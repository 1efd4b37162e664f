import { groupBundles } from '../db/bundles';
import type { InterviewBundle } from '../db/records';
import { serializeBackup, type Backup } from './backup';
import { interviewsToCsv, type CsvOptions } from './csv';
import { EXPORT_MIME, exportFileName, type ExportKind } from './files';
import type { ExportLabels } from './labels';
import { interviewsToMarkdown, type MarkdownOptions } from './markdown';

/**
 * Rebuilds interview bundles from a backup (what `data.export` answers), so that one protocol call feeds all three
 * export formats. Interviews keep the backup's order; notes are in creation order, as `interviews.get` gives them.
 * @throws Error when an interview's guide snapshot is missing (a validated backup never has that).
 */
export function bundlesFromBackup(backup: Backup): InterviewBundle[] {
  return groupBundles(backup);
}

/** A file ready to download. */
export interface ExportFile {
  filename: string;
  mime: string;
  text: string;
}

/**
 * Writes a backup (of one, some or all interviews) as the file of the chosen kind: the JSON backup itself,
 * Markdown scorecards or the CSV table. A single interview's file is named after its candidate
 * (`scorecard-alex-rivera-2026-11-29.md`), several after the content (`interviews-2026-11-29.csv`). `csv` sets
 * the CSV's delimiter and BOM.
 */
export function buildExport(kind: ExportKind, backup: Backup, labels: ExportLabels, now: Date, options: CsvOptions & Pick<MarkdownOptions, 'transcript'> = {}): ExportFile {
  const subject = backup.interviews.length === 1 ? backup.interviews[0]!.candidateName : undefined;
  const filename = exportFileName(kind, now, subject);
  const mime = EXPORT_MIME[kind];
  if (kind === 'json') return { filename, mime, text: serializeBackup(backup) };
  const bundles = bundlesFromBackup(backup);
  if (kind === 'csv') return { filename, mime, text: interviewsToCsv(bundles, options) };
  return { filename, mime, text: interviewsToMarkdown(bundles, labels, { transcript: options.transcript ?? false }) };
}
