import { i18n } from '#i18n';

/**
 * A role guide's interview tips as a disclosure ("Interview tips (4)"), closed at first so the form stays short;
 * nothing when the guide has none. Used where the interviewer prepares: the panel's start form and the popup.
 * @param open starts expanded (e.g. for a screenshot or where there is room).
 */
export function GuideTips({ tips, className = '', open = false }: { tips: readonly { id: string; text: string }[]; className?: string; open?: boolean }) {
  if (tips.length === 0) return null;
  return (
    <details open={open} className={`rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-950 ${className}`} data-testid="guide-tips">
      <summary className="cursor-pointer font-medium">{i18n.t('tips.heading', [String(tips.length)])}</summary>
      <ul className="mt-1 list-disc space-y-0.5 pl-4">
        {tips.map((tip) => (
          <li key={tip.id}>{tip.text}</li>
        ))}
      </ul>
    </details>
  );
}
