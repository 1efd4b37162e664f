import type { ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { ChevronIcon } from './icons';

/** The options page's address of an interview record (the options page routes on this hash). */
export function interviewRecordUrl(id: string): string {
  return browser.runtime.getURL(`/options.html#/interviews/${encodeURIComponent(id)}` as '/options.html');
}

/** Opens an interview's record in a new tab and closes the popup. */
export async function openRecord(id: string): Promise<void> {
  await browser.tabs.create({ url: interviewRecordUrl(id) });
  window.close();
}

/**
 * One interview in a popup list, as a button that opens its record: the candidate's line, a second line, something
 * at the end (a state, a recommendation, "Open") and a chevron. `hover` is the row's hover background.
 */
export function RecordLink({ id, title, detail, end, hover }: { id: string; title: ReactNode; detail: ReactNode; end: ReactNode; hover: string }) {
  return (
    <button
      type="button"
      onClick={() => void openRecord(id)}
      className={`group flex w-full items-center gap-2.5 px-3 py-2 text-left ${hover} focus-visible:-outline-offset-2`}
    >
      <span className="min-w-0 flex-1">
        <span className="block truncate text-sm font-medium text-slate-900">{title}</span>
        <span className="block truncate text-xs text-slate-500">{detail}</span>
      </span>
      {end}
      <span className="shrink-0 text-slate-300 group-hover:text-slate-500">
        <ChevronIcon />
      </span>
    </button>
  );
}

/**
 * A popup list of interviews, one {@link RecordLink} each: `row` gives an item's lines and end; `className` its
 * frame (border, dividers' colour, background).
 */
export function RecordList<T extends { id: string }>({
  items,
  row,
  hover,
  className,
  testId,
}: {
  items: readonly T[];
  row: (item: T) => { title: ReactNode; detail: ReactNode; end: ReactNode };
  hover: string;
  className: string;
  testId: string;
}) {
  return (
    <ul className={`divide-y overflow-hidden ${className}`} data-testid={testId}>
      {items.map((item) => (
        <li key={item.id}>
          <RecordLink id={item.id} hover={hover} {...row(item)} />
        </li>
      ))}
    </ul>
  );
}
