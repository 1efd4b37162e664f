import { i18n } from '#i18n';
import { keys, setCriterionNote, setFlagNote, setQuestionNote } from '../../stores/panel';
import { SavedTextArea } from './ui';

/** Where each kind of guide item keeps its note, and how its box is named. */
const NOTES = {
  question: { key: keys.questionNote, save: setQuestionNote, label: 'panel.questions.note', placeholder: 'panel.questions.notePlaceholder', maxRows: 5 },
  criterion: { key: keys.criterionNote, save: setCriterionNote, label: 'panel.criteria.evidence', placeholder: 'panel.criteria.evidencePlaceholder', maxRows: 4 },
  redFlag: { key: keys.flagNote, save: setFlagNote, label: 'panel.flags.note', placeholder: 'panel.flags.notePlaceholder', maxRows: 4 },
} as const;

/**
 * The note on one guide item (a question's note, a criterion's evidence, a ticked red flag's detail), saved
 * through the panel's queue as it is typed. `text` is the item's text, for the box's accessible name.
 */
export function ItemNote({ kind, id, text, stored, className }: { kind: keyof typeof NOTES; id: string; text: string; stored: string; className?: string }) {
  const note = NOTES[kind];
  return (
    <SavedTextArea
      className={className}
      saveKey={note.key(id)}
      stored={stored}
      onSave={(value) => note.save(id, value)}
      label={i18n.t(note.label, [text])}
      placeholder={i18n.t(note.placeholder)}
      maxRows={note.maxRows}
    />
  );
}
