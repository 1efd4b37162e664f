import { i18n } from '#i18n';

/**
 * The transcript's on/off switch (`role="switch"`), shared by the panel's Transcript section and the popup's row;
 * `className` sets the spacing and text of each place.
 */
export function TranscriptSwitch({
  on,
  onChange,
  disabled,
  className,
  testId,
}: {
  on: boolean;
  onChange: (on: boolean) => void;
  disabled: boolean;
  className: string;
  testId?: string;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      disabled={disabled}
      onClick={() => onChange(!on)}
      data-testid={testId}
      className={`inline-flex items-center rounded ${className}`}
    >
      <span aria-hidden="true" className={`relative inline-block h-4 w-7 rounded-full transition-colors ${on ? 'bg-indigo-600' : 'bg-slate-300'}`}>
        <span className={`absolute top-0.5 h-3 w-3 rounded-full bg-white shadow transition-all ${on ? 'left-3.5' : 'left-0.5'}`} />
      </span>
      {i18n.t('transcript.switchLabel')}
    </button>
  );
}
