import { createContext, useContext, useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react';

/**
 * Which view a form field is in; each view keeps its own look: `panel` (beside the call, compact), `popup` (the
 * toolbar popup, rounder) and `page` (the options page, larger text).
 */
export type FieldLook = 'panel' | 'popup' | 'page';

const LOOKS: Record<FieldLook, { wrapper: string; label: string; control: string; hint: string; inline: string; inlineLabel: string }> = {
  panel: {
    wrapper: '',
    label: 'block text-xs font-medium text-slate-700',
    control: 'mt-0.5 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900',
    hint: 'mt-0.5 text-xs text-slate-600',
    inline: 'flex items-center gap-2',
    inlineLabel: 'text-xs font-medium text-slate-700',
  },
  popup: {
    wrapper: '',
    label: 'mb-1 block text-xs font-medium text-slate-600',
    control:
      'w-full rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 aria-[invalid=true]:border-red-400 disabled:bg-slate-50 disabled:text-slate-400',
    hint: 'mt-1 text-xs text-slate-500',
    inline: 'grid grid-cols-[auto_minmax(0,1fr)] items-center gap-2',
    inlineLabel: 'text-xs font-medium text-slate-600',
  },
  page: {
    wrapper: 'flex flex-col gap-1',
    label: 'text-sm font-medium text-slate-700',
    control: 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:bg-slate-100',
    hint: 'text-sm text-slate-600',
    inline: 'flex items-center gap-2',
    inlineLabel: 'text-sm text-slate-700',
  },
};

/** The control classes of a look, for a control without a visible label (a search box named by `aria-label`). */
export function controlClass(look: FieldLook): string {
  return LOOKS[look].control;
}

interface FieldContext {
  id: string;
  look: FieldLook;
  hintId: string | undefined;
}

const Context = createContext<FieldContext | null>(null);

/**
 * A labelled form field: the label, the control given as children (an `Input` or `Select`, which take the field's
 * id, look and hint from it) and an optional hint under it. `inline` puts the label beside the control.
 */
export function Field({
  label,
  look,
  id: givenId,
  hint,
  inline = false,
  labelTitle,
  className = '',
  children,
}: {
  label: ReactNode;
  look: FieldLook;
  /** The control's id; a generated one when omitted. */
  id?: string;
  hint?: ReactNode;
  inline?: boolean;
  /** A tooltip on the label. */
  labelTitle?: string;
  className?: string;
  children: ReactNode;
}) {
  const generated = useId();
  const id = givenId ?? generated;
  const style = LOOKS[look];
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <Context.Provider value={{ id, look, hintId }}>
      <div className={`${inline ? style.inline : style.wrapper} ${className}`.trim() || undefined}>
        <label htmlFor={id} className={inline ? style.inlineLabel : style.label} title={labelTitle}>
          {label}
        </label>
        {children}
        {hint ? (
          <p id={hintId} className={style.hint}>
            {hint}
          </p>
        ) : null}
      </div>
    </Context.Provider>
  );
}

function useControl(describedBy: string | undefined, className: string | undefined) {
  const field = useContext(Context);
  if (!field) throw new Error('Input and Select belong inside a Field');
  const ids = [field.hintId, describedBy].filter(Boolean).join(' ');
  return { id: field.id, 'aria-describedby': ids || undefined, className: `${LOOKS[field.look].control} ${className ?? ''}`.trim() };
}

/** A text-like input in its `Field`'s look; every native input attribute passes through (`className` adds to the look). */
export function Input({ ref, className, 'aria-describedby': describedBy, ...props }: InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  return <input ref={ref} {...props} {...useControl(describedBy, className)} />;
}

/** A select in its `Field`'s look; every native select attribute passes through (`className` adds to the look). */
export function Select({ ref, className, 'aria-describedby': describedBy, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { ref?: Ref<HTMLSelectElement> }) {
  return <select ref={ref} {...props} {...useControl(describedBy, className)} />;
}

/** One `<option>` per value of a {@link Select}, labelled by `label` (a `labelMap` fits). */
export function Options<T extends string>({ values, label }: { values: readonly T[]; label: (value: T) => string }) {
  return values.map((value) => (
    <option key={value} value={value}>
      {label(value)}
    </option>
  ));
}
