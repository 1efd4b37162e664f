import { faultSentence } from '../../lib/client/fault-text';
import { FaultDetails } from '../ui/FaultNotice';
import { useEffect, useId, useRef, useState, type ButtonHTMLAttributes, type ReactNode, type RefObject, type TextareaHTMLAttributes } from 'react';
import { i18n } from '#i18n';
import type { Rating } from '../../lib/db/records';
import { RATINGS, RATING_STYLES, ratingLabel } from '../ui/rating';
import type { FieldRef } from '../../lib/client/writes';
import { saveStatus, shown, usePanel } from '../../stores/panel';

/** The current time, re-rendered every `everyMs` (the stage timer). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The value of a field as shown: typed-but-unsaved first, else stored. */
export function useShown<T>(ref: FieldRef, stored: T): T {
  return usePanel((s) => shown(s, ref, stored));
}

/** A titled block of the drawer. */
export function Section({ title, aside, children, id }: { title: string; aside?: ReactNode; children: ReactNode; id?: string }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} id={id} className="border-t border-slate-200 px-3 pb-3 pt-2.5">
      <div className="mb-1.5 flex items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-[11px] font-semibold uppercase tracking-wide text-slate-600">
          {title}
        </h2>
        {aside ? <span className="text-[11px] text-slate-500">{aside}</span> : null}
      </div>
      {children}
    </section>
  );
}

const SHORT_LABEL_KEYS: Record<Rating, string> = { 'strong-no': '1', no: '2', yes: '3', 'strong-yes': '4' };

/**
 * The four-point scale as a radio group of buttons; clicking the chosen rating again clears it.
 * Arrow keys move between the options, as in any radio group.
 */
export function RatingPicker({ label, value, onChange, size = 'sm' }: { label: string; value: Rating | null; onChange: (rating: Rating | null) => void; size?: 'sm' | 'md' }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: React.KeyboardEvent, index: number) => {
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    event.stopPropagation();
    const next = (index + delta + RATINGS.length) % RATINGS.length;
    refs.current[next]?.focus();
  };
  const focusable = value === null ? 0 : RATINGS.indexOf(value);
  return (
    <div role="radiogroup" aria-label={label} className="grid grid-cols-4 gap-1">
      {RATINGS.map((rating, index) => {
        const checked = value === rating;
        return (
          <button
            key={rating}
            ref={(el) => {
              refs.current[index] = el;
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={index === focusable ? 0 : -1}
            title={`${ratingLabel(rating)} (${SHORT_LABEL_KEYS[rating]})`}
            onClick={() => onChange(checked ? null : rating)}
            onKeyDown={(event) => onKeyDown(event, index)}
            className={`min-w-0 wrap-break-word rounded border px-0.5 leading-tight ${size === 'md' ? 'py-1.5 text-sm' : 'py-0.5 text-[11px]'} font-medium transition-colors ${
              checked ? RATING_STYLES[rating] : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-100'
            }`}
          >
            {ratingLabel(rating)}
          </button>
        );
      })}
    </div>
  );
}

/**
 * Where a field's write stands, in words. A failed write says only "Not saved yet" here: the reason is said once,
 * in the panel's banner (`SaveFailureBanner`), not again under every field (the typed text stays in the box).
 */
export function SaveStatusText({ saveKey, quietWhenSaved = true }: { saveKey: FieldRef; quietWhenSaved?: boolean }) {
  const status = usePanel((s) => saveStatus(s, saveKey));
  if (!status) return null;
  if (status.state === 'error') {
    return (
      <p className="mt-0.5 text-[11px] text-red-700" data-save-state="error">
        {i18n.t('panel.save.pending')}
      </p>
    );
  }
  if (status.state === 'saved' && quietWhenSaved) return null;
  const text = status.state === 'saved' ? i18n.t('panel.save.saved') : status.state === 'saving' ? i18n.t('panel.save.saving') : i18n.t('panel.save.pending');
  return (
    <p className="mt-0.5 text-[11px] text-slate-500" aria-live="off" data-save-state={status.state}>
      {text}
    </p>
  );
}

/** A textarea that grows with its text, up to `maxRows`. */
export function AutoTextArea({
  maxRows = 8,
  className = '',
  ref: outerRef,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { maxRows?: number; ref?: RefObject<HTMLTextAreaElement | null> }) {
  const ref = useRef<HTMLTextAreaElement | null>(null);
  const value = props.value;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    const line = parseFloat(getComputedStyle(el).lineHeight) || 18;
    el.style.height = `${Math.min(el.scrollHeight, line * maxRows + 12)}px`;
  }, [value, maxRows]);
  return (
    <textarea
      ref={(el) => {
        ref.current = el;
        if (outerRef) outerRef.current = el;
      }}
      rows={1}
      {...props}
      className={`block w-full resize-none rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 placeholder:text-slate-400 focus:border-indigo-500 ${className}`}
    />
  );
}

/** A text field saved through the panel's queue on every change (debounced there). */
export function SavedTextArea({
  saveKey,
  stored,
  onSave,
  label,
  placeholder,
  maxRows,
  className,
}: {
  saveKey: FieldRef;
  stored: string;
  onSave: (text: string) => void;
  label: string;
  placeholder?: string;
  maxRows?: number;
  className?: string;
}) {
  const value = useShown(saveKey, stored);
  return (
    <div className={className}>
      <AutoTextArea aria-label={label} placeholder={placeholder} value={value} maxRows={maxRows} onChange={(event) => onSave(event.target.value)} />
      <SaveStatusText saveKey={saveKey} />
    </div>
  );
}

/** Small icon set, drawn inline (no icon font: the panel loads nothing from the network). */
export function Icon({ name, className = 'h-4 w-4' }: { name: 'chevron-left' | 'chevron-right' | 'chevron-down' | 'help' | 'close' | 'edit' | 'trash' | 'arrow-right' | 'sidebar' | 'overlay' | 'note-plus'; className?: string }) {
  const paths: Record<typeof name, string> = {
    'chevron-left': 'M12.5 4.5 7 10l5.5 5.5',
    'chevron-right': 'M7.5 4.5 13 10l-5.5 5.5',
    'chevron-down': 'M4.5 7.5 10 13l5.5-5.5',
    help: 'M7.75 7.5a2.25 2.25 0 1 1 3.3 2c-.7.37-1.05.85-1.05 1.6v.4M10 14.25v.25',
    close: 'M5 5l10 10M15 5 5 15',
    edit: 'M4 16h3l8.5-8.5-3-3L4 13v3Z',
    trash: 'M5 6h10M8 6V4.5h4V6m-6 0 .7 9.5h6.6L14 6',
    'arrow-right': 'M4 10h11m-4.5-4.5L15 10l-4.5 4.5',
    // A window with a pane docked at its right edge (the browser's side panel).
    sidebar: 'M3.5 4.5h13v11h-13zM12.5 4.5v11',
    // A window with a small panel floating inside it (the overlay).
    overlay: 'M3.5 4.5h13v11h-13zM10.5 7h4v6h-4z',
    // A page with a plus: add to notes.
    'note-plus': 'M5 3.5h7l3 3v10H5zM10 8.5v5M7.5 11h5',
  };
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className={className}>
      <path d={paths[name]} />
    </svg>
  );
}

const BUTTON_TONES = {
  primary: 'bg-indigo-600 font-semibold text-white hover:bg-indigo-700',
  plain: 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-100',
};

/** A text button of the panel: `primary` (indigo) or `plain` (outlined), `py-2` unless `compact`. */
export function Button({ tone = 'plain', compact = false, className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { tone?: keyof typeof BUTTON_TONES; compact?: boolean }) {
  return <button type="button" {...props} className={`rounded px-3 ${compact ? 'py-1.5' : 'py-2'} text-sm disabled:opacity-50 ${BUTTON_TONES[tone]} ${className}`} />;
}

/** A small, quiet icon button with an accessible name. */
export function IconButton({ label, icon, onClick, className = '' }: { label: string; icon: Parameters<typeof Icon>[0]['name']; onClick: () => void; className?: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className={`inline-flex h-7 w-7 shrink-0 items-center justify-center rounded text-slate-600 hover:bg-slate-200 hover:text-slate-900 ${className}`}
    >
      <Icon name={icon} />
    </button>
  );
}

/**
 * Writes that failed, said once for the whole panel in the interviewer's words ("Not saved yet: the extension is
 * restarting, retrying…"), with the browser's text behind a toggle. A write the background refused as invalid
 * is not retried: it says the text is kept instead. Nothing when every write landed or is on its way.
 */
export function SaveFailureBanner() {
  const failing = usePanel((s) => Object.values(s.saves).find((st) => st.state === 'error') ?? null);
  if (!failing) return null;
  const retried = failing.code !== 'invalid-input';
  return (
    <div data-testid="save-failure">
      <p>{i18n.t(retried ? 'faults.notSavedRetrying' : 'faults.notSavedKept', [faultSentence(failing.code)])}</p>
      <FaultDetails text={failing.error} />
    </div>
  );
}
