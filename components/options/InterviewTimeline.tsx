import { useId, useMemo, useState } from 'react';
import { i18n } from '#i18n';
import { isDraftNote, type InterviewBundle } from '../../lib/db/records';
import type { indexGuide } from '../../lib/export/format';
import { interleave, interviewerOf } from '../../stores/transcript';
import { formatNoteOffset, formatOffset } from '../../lib/format';
import { Card } from './ui';

const chip = 'inline-block w-14 shrink-0 self-start rounded px-1.5 py-0.5 text-center font-mono text-xs tabular-nums';

/**
 * The interview's timeline in the options page: notes and transcript lines interleaved by their offset from the
 * call's start, searchable (every word, case and accents ignored); the lines can be hidden. Text is shown as text.
 */
export function InterviewTimeline({ bundle, guideIndex }: { bundle: InterviewBundle; guideIndex: ReturnType<typeof indexGuide> }) {
  const [query, setQuery] = useState('');
  const [showLines, setShowLines] = useState(true);
  const searchId = useId();
  const lines = useMemo(() => bundle.utterances ?? [], [bundle.utterances]);
  const interviewer = useMemo(() => interviewerOf(bundle.interview, lines), [bundle.interview, lines]);
  const all = useMemo(() => interleave(bundle.notes, showLines ? lines : [], ''), [bundle.notes, lines, showLines]);
  const entries = useMemo(() => (query.trim() ? interleave(bundle.notes, showLines ? lines : [], query) : all), [all, bundle.notes, lines, showLines, query]);
  const hasLines = lines.length > 0;
  return (
    <Card title={hasLines ? i18n.t('transcript.timeline.heading') : i18n.t('options.detail.timeline')} titleId="timeline-title">
      {all.length > 0 || hasLines ? (
        <div className="mb-3 flex flex-wrap items-center gap-3 print:hidden">
          <label htmlFor={searchId} className="sr-only">
            {i18n.t('transcript.timeline.search')}
          </label>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={i18n.t('transcript.timeline.search')}
            className="min-w-56 flex-1 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
            data-testid="timeline-search"
          />
          {hasLines ? (
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" className="size-4 accent-indigo-600" checked={showLines} onChange={(e) => setShowLines(e.target.checked)} />
              {i18n.t('transcript.timeline.showLines', [String(lines.length)])}
            </label>
          ) : null}
          {query.trim() ? (
            <span role="status" className="text-sm text-slate-600">
              {i18n.t('transcript.search.count', [String(entries.length), String(all.length)])}
            </span>
          ) : null}
        </div>
      ) : null}
      {all.length === 0 ? (
        <p className="text-sm text-slate-600">{i18n.t('options.detail.noNotes')}</p>
      ) : entries.length === 0 ? (
        <p className="text-sm text-slate-600">{i18n.t('transcript.search.none')}</p>
      ) : (
        <ol className="flex flex-col gap-2" data-testid="timeline">
          {entries.map((entry) => {
            if (entry.kind === 'line') {
              const { line } = entry;
              const mine = interviewer !== null && line.speaker === interviewer;
              return (
                <li key={`line-${line.id}`} className="flex gap-3" data-testid="timeline-line">
                  <span className={`${chip} bg-white text-slate-500 ring-1 ring-slate-200`}>{formatOffset(line.startMs)}</span>
                  <p className="min-w-0 text-sm wrap-anywhere whitespace-pre-wrap text-slate-700">
                    <span className={`font-semibold ${mine ? 'text-indigo-800' : 'text-slate-900'}`}>{line.speaker || i18n.t('transcript.unknownSpeaker')}:</span> {line.text}
                  </p>
                </li>
              );
            }
            const n = entry.note;
            const question = n.questionId ? guideIndex.questions.get(n.questionId) : undefined;
            return (
              <li key={n.id} className="flex gap-3" data-testid="timeline-note">
                <span className={`${chip} ${hasLines ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-700'}`}>{formatNoteOffset(n.offsetMs)}</span>
                <div className={`flex min-w-0 flex-col ${hasLines ? 'border-l-2 border-amber-300 pl-2' : ''}`}>
                  {hasLines ? <span className="text-[11px] font-semibold tracking-wide text-amber-800 uppercase">{i18n.t('transcript.timeline.note')}</span> : null}
                  {isDraftNote(n) ? (
                    <span className="self-start rounded bg-slate-100 px-1.5 text-[11px] font-semibold text-slate-700" title={i18n.t('drafts.tagTitle')} data-testid="timeline-draft">
                      {i18n.t('drafts.tag')}
                    </span>
                  ) : null}
                  <p className="text-sm wrap-anywhere whitespace-pre-wrap text-slate-800">{n.text}</p>
                  {question && <span className="text-xs text-slate-500">{question.question.text}</span>}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
