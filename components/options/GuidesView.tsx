import { guideLabel } from '../ui/rating';
import { useCallback, useEffect, useState } from 'react';
import { i18n } from '#i18n';
import { EXPORT_MIME } from '../../lib/export';
import { guideToMarkdown } from '../../lib/guides/markdown';
import type { Guide, GuideSummary } from '../../lib/guides/schema';
import { uniqueSlug } from '../../lib/guides/slug';
import { routeHash, useOptions } from '../../stores/options';
import { useLiveLoad } from '../useLiveLoad';
import { GuidePreview } from './GuidePreview';
import { Button, Card, downloadFile, failed, OutcomeStatus, type Outcome } from './ui';

/**
 * A copy of a guide under a new id (`<id>-copy`, `<id>-copy-2`…) and title, so that it can be edited and saved
 * as a custom guide even when the original is bundled.
 */
export function duplicateGuide(guide: Guide, takenIds: Iterable<string>, title: string): Guide {
  const base = `${guide.id.slice(0, 70).replace(/-+$/, '')}-copy`;
  return { ...structuredClone(guide), id: uniqueSlug(base, new Set(takenIds)), title };
}

/** The guide manager: every guide, a preview, duplicate any, delete custom ones (bundled ones are read-only). */
export function GuidesView({ selectedId }: { selectedId?: string }) {
  const [guides, setGuides] = useState<GuideSummary[] | null>(null);
  const [guide, setGuide] = useState<Guide | null>(null);
  const [status, setStatus] = useState<Outcome | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const loadList = useCallback(async () => {
    try {
      setGuides(await useOptions.getState().listGuides());
    } catch (e) {
      setStatus(failed('guideList', e));
    }
  }, []);
  useLiveLoad(
    () => void loadList(),
    (event) => {
      if (event.type === 'guides-changed') void loadList();
    },
  );

  const current = guides?.find((g) => g.id === selectedId) ?? guides?.[0];
  useEffect(() => {
    setConfirmDelete(false);
    if (!current) {
      setGuide(null);
      return;
    }
    let live = true;
    useOptions.getState().readGuide(current.id).then(
      (g) => live && setGuide(g),
      (e: unknown) => live && setStatus(failed('guideRead', e)),
    );
    return () => {
      live = false;
    };
  }, [current]);

  const duplicate = async () => {
    if (!guide || !guides) return;
    const copy = duplicateGuide(guide, guides.map((g) => g.id), i18n.t('options.guides.copyTitle', [guide.title]));
    try {
      await useOptions.getState().saveGuide(copy);
      setStatus({ ok: true, text: i18n.t('options.guides.duplicated', [copy.title]) });
      location.hash = routeHash({ view: 'guides', id: copy.id });
    } catch (e) {
      setStatus(failed('guideSave', e));
    }
  };
  const remove = async () => {
    if (!guide) return;
    try {
      await useOptions.getState().deleteGuide(guide.id);
      setStatus({ ok: true, text: i18n.t('options.guides.deleted', [guide.title]) });
      location.hash = routeHash({ view: 'guides' });
    } catch (e) {
      setStatus(failed('guideDelete', e));
    }
  };

  if (!guides) return <p className="text-sm text-slate-500">{i18n.t('common.loading')}</p>;
  return (
    <div className="grid gap-4 md:grid-cols-[18rem_1fr]">
      <nav aria-label={i18n.t('options.guides.listLabel')} className="flex flex-col gap-1">
        <ul className="flex flex-col gap-1">
          {guides.map((g) => (
            <li key={g.id}>
              <a
                href={routeHash({ view: 'guides', id: g.id })}
                aria-current={g.id === current?.id ? 'page' : undefined}
                className={`flex items-center justify-between gap-2 rounded-md px-3 py-2 text-sm ${g.id === current?.id ? 'bg-indigo-50 font-medium text-indigo-900' : 'text-slate-800 hover:bg-slate-100'}`}
              >
                <span className="truncate">{guideLabel(g, guides)}</span>
                <span className={`shrink-0 rounded px-1.5 py-0.5 text-xs ${g.origin === 'bundled' ? 'bg-slate-200 text-slate-700' : 'bg-emerald-100 text-emerald-800'}`}>
                  {g.origin === 'bundled' ? i18n.t('options.guides.bundled') : i18n.t('options.guides.custom')}
                </span>
              </a>
            </li>
          ))}
        </ul>
        <a href={routeHash({ view: 'import' })} className="mt-2 px-3 text-sm text-indigo-700 hover:underline">
          {i18n.t('options.guides.importLink')}
        </a>
      </nav>
      <Card
        title={i18n.t('options.guides.preview')}
        titleId="guide-preview-title"
        actions={
          guide && (
            <div className="flex flex-wrap gap-2">
              <Button onClick={() => void duplicate()}>{i18n.t('options.guides.duplicate')}</Button>
              <Button onClick={() => downloadFile(`guide-${guide.id}.md`, guideToMarkdown(guide), EXPORT_MIME.md)}>
                {i18n.t('options.guides.downloadMarkdown')}
              </Button>
              {current?.origin === 'custom' &&
                (confirmDelete ? (
                  <>
                    <Button tone="danger" onClick={() => void remove()}>
                      {i18n.t('options.guides.confirmDelete')}
                    </Button>
                    <Button onClick={() => setConfirmDelete(false)}>{i18n.t('options.cancel')}</Button>
                  </>
                ) : (
                  <Button tone="danger" onClick={() => setConfirmDelete(true)}>
                    {i18n.t('options.delete')}
                  </Button>
                ))}
            </div>
          )
        }
      >
        <OutcomeStatus outcome={status} />
        {current?.origin === 'bundled' && <p className="mb-2 text-xs text-slate-500">{i18n.t('options.guides.readOnly')}</p>}
        {guide ? <GuidePreview guide={guide} headingLevel={3} /> : <p className="text-sm text-slate-500">{i18n.t('options.guides.none')}</p>}
      </Card>
    </div>
  );
}
