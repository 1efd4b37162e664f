import { i18n } from '#i18n';
import type { Guide } from '../../lib/guides/schema';

type Heading = 'h3' | 'h4';

/** A guide's items by their text, red flags marked ⚑; nothing when there are none. */
function TextList({ items, className, flag = false }: { items: readonly { id: string; text: string }[]; className: string; flag?: boolean }) {
  if (items.length === 0) return null;
  return (
    <ul className={className}>
      {items.map((item) => (
        <li key={item.id}>
          {flag ? '⚑ ' : ''}
          {item.text}
        </li>
      ))}
    </ul>
  );
}

/** A {@link TextList} under its heading; nothing when there are no items. */
function TitledList({ Sub, title, ...list }: Parameters<typeof TextList>[0] & { Sub: Heading; title: string }) {
  if (list.items.length === 0) return null;
  return (
    <div>
      <Sub className="font-semibold">{title}</Sub>
      <TextList {...list} />
    </div>
  );
}

/** A read-only view of a role guide: summary, skills, what to look for, interview tips, stages with questions, red flags. */
export function GuidePreview({ guide, headingLevel = 2 }: { guide: Guide; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <div className="flex flex-col gap-3 text-sm text-slate-800" data-testid="guide-preview">
      <div>
        <H className="text-lg font-semibold text-slate-900">{guide.title}</H>
        <p className="font-mono text-xs text-slate-500">
          {guide.id} · {guide.locale}
        </p>
        {guide.summary && <p className="mt-1 whitespace-pre-wrap wrap-anywhere">{guide.summary}</p>}
      </div>
      {guide.skills.length > 0 && (
        <ul aria-label={i18n.t('options.guidePreview.skills')} className="flex flex-wrap gap-1.5">
          {guide.skills.map((skill) => (
            <li key={skill} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
              {skill}
            </li>
          ))}
        </ul>
      )}
      <TitledList Sub={Sub} title={i18n.t('options.guidePreview.criteria')} items={guide.criteria} className="list-disc pl-5" />
      {guide.tips.length > 0 && (
        <section aria-labelledby="guide-preview-tips" className="rounded-md border border-amber-200 bg-amber-50 p-2" data-testid="guide-tips">
          <Sub id="guide-preview-tips" className="font-semibold text-amber-900">
            {i18n.t('options.guidePreview.tips')}
          </Sub>
          <TextList items={guide.tips} className="list-disc pl-5 text-slate-800" />
        </section>
      )}
      <div className="flex flex-col gap-2">
        <Sub className="font-semibold">{i18n.t('options.guidePreview.stages')}</Sub>
        <ol className="flex flex-col gap-2">
          {guide.stages.map((stage) => (
            <li key={stage.id} className="rounded-md border border-slate-200 p-2">
              <p className="font-medium">
                {stage.title}
                {stage.durationMinutes !== undefined && (
                  <span className="ml-2 text-xs font-normal text-slate-500">{i18n.t('options.guidePreview.minutes', [stage.durationMinutes])}</span>
                )}
              </p>
              {stage.description && <p className="text-slate-600">{stage.description}</p>}
              {stage.questions.length > 0 && (
                <ul className="mt-1 list-disc pl-5">
                  {stage.questions.map((q) => (
                    <li key={q.id}>
                      {q.text}
                      {q.core && <span className="ml-1 text-xs font-medium text-indigo-700">({i18n.t('options.detail.core')})</span>}
                      {q.followUps.length > 0 && (
                        <ul className="list-[circle] pl-5 text-slate-600">
                          {q.followUps.map((f, i) => (
                            <li key={i}>{f}</li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              <TextList items={stage.redFlags} className="mt-1 pl-1 text-red-800" flag />
            </li>
          ))}
        </ol>
      </div>
      <TitledList Sub={Sub} title={i18n.t('options.guidePreview.redFlags')} items={guide.redFlags} className="pl-1 text-red-800" flag />
    </div>
  );
}
