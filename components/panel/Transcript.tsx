import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { i18n } from '#i18n';
import type { InterviewBundle, Platform, UtteranceRow } from '../../lib/db/records';
import { formatOffset } from '../../lib/format';
import { usePanel } from '../../stores/panel';
import { interviewerOf, searchLines, speakersOf, useTranscript } from '../../stores/transcript';
import { useLive } from '../useLive';
import { TranscriptSwitch } from '../ui/TranscriptSwitch';
import { FaultNotice } from '../ui/FaultNotice';
import { button, ConsentStep, secondary } from './TranscriptConsent';
import { Icon, Section } from './ui';

/** How to turn captions on for the platform, when the reader sees none; on Meet, a button pressing Meet's own control. */
function CaptionsHint({ platform }: { platform: Platform | null }) {
  const busy = useTranscript((s) => s.busy);
  const [failed, setFailed] = useState(false);
  const text =
    platform === 'meet'
      ? i18n.t('transcript.captions.meet')
      : platform === 'teams'
        ? i18n.t('transcript.captions.teams')
        : platform === 'zoom'
          ? i18n.t('transcript.captions.zoom')
          : i18n.t('transcript.captions.unknown');
  return (
    <div className="space-y-1 rounded border border-sky-200 bg-sky-50 px-2 py-1.5 text-xs leading-snug text-sky-950" role="status" data-testid="transcript-captions-off">
      <p>{text}</p>
      {platform === 'meet' ? (
        <button
          type="button"
          className={secondary}
          disabled={busy}
          onClick={() => void useTranscript.getState().captionsOn().then((pressed) => setFailed(!pressed))}
        >
          {i18n.t('transcript.captions.meetButton')}
        </button>
      ) : null}
      {failed ? <p className="text-red-700">{i18n.t('transcript.captions.pressFailed')}</p> : null}
    </div>
  );
}

/** The speakers seen so far; the one marked (or guessed) as the interviewer is pressed. One click corrects it. */
function Speakers({ interviewId, speakers, interviewer }: { interviewId: string; speakers: string[]; interviewer: string | null }) {
  const busy = useTranscript((s) => s.busy);
  if (speakers.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-1" role="group" aria-label={i18n.t('transcript.speakers.hint')} data-testid="transcript-speakers">
      <span className="text-[11px] font-medium text-slate-600">{i18n.t('transcript.speakers.label')}:</span>
      {speakers.map((speaker) => {
        const pressed = speaker === interviewer;
        return (
          <button
            key={speaker}
            type="button"
            aria-pressed={pressed}
            disabled={busy}
            title={i18n.t('transcript.speakers.mark', [speaker])}
            onClick={() => void useTranscript.getState().markInterviewer(interviewId, speaker)}
            className={`max-w-40 truncate rounded-full border px-2 py-0.5 text-[11px] ${pressed ? 'border-indigo-700 bg-indigo-600 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-100'}`}
          >
            {speaker}
          </button>
        );
      })}
      {interviewer === null ? <span className="text-[11px] text-slate-500">{i18n.t('transcript.speakers.hint')}</span> : null}
    </div>
  );
}

/** One line of the tail: time, speaker, words (text only), and "add to notes". */
function Line({ line, interviewer, added }: { line: UtteranceRow; interviewer: string | null; added: boolean }) {
  const time = formatOffset(line.startMs);
  const speaker = line.speaker || i18n.t('transcript.unknownSpeaker');
  const isInterviewer = interviewer !== null && line.speaker === interviewer;
  return (
    <div className="group flex items-start gap-1.5 py-1" data-testid="transcript-line" data-final={String(line.final)}>
      <span className="mt-px shrink-0 font-mono text-[11px] tabular-nums text-slate-500">{time}</span>
      <div className="min-w-0 flex-1">
        <p className="text-[11px] leading-4">
          <span className={`font-semibold ${isInterviewer ? 'text-indigo-800' : 'text-slate-800'}`} data-testid="transcript-speaker">
            {speaker}
          </span>
          {isInterviewer ? <span className="ml-1 rounded bg-indigo-50 px-1 text-[10px] text-indigo-800">{i18n.t('transcript.speakers.tag')}</span> : null}
          {!line.final ? <span className="ml-1 text-[10px] text-slate-500">{i18n.t('transcript.partial')}</span> : null}
        </p>
        <p className={`whitespace-pre-wrap break-words text-sm leading-snug ${line.final ? 'text-slate-900' : 'text-slate-600'}`} data-testid="transcript-text">
          {line.text}
        </p>
      </div>
      {added ? (
        <span className="mt-0.5 shrink-0 text-[10px] text-emerald-800">{i18n.t('transcript.added')}</span>
      ) : (
        <button
          type="button"
          aria-label={i18n.t('transcript.addToNotes', [time])}
          title={i18n.t('transcript.addToNotes', [time])}
          onClick={() => void useTranscript.getState().addToNotes(line)}
          className="inline-flex h-6 w-6 shrink-0 items-center justify-center rounded text-slate-600 opacity-70 hover:bg-slate-200 hover:text-slate-900 group-hover:opacity-100 focus:opacity-100"
          data-testid="transcript-add-note"
        >
          <Icon name="note-plus" />
        </button>
      )}
    </div>
  );
}

/** Height of the tail's scroll box, px: about six lines, so the rest of the drawer stays in view. */
const TAIL_HEIGHT = 240;

/**
 * The tail of the transcript, virtualised (a one-hour interview has a thousand lines): follows new lines while
 * scrolled to the bottom, and stays put while the interviewer reads further up.
 */
function Tail({ lines, interviewer, notedIds }: { lines: UtteranceRow[]; interviewer: string | null; notedIds: Set<string> }) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [atEnd, setAtEnd] = useState(true);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 48,
    overscan: 8,
    getItemKey: (index) => lines[index]!.id,
  });
  const last = lines[lines.length - 1];
  useEffect(() => {
    if (atEnd && lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines.length, last?.text, atEnd, virtualizer]);
  return (
    <div className="relative">
      <div
        className="overflow-y-auto overscroll-contain rounded border border-slate-200 bg-slate-50 px-2"
        style={{ maxHeight: TAIL_HEIGHT }}
        data-testid="transcript-tail"
        ref={scrollRef}
        role="list"
        aria-label={i18n.t('transcript.lines')}
        aria-live="off"
        tabIndex={0}
        onScroll={(event) => {
          const el = event.currentTarget;
          setAtEnd(el.scrollHeight - el.scrollTop - el.clientHeight < 24);
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = lines[item.index]!;
            return (
              <div
                key={item.key}
                role="listitem"
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="absolute left-0 right-0 top-0 border-b border-slate-100 last:border-0"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <Line line={line} interviewer={interviewer} added={notedIds.has(line.id)} />
              </div>
            );
          })}
        </div>
      </div>
      {!atEnd ? (
        <button
          type="button"
          onClick={() => {
            setAtEnd(true);
            virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
          }}
          className="absolute bottom-1 right-3 rounded-full border border-slate-300 bg-white px-2 py-0.5 text-[11px] text-slate-700 shadow hover:bg-slate-100"
        >
          {i18n.t('transcript.latest')} ↓
        </button>
      ) : null}
    </div>
  );
}

/** Search box over the lines. */
function Search({ total, shown }: { total: number; shown: number }) {
  const query = useTranscript((s) => s.query);
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="sr-only">
        {i18n.t('transcript.search.label')}
      </label>
      <div className="flex items-center gap-1">
        <input
          id={id}
          type="search"
          value={query}
          placeholder={i18n.t('transcript.search.placeholder')}
          onChange={(event) => useTranscript.getState().setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && query) {
              event.stopPropagation();
              useTranscript.getState().setQuery('');
            }
          }}
          className="block w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-1 text-xs text-slate-900 placeholder:text-slate-400"
          data-testid="transcript-search"
        />
      </div>
      {query.trim() ? (
        <p className="mt-0.5 text-[11px] text-slate-500" role="status">
          {shown === 0 ? i18n.t('transcript.search.none') : i18n.t('transcript.search.count', [String(shown), String(total)])}
        </p>
      ) : null}
    </div>
  );
}

function DeleteAll({ count }: { count: number }) {
  const [confirm, setConfirm] = useState(false);
  const busy = useTranscript((s) => s.busy);
  if (!confirm) {
    return (
      <button type="button" className="text-[11px] text-red-700 underline hover:text-red-900" onClick={() => setConfirm(true)}>
        {i18n.t('transcript.delete')}
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-label={i18n.t('transcript.delete')} className="space-y-1 rounded border border-red-200 bg-red-50 p-2 text-xs text-red-950">
      <p>{i18n.t('transcript.deleteConfirm', [String(count)])}</p>
      <div className="flex gap-2">
        <button
          type="button"
          disabled={busy}
          className={`${button} border-red-700 bg-red-600 text-white hover:bg-red-700`}
          onClick={() => void useTranscript.getState().deleteAll().then(() => setConfirm(false))}
        >
          {i18n.t('transcript.deleteYes')}
        </button>
        <button type="button" className={secondary} onClick={() => setConfirm(false)}>
          {i18n.t('transcript.deleteNo')}
        </button>
      </div>
    </div>
  );
}

/**
 * The panel's Transcript section (issue 14): on/off, the consent step before anything is kept, how to turn the
 * call's captions on, the speakers (mark the interviewer), search, and the live tail with "add to notes".
 */
export function TranscriptSection({ bundle }: { bundle: InterviewBundle }) {
  const interview = bundle.interview;
  const targetTabId = usePanel((s) => (typeof s.targetTabId === 'number' ? s.targetTabId : null));
  const ownTabId = usePanel((s) => s.session?.tab?.tabId ?? null);
  const platform = usePanel((s) => s.session?.tab?.platform ?? interview.platform);
  const { lines, captions, query, error, added, busy } = useTranscript(
    useShallow((s) => ({ lines: s.lines, captions: s.captions, query: s.query, error: s.error, added: s.added, busy: s.busy })),
  );

  useEffect(() => {
    void useTranscript.getState().follow(interview.id, targetTabId);
  }, [interview.id, targetTabId]);
  useLive(
    (event) => useTranscript.getState().onLive(event, ownTabId),
    () => void useTranscript.getState().follow(interview.id, targetTabId, true),
  );

  const state = interview.transcript ?? null;
  const on = state?.on ?? false;
  const consented = (state?.consentAt ?? null) !== null;
  const speakers = useMemo(() => speakersOf(lines), [lines]);
  const interviewer = useMemo(() => interviewerOf(interview, lines), [interview, lines]);
  const shownLines = useMemo(() => searchLines(lines, query), [lines, query]);
  const notedIds = useMemo(() => {
    const ids = new Set(Object.keys(added));
    for (const note of bundle.notes) if (note.utteranceId) ids.add(note.utteranceId);
    return ids;
  }, [added, bundle.notes]);

  const stateText = !on ? i18n.t('transcript.stateOff') : consented ? i18n.t('transcript.stateOn') : i18n.t('transcript.stateWaiting');
  const toggle = (next: boolean) => void useTranscript.getState().setOn(interview.id, next);

  return (
    <Section title={i18n.t('transcript.heading')} aside={stateText} id="transcript-section">
      <div className="space-y-2" data-testid="transcript-section">
        {error ? (
          <FaultNotice
            className="rounded bg-red-50 px-2 py-1 text-xs text-red-900"
            what={i18n.t(`faults.actions.${error.what}`)}
            fault={error.fault}
            action={
              <button type="button" className="shrink-0 underline" onClick={() => useTranscript.getState().dismiss()}>
                {i18n.t('transcript.dismiss')}
              </button>
            }
          />
        ) : null}
        <div className="flex items-center justify-between gap-2">
          <TranscriptSwitch className="gap-1.5 px-1 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50" testId="transcript-switch" on={on} onChange={toggle} disabled={busy} />
          {consented && state?.consentAt ? (
            <span className="truncate text-[10px] text-slate-500">
              {i18n.t('transcript.consent.confirmedAt', [new Date(state.consentAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })])}
            </span>
          ) : null}
        </div>
        {!on && lines.length === 0 ? <p className="text-xs leading-snug text-slate-600">{i18n.t('transcript.intro')}</p> : null}
        {on && !consented ? <ConsentStep interviewId={interview.id} /> : null}
        {on && consented && captions === 'off' ? <CaptionsHint platform={platform} /> : null}
        {on && consented && captions === null && lines.length === 0 ? <p className="text-xs text-slate-500">{i18n.t('transcript.captions.waiting')}</p> : null}
        {!on && lines.length > 0 ? <p className="text-xs text-slate-600">{i18n.t('transcript.offNote')}</p> : null}
        {lines.length > 0 ? (
          <>
            <Speakers interviewId={interview.id} speakers={speakers} interviewer={interviewer} />
            <Search total={lines.length} shown={shownLines.length} />
            <Tail lines={shownLines} interviewer={interviewer} notedIds={notedIds} />
            <DeleteAll count={lines.length} />
          </>
        ) : on && consented ? (
          <p className="text-xs text-slate-500">{i18n.t('transcript.empty')}</p>
        ) : null}
      </div>
    </Section>
  );
}
