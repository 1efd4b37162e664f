import type { ReactNode } from 'react';
import { i18n } from '#i18n';
import { faultMessage, type Fault } from '../../lib/client/fault-text';

/**
 * The technical text of a failure behind a toggle (closed at first): the interviewer reads the sentence, support
 * reads this. Renders nothing without a text.
 */
export function FaultDetails({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <details className="mt-0.5 text-[11px]" data-testid="fault-details">
      <summary className="cursor-pointer opacity-80 underline-offset-2 hover:underline">{i18n.t('faults.detailsToggle')}</summary>
      <p className="mt-0.5 font-mono break-words whitespace-pre-wrap opacity-80">{text}</p>
    </details>
  );
}

/**
 * A failed action said once, for the interviewer (issue 12, item 6): one translated sentence with what failed, why
 * and what to do ("The interview did not start: the extension is restarting. Try again in a moment."), the
 * `path: reason` problems of refused input as a list, and the technical text behind a closed "Technical details"
 * toggle. Used by the panel, the popup and the options page.
 * @param what what failed, translated, without final punctuation (a `faults.actions.*` text).
 * @param alert announce it (`role="alert"`); off when the container already is an alert.
 * @param action an optional control beside the sentence (e.g. Dismiss).
 */
export function FaultNotice({
  what,
  fault,
  alert = true,
  className = '',
  action,
}: {
  what: string;
  fault: Fault;
  alert?: boolean;
  className?: string;
  action?: ReactNode;
}) {
  return (
    <div role={alert ? 'alert' : undefined} className={className} data-testid="fault" data-code={fault.code ?? ''}>
      <p className="flex items-start justify-between gap-2">
        <span data-testid="fault-sentence">{faultMessage(what, fault)}</span>
        {action}
      </p>
      {fault.issues.length > 0 ? (
        <ul className="mt-0.5 list-disc pl-4 font-mono text-[11px]" data-testid="fault-issues">
          {fault.issues.map((issue, i) => (
            <li key={i}>{issue}</li>
          ))}
        </ul>
      ) : null}
      <FaultDetails text={fault.details} />
    </div>
  );
}
