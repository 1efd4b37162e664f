import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { i18n } from '#i18n';
import { browser } from 'wxt/browser';
import type { Rating } from '../../lib/db/records';
import { toFault, type Fault } from '../../lib/client/fault-text';
import { FaultNotice } from '../ui/FaultNotice';
import { RATING_STYLES, ratingLabel } from '../ui/rating';

type Tone = 'primary' | 'secondary' | 'danger' | 'ghost';

const TONES: Record<Tone, string> = {
  primary: 'bg-indigo-600 text-white border-indigo-700 hover:bg-indigo-700 disabled:bg-indigo-300 disabled:border-indigo-300',
  secondary: 'bg-white text-slate-800 border-slate-300 hover:bg-slate-50 disabled:text-slate-400',
  danger: 'bg-white text-red-700 border-red-300 hover:bg-red-50 disabled:text-red-300',
  ghost: 'bg-transparent text-slate-700 border-transparent hover:bg-slate-100',
};

/** A button in one of the page's tones; `type="button"` unless told otherwise. */
export function Button({ tone = 'secondary', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { tone?: Tone }) {
  return (
    <button
      type="button"
      {...props}
      className={`inline-flex items-center gap-1.5 rounded-md border px-3 py-1.5 text-sm font-medium shadow-xs disabled:cursor-not-allowed ${TONES[tone]} ${className}`}
    />
  );
}

/**
 * A titled card; `titleId` lets a form or table name itself after the heading. With `empty` (a sentence such as
 * "No red flags") the card shows that sentence instead of its children.
 */
export function Card({ title, titleId, children, actions, empty }: { title: string; titleId?: string; children: ReactNode; actions?: ReactNode; empty?: string | false }) {
  return (
    <section aria-labelledby={titleId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs print:border-0 print:p-0 print:shadow-none">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {actions}
      </div>
      {empty ? <p className="text-sm text-slate-600">{empty}</p> : children}
    </section>
  );
}

/** The page's column of cards. */
export function Stack({ children }: { children: ReactNode }) {
  return <div className="flex flex-col gap-4">{children}</div>;
}

/**
 * A table with a caption for screen readers and one row of column headings. `pad` is the space right of each
 * heading (the last one has none unless `padLast`); `small` sets the headings in small grey capitals.
 */
export function Table({
  caption,
  columns,
  pad,
  padLast = false,
  small = true,
  className = 'w-full text-sm',
  children,
}: {
  caption: string;
  columns: readonly ReactNode[];
  pad: 'pr-3' | 'pr-4';
  padLast?: boolean;
  small?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <table className={className}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className={`border-b border-slate-200 text-left${small ? ' text-xs text-slate-600 uppercase' : ''}`}>
          {columns.map((column, i) => (
            <th key={i} scope="col" className={`py-1 ${padLast || i < columns.length - 1 ? `${pad} ` : ''}font-semibold`}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/**
 * A delete button that asks first: while `confirming`, the `question` with Delete and Cancel; otherwise a button
 * labelled `label` (default "Delete") that starts confirming.
 */
export function ConfirmDelete({
  confirming,
  setConfirming,
  question,
  label = i18n.t('options.delete'),
  onDelete,
}: {
  confirming: boolean;
  setConfirming: (confirming: boolean) => void;
  question: string;
  label?: string;
  onDelete: () => void;
}) {
  if (!confirming) {
    return (
      <Button tone="danger" onClick={() => setConfirming(true)}>
        {label}
      </Button>
    );
  }
  return (
    <span className="flex items-center gap-2">
      <span className="text-sm text-red-800">{question}</span>
      <Button tone="danger" onClick={onDelete}>
        {i18n.t('options.delete')}
      </Button>
      <Button onClick={() => setConfirming(false)}>{i18n.t('options.cancel')}</Button>
    </span>
  );
}

/**
 * The shared rating colours, with a darker green for "strong yes": white on emerald-600 is 3.8:1, below the 4.5:1
 * that small text needs (axe `color-contrast`).
 */
export const CHIP_STYLES: Record<Rating, string> = { ...RATING_STYLES, 'strong-yes': 'bg-emerald-700 text-white border-emerald-800' };

/** A rating as a coloured chip, or "Not rated". */
export function RatingChip({ rating }: { rating: Rating | null }) {
  if (!rating) return <span className="text-sm text-slate-600">{i18n.t('options.notRated')}</span>;
  return (
    <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${CHIP_STYLES[rating]}`}>
      {ratingLabel(rating)}
    </span>
  );
}

/** A polite status line (saved, copied, imported). */
export function Status({ children, tone = 'ok' }: { children: ReactNode; tone?: 'ok' | 'error' }) {
  return (
    <p role={tone === 'error' ? 'alert' : 'status'} className={`text-sm ${tone === 'error' ? 'text-red-700' : 'text-emerald-700'}`}>
      {children}
    </p>
  );
}

/** A list of `path: reason` problems under a heading. */
export function ProblemList({ title, problems, testId }: { title: string; problems: string[]; testId?: string }) {
  return (
    <div role="alert" data-testid={testId} className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-semibold">{title}</p>
      <ul className="mt-1 max-h-64 list-disc overflow-auto pl-5 font-mono text-xs">
        {problems.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

/** What failed on the options page, for its sentence (`faults.actions.<what>`). */
export type OptionsAction =
  | 'listLoad'
  | 'delete'
  | 'export'
  | 'detailLoad'
  | 'detailSave'
  | 'end'
  | 'copy'
  | 'guideList'
  | 'guideRead'
  | 'guideSave'
  | 'guideDelete'
  | 'import'
  | 'retention'
  | 'storageInfo'
  | 'wipe'
  | 'diagnostics'
  | 'settingsSave';

/** What an options action reports: a success sentence, or a failure said by `FaultNotice` (issue 12, item 6). */
export type Outcome = { ok: true; text: string } | { ok: false; what: OptionsAction; fault: Fault };

/** The failed {@link Outcome} of `what` for anything thrown (its code picks the sentence, its text the details). */
export function failed(what: OptionsAction, error: unknown): Outcome {
  return { ok: false, what, fault: toFault(error) };
}

/**
 * An action's outcome: a success line, or the failure's one sentence with its technical text behind a toggle.
 * With `className`, in a `div` of that class (only when there is an outcome).
 */
export function OutcomeStatus({ outcome, children, className }: { outcome: Outcome | null; children?: ReactNode; className?: string }) {
  if (!outcome) return null;
  const line = outcome.ok ? (
    <Status>
      {outcome.text}
      {children}
    </Status>
  ) : (
    <FaultNotice what={i18n.t(`faults.actions.${outcome.what}`)} fault={outcome.fault} className="text-sm text-red-700" />
  );
  return className ? <div className={className}>{line}</div> : line;
}

const uiLanguage = () => browser.i18n.getUILanguage();
let dateFormat: Intl.DateTimeFormat | null = null;
let dayFormat: Intl.DateTimeFormat | null = null;

/** A date and time in the browser's language, e.g. "29 Nov 2026, 14:05". */
export function formatWhen(ms: number | null): string {
  if (ms === null) return '—';
  dateFormat ??= new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  return dateFormat.format(ms);
}

/** A date in the browser's language, short. */
export function formatDay(ms: number): string {
  dayFormat ??= new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium' });
  return dayFormat.format(ms);
}

/** Bytes as kB/MB/GB with one decimal. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${new Intl.NumberFormat(uiLanguage(), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** Saves text as a file through a temporary `<a download>` (no `downloads` permission needed). */
export function downloadFile(filename: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in Firefox; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
