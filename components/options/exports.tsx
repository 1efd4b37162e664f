import { useState } from 'react';
import { i18n } from '#i18n';
import { browser } from 'wxt/browser';
import { exportLabels, type ExportKind, type ExportLabels } from '../../lib/export';
import { csvDelimiterFor } from '../../lib/settings';
import { useOptions } from '../../stores/options';
import { hydrateSettings, useSettings } from '../../stores/settings';
import { buildExport, type ExportFile } from '../../lib/export/build';
import { Button, downloadFile, failed, OutcomeStatus, type Outcome } from './ui';

/** The scorecard words in the browser's language. */
export function labels(): ExportLabels {
  return exportLabels((key) => i18n.t(key as never));
}

/** The CSV delimiter the interviewer chose in Settings, else the one of the interface language (`;` for Italian). */
export async function csvDelimiter(): Promise<',' | ';'> {
  await hydrateSettings();
  return csvDelimiterFor(useSettings.getState().settings.csvDelimiter, browser.i18n.getUILanguage()) === 'semicolon' ? ';' : ',';
}

/**
 * Exports interviews as a downloaded file: reads their backup through the options store (`fetchBackup`), then the
 * page writes the chosen format (CSV with the delimiter from `csvDelimiter`).
 * @returns the file written.
 * @throws ApiCallError when the background failed.
 */
export async function exportInterviews(kind: ExportKind, ids?: string[]): Promise<ExportFile> {
  const backup = await useOptions.getState().fetchBackup(ids);
  await hydrateSettings();
  const file = buildExport(kind, backup, labels(), new Date(), {
    ...(kind === 'csv' ? { delimiter: await csvDelimiter() } : {}),
    transcript: useSettings.getState().settings.exportTranscript,
  });
  downloadFile(file.filename, file.text, file.mime);
  return file;
}

const KINDS: { kind: ExportKind; label: () => string }[] = [
  { kind: 'md', label: () => i18n.t('options.export.markdown') },
  { kind: 'json', label: () => i18n.t('options.export.json') },
  { kind: 'csv', label: () => i18n.t('options.export.csv') },
];

/** Three buttons (Markdown, JSON backup, CSV) exporting the given interviews, with a status line. */
export function ExportButtons({ ids, label, disabled }: { ids?: string[]; label: string; disabled?: boolean }) {
  const [status, setStatus] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (kind: ExportKind) => {
    setBusy(true);
    setStatus(null);
    try {
      const file = await exportInterviews(kind, ids);
      setStatus({ ok: true, text: i18n.t('options.export.done', [file.filename]) });
    } catch (error) {
      setStatus(failed('export', error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="group" aria-label={label} className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600">{label}</span>
        {KINDS.map(({ kind, label: text }) => (
          <Button key={kind} disabled={disabled || busy} onClick={() => void run(kind)} data-export={kind}>
            {text()}
          </Button>
        ))}
      </div>
      <OutcomeStatus outcome={status} />
    </div>
  );
}
