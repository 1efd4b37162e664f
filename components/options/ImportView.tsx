import { useEffect, useId, useMemo, useState } from 'react';
import { i18n } from '#i18n';
import { backupMessages, parseBackup, splitBackup, type Backup } from '../../lib/export';
import { importGuide, type GuideFormat } from '../../lib/guides/import';
import { guideImportMessages } from '../../lib/guides/messages';
import type { ImportReport } from '../../lib/export/backup';
import { routeHash, useOptions } from '../../stores/options';
import { GuidePreview } from './GuidePreview';
import { Field, Select } from '../ui/Field';
import { Button, Card, failed, formatWhen, OutcomeStatus, ProblemList, Status, type Outcome } from './ui';

/** Reads a picked file as text (UTF-8). */
function readFile(file: File): Promise<string> {
  return file.text();
}

/** A file picker plus a paste box feeding one text value. */
function TextSource({
  id,
  accept,
  fileLabel,
  pasteLabel,
  text,
  onText,
}: {
  id: string;
  accept: string;
  fileLabel: string;
  pasteLabel: string;
  text: string;
  onText: (text: string, filename?: string) => void;
}) {
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-file`} className="text-sm font-medium text-slate-700">
          {fileLabel}
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept={accept}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void readFile(file).then((t) => onText(t, file.name));
          }}
          className="text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium"
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-paste`} className="text-sm font-medium text-slate-700">
          {pasteLabel}
        </label>
        <textarea
          id={`${id}-paste`}
          rows={6}
          value={text}
          onChange={(e) => onText(e.target.value)}
          spellCheck={false}
          className="rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
        />
      </div>
    </div>
  );
}

/** Restores a JSON backup: checked whole on the page first, then merged by the background; shows the report. */
function BackupImport() {
  const [text, setText] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Outcome | null>(null);
  const [emptyFile, setEmptyFile] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const parsed = useMemo(() => (text.trim() ? parseBackup(text, { messages: backupMessages((k, s) => i18n.t(k as never, s as never)), guideMessages: guideImportMessages((k, s) => i18n.t(k as never, s as never)) }) : null), [text]);

  const run = async (backup: Backup) => {
    setBusy(true);
    setFailure(null);
    try {
      // The whole file was checked above. Up to 500 interviews go in one all-or-nothing message; a larger backup
      // goes in valid parts of 500, since a runtime message is capped at 64 MiB (each part merges idempotently,
      // so importing the file again completes an interrupted import).
      const parts = backup.interviews.length <= 500 ? [backup] : splitBackup(backup, 500);
      const total: ImportReport = { added: 0, updated: 0, unchanged: 0, refused: [] };
      for (const [index, part] of parts.entries()) {
        if (parts.length > 1) setProgress(i18n.t('options.import.importProgress', [index + 1, parts.length]));
        const partReport = await useOptions.getState().importBackup(part);
        total.added += partReport.added;
        total.updated += partReport.updated;
        total.unchanged += partReport.unchanged;
        total.refused.push(...partReport.refused);
      }
      setReport(total);
    } catch (e) {
      setFailure(failed('import', e));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <Card title={i18n.t('options.import.backupTitle')} titleId="backup-import-title">
      <p className="mb-3 text-sm text-slate-600">{i18n.t('options.import.backupHelp')}</p>
      <TextSource
        id="backup"
        accept=".json,application/json"
        fileLabel={i18n.t('options.import.backupFile')}
        pasteLabel={i18n.t('options.import.backupPaste')}
        text={text}
        onText={(t, filename) => {
          setText(t);
          setReport(null);
          setEmptyFile(filename !== undefined && !t.trim() ? filename : null);
        }}
      />
      <div className="mt-3 flex flex-col gap-3">
        {emptyFile !== null && <Status tone="error">{i18n.t('options.import.emptyFile', [emptyFile])}</Status>}
        {parsed && !parsed.ok && (
          <ProblemList title={i18n.t('options.import.backupRejected')} problems={parsed.errors} testId="backup-problems" />
        )}
        {parsed?.ok && !report && (
          <div className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-slate-50 p-3">
            <p className="text-sm text-slate-800" data-testid="backup-summary">
              {i18n.t('options.import.backupSummary', [
                formatWhen(Date.parse(parsed.backup.exportedAt)),
                parsed.backup.interviews.length,
                parsed.backup.notes.length,
                parsed.backup.guides.length,
              ])}
            </p>
            <Button tone="primary" disabled={busy} onClick={() => void run(parsed.backup)}>
              {i18n.t('options.import.backupRun')}
            </Button>
          </div>
        )}
        {busy && <Status>{progress ?? i18n.t('options.import.working')}</Status>}
        <OutcomeStatus outcome={failure} />
        {report && <ImportReportView report={report} />}
      </div>
    </Card>
  );
}

/** What an import did: counts, then every refused row with its path and reason. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const nothing = report.added + report.updated + report.unchanged === 0 && report.refused.length > 0;
  return (
    <div className="flex flex-col gap-2" data-testid="import-report">
      <Status tone={nothing ? 'error' : 'ok'}>
        {nothing ? i18n.t('options.import.nothingWritten') : i18n.t('options.import.done')}
      </Status>
      <dl className="grid max-w-md grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">{i18n.t('options.import.added')}</dt>
        <dd className="font-semibold tabular-nums" data-testid="report-added">{report.added}</dd>
        <dt className="text-slate-600">{i18n.t('options.import.updated')}</dt>
        <dd className="font-semibold tabular-nums" data-testid="report-updated">{report.updated}</dd>
        <dt className="text-slate-600">{i18n.t('options.import.unchanged')}</dt>
        <dd className="font-semibold tabular-nums" data-testid="report-unchanged">{report.unchanged}</dd>
        <dt className="text-slate-600">{i18n.t('options.import.refused')}</dt>
        <dd className="font-semibold tabular-nums" data-testid="report-refused">{report.refused.length}</dd>
      </dl>
      {report.refused.length > 0 && (
        <ProblemList title={i18n.t('options.import.refusedList')} problems={report.refused.map((r) => `${r.path}: ${r.reason}`)} />
      )}
    </div>
  );
}

/** Imports a role guide from a JSON or Markdown file or pasted text, with a live preview and the error list. */
function GuideImport() {
  const formatId = useId();
  const [text, setText] = useState('');
  const [filename, setFilename] = useState<string | undefined>(undefined);
  const [format, setFormat] = useState<'auto' | GuideFormat>('auto');
  const [status, setStatus] = useState<Outcome | null>(null);
  const [savedId, setSavedId] = useState<string | null>(null);
  const [debounced, setDebounced] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const result = useMemo(() => (debounced.trim() ? importGuide(debounced, { format, filename, messages: guideImportMessages((k, s) => i18n.t(k as never, s as never)) }) : null), [debounced, format, filename]);

  const save = async () => {
    if (!result?.ok) return;
    try {
      const saved = await useOptions.getState().saveGuide(result.guide);
      setStatus({ ok: true, text: i18n.t('options.import.guideSaved', [saved.title]) });
      setSavedId(saved.id);
    } catch (e) {
      setStatus(failed('guideSave', e));
      setSavedId(null);
    }
  };

  const formatName = (f: GuideFormat) =>
    f === 'json' ? i18n.t('options.import.formatJson') : f === 'markdown' ? i18n.t('options.import.formatMarkdown') : i18n.t('options.import.formatText');

  return (
    <Card title={i18n.t('options.import.guideTitle')} titleId="guide-import-title">
      <p className="mb-3 text-sm text-slate-600">{i18n.t('options.import.guideHelp')}</p>
      <TextSource
        id="guide"
        accept=".json,.md,.markdown,.txt,application/json,text/markdown,text/plain"
        fileLabel={i18n.t('options.import.guideFile')}
        pasteLabel={i18n.t('options.import.guidePaste')}
        text={text}
        onText={(t, name) => {
          setText(t);
          setFilename(name);
          setStatus(null);
          if (name) setDebounced(t);
        }}
      />
      <Field look="page" id={formatId} label={i18n.t('options.import.format')} className="mt-3">
        <Select value={format} onChange={(e) => setFormat(e.target.value as 'auto' | GuideFormat)} className="w-64">
          <option value="auto">{i18n.t('options.import.formatAuto')}</option>
          <option value="json">{i18n.t('options.import.formatJson')}</option>
          <option value="markdown">{i18n.t('options.import.formatMarkdown')}</option>
          <option value="text">{i18n.t('options.import.formatText')}</option>
        </Select>
      </Field>
      {result && (
        <div className="mt-4 flex flex-col gap-3">
          <p className="text-sm text-slate-600">{i18n.t('options.import.readAs', [formatName(result.format)])}</p>
          {!result.ok && <ProblemList title={i18n.t('options.import.guideErrors')} problems={result.errors} testId="guide-problems" />}
          {result.warnings.length > 0 && (
            <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
              <p className="font-semibold">{i18n.t('options.import.guideWarnings')}</p>
              <ul className="list-disc pl-5">
                {result.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </div>
          )}
          {result.ok && (
            <>
              <div className="rounded-md border border-slate-200 p-3">
                <GuidePreview guide={result.guide} headingLevel={3} />
              </div>
              <div>
                <Button tone="primary" onClick={() => void save()}>
                  {i18n.t('options.import.guideSave')}
                </Button>
              </div>
            </>
          )}
          <OutcomeStatus outcome={status}>
            {' '}
            {savedId && (
              <a href={routeHash({ view: 'guides', id: savedId })} className="text-indigo-700 underline">
                {i18n.t('options.import.guideOpen')}
              </a>
            )}
          </OutcomeStatus>
        </div>
      )}
    </Card>
  );
}

/** Import page: a JSON backup, and role guides. */
export function ImportView() {
  return (
    <div className="flex flex-col gap-4">
      <BackupImport />
      <GuideImport />
    </div>
  );
}
