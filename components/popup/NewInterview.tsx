import { useEffect, useId, useRef, type FormEvent } from 'react';
import { i18n } from '#i18n';
import type { GuideSummary } from '../../lib/guides/schema';
import { filterGuides, isCallTab, stagesOf, usePopup } from '../../stores/popup';
import { SearchIcon } from './icons';
import { stageOptionLabel, stagesSummary } from './labels';
import { TranscriptOption, useTranscriptOption } from '../ui/TranscriptOption';
import { GuideTips } from '../ui/GuideTips';
import { controlClass, Field, Input, Select } from '../ui/Field';

/**
 * The form for the next interview: candidate, role guide (searchable by title and skill), stage. On a call tab it
 * starts the interview there; elsewhere it prepares one for the next call.
 */
export function NewInterview() {
  const onCall = usePopup((s) => s.tabId !== null && isCallTab(s.session?.tab));
  const planned = usePopup((s) => s.session?.planned ?? null);
  const candidateName = usePopup((s) => s.candidateName);
  const candidateRef = usePopup((s) => s.candidateRef);
  const fieldErrors = usePopup((s) => s.fieldErrors);
  const busy = usePopup((s) => s.busy);
  const { setCandidateName, setCandidateRef, start } = usePopup.getState();
  const nameRef = useRef<HTMLInputElement>(null);
  const [transcript, setTranscript] = useTranscriptOption(usePopup((s) => (s.tabId !== null && isCallTab(s.session?.tab) ? s.session!.tab!.platform : null)));
  const guideRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await start({ transcript });
    if (ok) return;
    // Move focus to the first field that needs attention, so keyboard and screen-reader users land on it.
    const errors = usePopup.getState().fieldErrors;
    if (errors.candidateName) nameRef.current?.focus();
    else if (errors.guide) guideRef.current?.focus();
  };

  return (
    <section aria-labelledby="new-interview" className="space-y-3">
      <h2 id="new-interview" className="text-sm font-semibold text-slate-900">
        {onCall ? i18n.t('popup.newInterview') : i18n.t('popup.prepareInterview')}
      </h2>
      <form noValidate onSubmit={(e) => void submit(e)} className="space-y-2.5" data-testid="new-interview">
        <div className="grid grid-cols-[1.15fr_1fr] gap-2">
          <Field look="popup" id="candidate-name" label={i18n.t('popup.candidateName')}>
            <Input
              ref={nameRef}
              // The popup opens to write the next candidate's name: the caret is already there.
              autoFocus
              autoComplete="off"
              required
              value={candidateName}
              onChange={(e) => setCandidateName(e.target.value)}
              placeholder={i18n.t('popup.candidateNamePlaceholder')}
              aria-invalid={Boolean(fieldErrors.candidateName)}
              aria-describedby={fieldErrors.candidateName ? 'candidate-name-error' : undefined}
            />
          </Field>
          <Field look="popup" id="candidate-ref" label={i18n.t('popup.candidateRef')}>
            <Input
              autoComplete="off"
              value={candidateRef}
              onChange={(e) => setCandidateRef(e.target.value)}
              placeholder={i18n.t('popup.candidateRefPlaceholder')}
            />
          </Field>
          {fieldErrors.candidateName ? (
            <p id="candidate-name-error" className="col-span-2 -mt-1 text-xs text-red-700">
              {i18n.t(fieldErrors.candidateName)}
            </p>
          ) : null}
        </div>

        <GuidePicker firstRadioRef={guideRef} />

        <TranscriptOption checked={transcript} onChange={setTranscript} />

        <div className="space-y-1.5">
          <button
            type="submit"
            disabled={busy !== null}
            className="w-full rounded-lg bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700 focus-visible:outline-offset-2 disabled:opacity-60"
          >
            {onCall ? i18n.t('popup.startOnCall') : i18n.t('popup.prepare')}
          </button>
          <p className="text-center text-xs text-slate-500">
            {onCall
              ? i18n.t('popup.startOnCallHint')
              : planned
                ? i18n.t('popup.replacePrepared', [planned.candidateName])
                : i18n.t('popup.prepareHint')}
          </p>
        </div>
      </form>
    </section>
  );
}

/** The role-guide radio list with its search box, and the stage picker that follows the chosen guide. */
function GuidePicker({ firstRadioRef }: { firstRadioRef: React.RefObject<HTMLInputElement | null> }) {
  const guides = usePopup((s) => s.guides);
  const query = usePopup((s) => s.query);
  const guideId = usePopup((s) => s.guideId);
  const stageId = usePopup((s) => s.stageId);
  const guideError = usePopup((s) => s.fieldErrors.guide);
  const { setQuery, chooseGuide, chooseStage } = usePopup.getState();
  const listId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const shown = filterGuides(guides, query);
  // A remembered guide low in the list is scrolled into view, so the popup opens on the current choice.
  useEffect(() => {
    listRef.current?.querySelector('input:checked')?.closest('label')?.scrollIntoView({ block: 'nearest' });
  }, []);
  const stages = stagesOf(guides, guideId);
  const chosen = guides.find((g) => g.id === guideId);
  // Two guides may share a title in different languages: then the language tells them apart.
  const titles = new Map<string, number>();
  for (const g of guides) titles.set(g.title, (titles.get(g.title) ?? 0) + 1);

  return (
    <div className="space-y-2.5">
      <fieldset className="min-w-0" aria-describedby={guideError ? 'guide-error' : undefined}>
        <legend className="mb-1 text-xs font-medium text-slate-600">{i18n.t('popup.roleGuide')}</legend>
        <div className="relative mb-1.5">
          <span className="pointer-events-none absolute inset-y-0 left-2.5 flex items-center text-slate-400">
            <SearchIcon />
          </span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={i18n.t('popup.searchGuides')}
            aria-label={i18n.t('popup.searchGuides')}
            aria-controls={listId}
            data-testid="guide-search"
            className={`${controlClass('popup')} pl-8`}
          />
        </div>
        <div
          ref={listRef}
          id={listId}
          role="radiogroup"
          aria-label={i18n.t('popup.roleGuide')}
          // Short enough that the whole form, "Start interview" included, fits Chrome's 600 px popup on a call.
          className="max-h-32 space-y-1 overflow-y-auto overscroll-contain rounded-xl border border-slate-200 bg-slate-50/70 p-1"
        >
          {shown.length === 0 ? (
            <p className="px-2 py-3 text-center text-xs text-slate-500" role="status">
              {guides.length === 0 ? i18n.t('popup.noGuides') : i18n.t('popup.noGuideMatches', [query.trim()])}
            </p>
          ) : (
            shown.map((guide, index) => (
              <GuideOption
                key={guide.id}
                guide={guide}
                checked={guide.id === guideId}
                showLocale={(titles.get(guide.title) ?? 0) > 1}
                onChoose={() => chooseGuide(guide.id)}
                inputRef={index === 0 ? firstRadioRef : undefined}
              />
            ))
          )}
        </div>
        {/* The chosen guide's advice for the interviewer, closed so "Start interview" stays in view (issue 12, item 4). */}
        {chosen ? <GuideTips key={chosen.id} tips={chosen.tips} className="mt-1" /> : null}
        {guideError ? (
          <p id="guide-error" className="mt-1 text-xs text-red-700">
            {i18n.t(guideError)}
          </p>
        ) : null}
      </fieldset>

      {/* Label beside the select: one row less, so "Start interview" stays in view in a 600 px popup. */}
      {/* Label beside the select: one row less, so "Start interview" stays in view in a 600 px popup. */}
      <Field look="popup" id="stage" inline label={i18n.t('popup.stage')} labelTitle={chosen?.title}>
        <Select value={stageId ?? ''} disabled={!stages.length} onChange={(e) => chooseStage(e.target.value)}>
          {stages.length === 0 ? <option value="">—</option> : null}
          {stages.map((stage, i) => (
            <option key={stage.id} value={stage.id}>
              {stageOptionLabel(i, stage)}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}

function GuideOption({
  guide,
  checked,
  showLocale,
  onChoose,
  inputRef,
}: {
  guide: GuideSummary;
  checked: boolean;
  showLocale: boolean;
  onChoose: () => void;
  inputRef?: React.RefObject<HTMLInputElement | null>;
}) {
  const total = guide.stages.reduce((sum, s) => sum + (s.durationMinutes ?? 0), 0);
  return (
    <label
      className={`flex cursor-pointer items-start gap-2.5 rounded-lg border px-2.5 py-2 transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${
        checked ? 'border-indigo-300 bg-white shadow-sm ring-1 ring-indigo-200' : 'border-transparent hover:bg-white'
      }`}
    >
      <input
        ref={inputRef}
        type="radio"
        name="guide"
        value={guide.id}
        checked={checked}
        onChange={onChoose}
        className="mt-0.5 size-4 shrink-0 accent-indigo-600 focus-visible:outline-none"
      />
      <span className="min-w-0 flex-1">
        <span className="flex items-center gap-1.5">
          <span className="truncate text-sm font-medium text-slate-900">{guide.title}</span>
          {showLocale ? (
            <span className="rounded bg-slate-200 px-1 text-[10px] font-semibold text-slate-600 uppercase">{guide.locale}</span>
          ) : null}
          {guide.origin === 'custom' ? (
            <span className="rounded bg-violet-100 px-1.5 text-[10px] font-semibold text-violet-700">{i18n.t('popup.custom')}</span>
          ) : null}
        </span>
        {guide.skills.length ? <span className="block truncate text-xs text-slate-500">{guide.skills.join(' · ')}</span> : null}
        {/* The chosen guide shows its stages; the others stay one line shorter, so more of them fit the short list. */}
        <span className={checked ? 'mt-1 flex items-center gap-2' : 'hidden'}>
          {/* The stages as a bar, each segment as long as the stage: the shape of the process at a glance. */}
          <span className="flex h-1.5 w-20 shrink-0 gap-px overflow-hidden rounded-full" aria-hidden="true">
            {guide.stages.map((s) => (
              <span
                key={s.id}
                title={s.title}
                className={checked ? 'bg-indigo-400' : 'bg-slate-300'}
                style={{ flexGrow: total > 0 ? (s.durationMinutes ?? 0) || total / guide.stages.length / 2 : 1 }}
              />
            ))}
          </span>
          <span className="truncate text-[11px] text-slate-500">{stagesSummary(guide.stages)}</span>
        </span>
      </span>
    </label>
  );
}
