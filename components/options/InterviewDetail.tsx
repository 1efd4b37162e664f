import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { i18n } from '#i18n';
import { RATINGS, WRAP_UP_WAIT_MS, type InterviewBundle, type NoteRow, type Rating } from '../../lib/db/records';
import { indexGuide, timelineOrder } from '../../lib/export/format';
import { interviewToMarkdown } from '../../lib/export';
import { ApiCallError } from '../../lib/protocol/result';
import type { MessageInput } from '../../lib/protocol/protocol';
import { routeHash, useOptions } from '../../stores/options';
import { ratingLabel } from '../ui/rating';
import { formatNoteOffset, formatOffset, platformName } from '../../lib/format';
import { useLive } from '../useLive';
import { useSettings } from '../../stores/settings';
import { InterviewTimeline } from './InterviewTimeline';
import { ExportButtons, labels } from './exports';
import { Button, Card, CHIP_STYLES, ConfirmDelete, failed, formatWhen, OutcomeStatus, RatingChip, Status, type Outcome } from './ui';
import { FaultNotice } from '../ui/FaultNotice';
import { toFault, type Fault } from '../../lib/client/fault-text';

function Offset({ note }: { note: NoteRow }) {
  return (
    <span className="inline-block w-14 shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-center font-mono text-xs text-slate-700 tabular-nums">
      {formatNoteOffset(note.offsetMs)}
    </span>
  );
}

/** Multi-line text the interviewer typed, shown as text with its line breaks. */
function Text({ children, className = '', muted = false }: { children: string; className?: string; muted?: boolean }) {
  return <p className={`text-sm whitespace-pre-wrap wrap-anywhere ${muted ? 'text-slate-600 italic' : 'text-slate-800'} ${className}`}>{children}</p>;
}

/**
 * One rated line of the scorecard (a criterion, a question): its text, its rating chip, its note in grey, then
 * `children`; `tall` lines (questions, with their notes) keep the chip at the top.
 */
function ScoredItem({ text, rating, note, tall = false, testId, children }: { text: ReactNode; rating: Rating | null; note: string; tall?: boolean; testId?: string; children?: ReactNode }) {
  return (
    <li className={`flex flex-col ${tall ? 'gap-1.5' : 'gap-1'} px-3 py-2`} data-testid={testId}>
      <div className={`flex ${tall ? 'items-start' : 'items-center'} justify-between gap-3`}>
        <span className="text-sm text-slate-900">{text}</span>
        <RatingChip rating={rating} />
      </div>
      {note.trim() && <Text muted>{note}</Text>}
      {children}
    </li>
  );
}

/** A titled, framed list of {@link ScoredItem}s (the criteria, one stage's questions). */
function ScoredList({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="mb-2 text-sm font-semibold text-slate-800">
        {title}
      </h3>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">{children}</ul>
    </section>
  );
}

/** The recommendation as a radio group of the four ratings plus "not rated". */
function RecommendationPicker({ value, onChange, disabled }: { value: Rating | null; onChange: (r: Rating | null) => void; disabled: boolean }) {
  const options: (Rating | null)[] = [...RATINGS, null];
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1 text-sm font-medium text-slate-700">{i18n.t('options.detail.recommendation')}</legend>
      <div className="flex flex-wrap gap-2 print:hidden">
        {options.map((rating) => {
          const checked = value === rating;
          const tone = rating && checked ? CHIP_STYLES[rating] : checked ? 'bg-slate-700 text-white border-slate-800' : 'bg-white text-slate-700 border-slate-300 hover:bg-slate-50';
          return (
            <label key={rating ?? 'none'} className={`cursor-pointer rounded-full border px-3 py-1 text-sm font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${tone}`}>
              <input
                type="radio"
                name="recommendation"
                className="sr-only"
                checked={checked}
                disabled={disabled}
                onChange={() => onChange(rating)}
              />
              {rating ? ratingLabel(rating) : i18n.t('options.notRated')}
            </label>
          );
        })}
      </div>
      <div className="hidden print:block">
        <RatingChip rating={value} />
      </div>
    </fieldset>
  );
}

/** One interview: scorecard, questions asked, red flags and the timeline of notes; edit, export, print, delete. */
export function InterviewDetail({ id }: { id: string }) {
  const [bundle, setBundle] = useState<InterviewBundle | null>(null);
  const [error, setError] = useState<{ notFound: boolean; fault: Fault } | null>(null);
  const [summary, setSummary] = useState('');
  const [summaryDirty, setDirtyState] = useState(false);
  const dirty = useRef(false);
  const setSummaryDirty = (value: boolean) => {
    dirty.current = value;
    setDirtyState(value);
  };
  const [status, setStatus] = useState<Outcome | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  /** The interview runs but its call is over (`interviews.pendingWrapUps`): it is wrapped up and ended here. */
  const [pendingWrapUp, setPendingWrapUp] = useState(false);
  const [ending, setEnding] = useState(false);

  const load = useCallback(async () => {
    try {
      const next = await useOptions.getState().readInterview(id);
      setBundle(next);
      const pending = next.interview.state === 'active' ? await useOptions.getState().pendingWrapUps().catch(() => []) : [];
      setPendingWrapUp(pending.some((p) => p.id === id));
      setError(null);
      // Another view's edit shows up unless the interviewer is in the middle of changing the summary here.
      if (!dirty.current) setSummary(next.interview.summary);
    } catch (e) {
      setError({ notFound: e instanceof ApiCallError && e.code === 'not-found', fault: toFault(e) });
    }
  }, [id]);

  useEffect(() => {
    setBundle(null);
    dirty.current = false;
    setDirtyState(false);
    void load();
  }, [load]);
  useLive((event) => {
    if (event.type === 'interview-changed' && event.interviewId === id) void load();
  }, () => void load());

  const guideIndex = useMemo(() => (bundle ? indexGuide(bundle.guide) : null), [bundle]);

  if (error) {
    return (
      <div className="flex flex-col gap-3">
        {error.notFound ? (
          <Status tone="error">{i18n.t('options.detail.notFound')}</Status>
        ) : (
          <FaultNotice what={i18n.t('faults.actions.detailLoad')} fault={error.fault} className="text-sm text-red-700" />
        )}
        <a href={routeHash({ view: 'interviews' })} className="text-sm text-indigo-700 hover:underline">
          {i18n.t('options.detail.back')}
        </a>
      </div>
    );
  }
  if (!bundle || !guideIndex) return <p className="text-sm text-slate-500">{i18n.t('common.loading')}</p>;

  const { interview, guide } = bundle;
  const update = async (patch: MessageInput<'interviews.update'>['patch']) => {
    setStatus(null);
    try {
      const row = await useOptions.getState().updateInterview(id, patch);
      setBundle((b) => (b ? { ...b, interview: row } : b));
      if (patch.summary !== undefined) setSummaryDirty(false);
      setStatus({ ok: true, text: i18n.t('options.detail.saved') });
    } catch (e) {
      setStatus(failed('detailSave', e));
    }
  };
  const end = async () => {
    setEnding(true);
    setStatus(null);
    try {
      if (summaryDirty) await useOptions.getState().updateInterview(id, { summary });
      const row = await useOptions.getState().endInterview(id);
      setBundle((b) => (b ? { ...b, interview: row } : b));
      setSummaryDirty(false);
      setPendingWrapUp(false);
    } catch (e) {
      setStatus(failed('end', e));
    }
    setEnding(false);
  };
  const copyMarkdown = async () => {
    try {
      await navigator.clipboard.writeText(interviewToMarkdown(bundle, labels(), { transcript: useSettings.getState().settings.exportTranscript }));
      setStatus({ ok: true, text: i18n.t('options.detail.copied') });
    } catch (e) {
      setStatus(failed('copy', e));
    }
  };
  const remove = async () => {
    try {
      await useOptions.getState().deleteInterviews([id]);
      location.hash = routeHash({ view: 'interviews' });
    } catch (e) {
      setStatus(failed('delete', e));
    }
  };

  const states = new Map(bundle.questionStates.map((q) => [q.questionId, q]));
  const notesByQuestion = new Map<string, NoteRow[]>();
  for (const note of bundle.notes) {
    if (note.questionId) notesByQuestion.set(note.questionId, [...(notesByQuestion.get(note.questionId) ?? []), note]);
  }
  const stages = guide.stages
    .map((stage) => ({
      stage,
      questions: stage.questions.filter((q) => {
        const s = states.get(q.id);
        return (s && (s.asked || s.rating !== null || s.note.trim())) || notesByQuestion.has(q.id);
      }),
    }))
    .filter((g) => g.questions.length > 0);
  const criteria = new Map(bundle.criterionRatings.map((c) => [c.criterionId, c]));
  const flags = bundle.redFlagChecks.filter((f) => f.checked);
  const callLength =
    interview.callStartedAt !== null && interview.endedAt !== null && interview.endedAt >= interview.callStartedAt
      ? formatOffset(interview.endedAt - interview.callStartedAt)
      : null;
  const isLink = /^https?:\/\/\S+$/.test(interview.candidateRef.trim());

  return (
    <article className="flex flex-col gap-4" aria-labelledby="interview-title" data-testid="interview-detail">
      <div className="flex flex-col gap-1">
        <a href={routeHash({ view: 'interviews' })} className="text-sm text-indigo-700 hover:underline print:hidden">
          ← {i18n.t('options.detail.back')}
        </a>
        <h1 id="interview-title" tabIndex={-1} className="text-2xl font-semibold text-slate-900 focus:outline-none">
          {interview.candidateName}
        </h1>
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-600">
          <div className="flex gap-1">
            <dt className="font-medium">{i18n.t('options.detail.guide')}:</dt>
            <dd>{guide.title}</dd>
          </div>
          <div className="flex gap-1">
            <dt className="font-medium">{i18n.t('options.detail.date')}:</dt>
            <dd>{formatWhen(interview.startedAt ?? interview.scheduledAt ?? interview.createdAt)}</dd>
          </div>
          <div className="flex gap-1">
            <dt className="font-medium">{i18n.t('options.detail.platform')}:</dt>
            <dd>{interview.platform ? platformName(interview.platform) : i18n.t('options.detail.noCall')}</dd>
          </div>
          {callLength && (
            <div className="flex gap-1">
              <dt className="font-medium">{i18n.t('options.detail.callLength')}:</dt>
              <dd className="tabular-nums">{callLength}</dd>
            </div>
          )}
          {interview.candidateRef.trim() && (
            <div className="flex gap-1">
              <dt className="font-medium">{i18n.t('options.detail.candidateRef')}:</dt>
              <dd className="max-w-md truncate">
                {isLink ? (
                  <a href={interview.candidateRef.trim()} target="_blank" rel="noreferrer noopener" className="text-indigo-700 hover:underline">
                    {interview.candidateRef.trim()}
                  </a>
                ) : (
                  interview.candidateRef
                )}
              </dd>
            </div>
          )}
        </dl>
      </div>

      <div className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 print:hidden">
        <Button onClick={() => void copyMarkdown()}>{i18n.t('options.detail.copyMarkdown')}</Button>
        <ExportButtons ids={[id]} label={i18n.t('options.detail.download')} />
        <Button onClick={() => window.print()}>{i18n.t('options.detail.print')}</Button>
        <span className="flex-1" />
        <ConfirmDelete confirming={confirmDelete} setConfirming={setConfirmDelete} question={i18n.t('options.detail.confirmDelete')} onDelete={() => void remove()} />
      </div>
      <OutcomeStatus outcome={status} className="print:hidden" />

      {pendingWrapUp && (
        <div role="status" className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 print:hidden" data-testid="pending-wrap-up">
          <p className="min-w-0 flex-1 text-sm text-amber-950">{i18n.t('wrapUpPending.banner')}</p>
          <Button tone="primary" disabled={ending} onClick={() => void end()}>
            {ending ? i18n.t('wrapUpPending.ending') : i18n.t('wrapUpPending.end')}
          </Button>
        </div>
      )}

      {interview.endedAutomatically && (
        <p role="note" className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700 print:hidden" data-testid="ended-automatically">
          {i18n.t('wrapUpPending.endedAutomatically', [String(WRAP_UP_WAIT_MS / 86_400_000)])}
        </p>
      )}

      <Card title={i18n.t('options.detail.scorecard')} titleId="scorecard-title">
        <div className="flex flex-col gap-4">
          <RecommendationPicker value={interview.recommendation} onChange={(r) => void update({ recommendation: r })} disabled={false} />
          <div className="flex flex-col gap-1.5">
            <label htmlFor="summary" className="text-sm font-medium text-slate-700">
              {i18n.t('options.detail.summary')}
            </label>
            <textarea
              id="summary"
              rows={4}
              value={summary}
              onChange={(e) => {
                setSummary(e.target.value);
                setSummaryDirty(true);
              }}
              className="rounded-md border border-slate-300 px-3 py-2 text-sm print:hidden"
            />
            <Text className="hidden print:block">{summary || i18n.t('options.detail.noSummary')}</Text>
            <div className="print:hidden">
              <Button tone="primary" disabled={!summaryDirty} onClick={() => void update({ summary })}>
                {i18n.t('options.detail.saveSummary')}
              </Button>
            </div>
          </div>
          {guide.criteria.length > 0 && (
            <ScoredList title={i18n.t('options.detail.criteria')} id="criteria-title">
              {guide.criteria.map((item) => (
                <ScoredItem key={item.id} text={item.text} rating={criteria.get(item.id)?.rating ?? null} note={criteria.get(item.id)?.note ?? ''} />
              ))}
            </ScoredList>
          )}
        </div>
      </Card>

      <Card title={i18n.t('options.detail.questions')} titleId="questions-title" empty={stages.length === 0 && i18n.t('options.detail.noQuestions')}>
        <div className="flex flex-col gap-4">
          {stages.map(({ stage, questions }) => (
            <ScoredList key={stage.id} title={stage.title} id={`stage-${stage.id}`}>
              {questions.map((q) => (
                <ScoredItem
                  key={q.id}
                  tall
                  testId="question-asked"
                  text={
                    <>
                      {q.text}
                      {q.core && <span className="ml-2 rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-800">{i18n.t('options.detail.core')}</span>}
                    </>
                  }
                  rating={states.get(q.id)?.rating ?? null}
                  note={states.get(q.id)?.note ?? ''}
                >
                  {(notesByQuestion.get(q.id) ?? []).sort(timelineOrder).map((n) => (
                    <div key={n.id} className="flex gap-2">
                      <Offset note={n} />
                      <Text>{n.text}</Text>
                    </div>
                  ))}
                </ScoredItem>
              ))}
            </ScoredList>
          ))}
        </div>
      </Card>

      <Card title={i18n.t('options.detail.redFlags')} titleId="flags-title" empty={flags.length === 0 && i18n.t('options.detail.noRedFlags')}>
        <ul className="flex flex-col gap-2">
          {flags.map((f) => {
            const known = guideIndex.redFlags.get(f.redFlagId);
            return (
              <li key={f.redFlagId} className="rounded-md border border-red-200 bg-red-50 px-3 py-2">
                <p className="text-sm font-medium text-red-900">
                  {known?.item.text ?? f.redFlagId}
                  <span className="ml-2 text-xs font-normal text-red-700">{known?.stage?.title ?? i18n.t('options.detail.general')}</span>
                </p>
                {f.note.trim() && <Text className="text-red-900">{f.note}</Text>}
              </li>
            );
          })}
        </ul>
      </Card>

      <InterviewTimeline bundle={bundle} guideIndex={guideIndex} />
    </article>
  );
}
