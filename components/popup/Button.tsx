import type { ButtonHTMLAttributes } from 'react';

const TONES = {
  /** The confirmed, destructive action. */
  danger: 'bg-red-600 font-medium text-white hover:bg-red-700',
  /** A way back (cancel). */
  plain: 'border border-slate-300 bg-white text-slate-700 hover:bg-slate-50',
  /** An action beside others. */
  secondary: 'border border-slate-300 bg-white font-medium text-slate-800 shadow-xs hover:bg-slate-50',
  /** A destructive action that asks first. */
  warning: 'border border-red-200 bg-white font-medium text-red-700 shadow-xs hover:bg-red-50',
};

/** A text button of the popup, in one of its tones. */
export function Button({ tone, className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { tone: keyof typeof TONES }) {
  return <button type="button" {...props} className={`rounded-lg px-3 py-1.5 text-sm disabled:opacity-60 ${TONES[tone]} ${className}`} />;
}
