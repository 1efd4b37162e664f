import { useEffect, useMemo, useRef, useState } from 'react';
import { i18n } from '#i18n';
import { formatOffset } from '../../lib/format';
import { commitNote, deleteNote, editNote, keys, noteEntries, typeNote, usePanel, type LocalNote } from '../../stores/panel';
import { useSettings } from '../../stores/settings';
import { AutoTextArea, IconButton, SaveStatusText, Section } from './ui';
import { useShallow } from 'zustand/react/shallow';

const timeOf = (offsetMs: number | null) => (offsetMs === null ? i18n.t('panel.notes.noTime') : formatOffset(offsetMs));

function NoteEntry({ note }: { note: LocalNote }) {
  const [editing, setEditing] = useState(false);
  const time = timeOf(note.offsetMs);
  return (
    <li className="group flex items-start gap-2 py-1">
      <span className="mt-px shrink-0 font-mono text-xs tabular-nums text-slate-500">{time}</span>
      {editing ? (
        <div className="min-w-0 flex-1">
          <AutoTextArea
            autoFocus
            aria-label={i18n.t('panel.notes.editLabel', [time])}
            value={note.text}
            onChange={(event) => editNote(note.id, event.target.value)}
            onKeyDown={(event) => {
              if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Escape') {
                event.preventDefault();
                event.stopPropagation();
                setEditing(false);
              }
            }}
            onBlur={() => setEditing(false)}
          />
          <SaveStatusText saveKey={keys.note(note.id)} />
        </div>
      ) : (
        <>
          <p className="min-w-0 flex-1 whitespace-pre-wrap break-words text-sm leading-snug text-slate-900">{note.text}</p>
          <span className="flex shrink-0 opacity-60 group-focus-within:opacity-100 group-hover:opacity-100">
            <IconButton label={i18n.t('panel.notes.edit', [time])} icon="edit" onClick={() => setEditing(true)} className="h-6 w-6" />
            <IconButton label={i18n.t('panel.notes.delete', [time])} icon="trash" onClick={() => deleteNote(note.id)} className="h-6 w-6" />
          </span>
        </>
      )}
    </li>
  );
}

/** The timeline of free notes, each with its offset from the call's start. */
export function NoteTimeline() {
  const picked = usePanel(useShallow((s) => ({ session: s.session, localNotes: s.localNotes, draft: s.draft, local: s.local })));
  const entries = useMemo(() => noteEntries(picked), [picked]);
  return (
    <Section title={i18n.t('panel.notes.heading')}>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">{i18n.t('panel.notes.empty')}</p>
      ) : (
        <ol className="divide-y divide-slate-100" data-testid="note-entries">
          {entries.map((note) => (
            <NoteEntry key={note.id} note={note} />
          ))}
        </ol>
      )}
    </Section>
  );
}

/**
 * The "Notes" box, always at hand at the drawer's foot. Enter adds the entry, Shift+Enter breaks the line,
 * Alt+Enter dates the entry a few seconds earlier (the `stampEarlierSeconds` setting). What is typed is saved
 * as it is typed, not only on Enter.
 */
export function NoteComposer() {
  const draft = usePanel((s) => s.draft);
  const focusRequest = usePanel((s) => s.notesFocusRequest);
  const seconds = useSettings((s) => s.settings.stampEarlierSeconds);
  const ref = useRef<HTMLTextAreaElement | null>(null);
  useEffect(() => {
    if (focusRequest) ref.current?.focus();
  }, [focusRequest]);
  const add = (earlier: boolean) => {
    if (commitNote({ earlier })) ref.current?.focus();
  };
  return (
    <div className="border-t border-slate-300 bg-slate-50 px-3 py-2">
      <div className="flex items-end gap-1.5">
        <AutoTextArea
          ref={ref}
          id="notes-box"
          aria-label={i18n.t('panel.notes.label')}
          aria-describedby="notes-hint"
          placeholder={i18n.t('panel.notes.placeholder')}
          value={draft?.text ?? ''}
          maxRows={6}
          onChange={(event) => typeNote(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
            event.preventDefault();
            add(event.altKey);
          }}
        />
        <button
          type="button"
          onClick={() => add(true)}
          title={i18n.t('panel.notes.addEarlier', [String(seconds)])}
          // The visible "−5s" starts the accessible name (WCAG 2.5.3, label in name).
          aria-label={`−${seconds}s: ${i18n.t('panel.notes.addEarlier', [String(seconds)])}`}
          className="shrink-0 rounded border border-slate-300 bg-white px-1.5 py-1 font-mono text-xs text-slate-700 hover:bg-slate-100"
        >
          −{seconds}s
        </button>
      </div>
      <p id="notes-hint" className="mt-1 text-[11px] leading-tight text-slate-500">
        {i18n.t('panel.notes.hint', [String(seconds)])}
      </p>
      {draft ? <SaveStatusText saveKey={keys.note(draft.id)} /> : null}
    </div>
  );
}
