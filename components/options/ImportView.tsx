import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { i18n } from '#i18n';
import { backupMessages, parseBackup, splitBackup, type Backup } from '../../lib/export';
import { importGuide, type GuideFormat } from '../../lib/guides/import';
import { guideImportMessages } from '../../lib/guides/messages';
import type { ImportReport } from '../../lib/export/backup';
import { routeHash, useOptions } from '../../stores/options';
import { GuidePreview } from './GuidePreview';
import { Field, Options, Select } from '../ui/Field';
import { labelMap } from '../../lib/labels';
import { Button, Card, failed, formatWhen, OutcomeStatus, ProblemList, Stack, Status, type Outcome } from './ui';

/** Reads a picked file as text (UTF-8). */
function readFile(file: File): Promise<string> {
  return file.text();
}

/** The files each import's picker offers. */
const ACCEPT = {
  backup: '.json,application/json',
  guide: '.json,.md,.markdown,.txt,application/json,text/markdown,text/plain',
};

/**
 * An import's card: its title and help, a file picker plus a paste box feeding one text value, then `children`
 * (the texts are `options.import.<kind>Title`, `…Help`, `…File` and `…Paste`).
 */
function ImportCard({ kind, text, onText, children }: { kind: keyof typeof ACCEPT; text: string; onText: (text: string, filename?: string) => void; children: ReactNode }) {
  return (
    <Card title={i18n.t(`options.import.${kind}Title`)} titleId={`${kind}-import-title`}>
      <p className="mb-3 text-sm text-slate-600">{i18n.t(`options.import.${kind}Help`)}</p>
      <div className="flex flex-col gap-3">
        <Field look="page" id={`${kind}-file`} label={i18n.t(`options.import.${kind}File`)}>
          <input
            id={`${kind}-file`}
            type="file"
            accept={ACCEPT[kind]}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void readFile(file).then((t) => onText(t, file.name));
            }}
            className="text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium"
          />
        </Field>
        <Field look="page" id={`${kind}-paste`} label={i18n.t(`options.import.${kind}Paste`)}>
          <textarea
            id={`${kind}-paste`}
            rows={6}
            value={text}
            onChange={(e) => onText(e.target.value)}
            spellCheck={false}
            className="rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
          />
        </Field>
      </div>
      {children}
    </Card>
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

  /** New text, typed or from a file (an empty file is said, not parsed). */
  const receive = (t: string, filename?: string) => {
    setText(t);
    setReport(null);
    setEmptyFile(filename !== undefined && !t.trim() ? filename : null);
  };

  return (
    <ImportCard kind="backup" text={text} onText={receive}>
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
    </ImportCard>
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

const formatName = labelMap<'auto' | GuideFormat>({
  auto: 'options.import.formatAuto',
  json: 'options.import.formatJson',
  markdown: 'options.import.formatMarkdown',
  text: 'options.import.formatText',
});
const FORMATS = ['auto', 'json', 'markdown', 'text'] as const;

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

  /** New text, typed or from a file (a file is read at once, typing after a pause). */
  const receive = (t: string, name?: string) => {
    setText(t);
    setFilename(name);
    setStatus(null);
    if (name) setDebounced(t);
  };

  return (
    <ImportCard kind="guide" text={text} onText={receive}>
      <Field look="page" id={formatId} label={i18n.t('options.import.format')} className="mt-3">
        <Select value={format} onChange={(e) => setFormat(e.target.value as 'auto' | GuideFormat)} className="w-64">
          <Options values={FORMATS} label={formatName} />
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
    </ImportCard>
  );
}

/** Import page: a JSON backup, and role guides. */
export function ImportView() {
  return (
    <Stack>
      <BackupImport />
      <GuideImport />
    </Stack>
  );
}
