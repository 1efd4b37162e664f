import { validateGuide } from './issues';
import { EN_GUIDE_IMPORT_MESSAGES, type GuideImportMessages } from './messages';
import type { Guide, GuideInput } from './schema';
import { slugify, uniqueSlug } from './slug';

/**
 * What the Markdown and pasted-text importers produce before ids are generated and the schema is applied.
 * `id` is set when the author wrote one; `line` (1-based) lets errors point at the source line.
 */
export interface DraftItem {
  id?: string;
  text: string;
  line?: number;
  /** Cues read from a `Cues:` line under the item (docs/guide-format.md); left out of the guide when empty. */
  cues?: string[];
}
export interface DraftQuestion extends DraftItem {
  followUps: string[];
  core: boolean;
}
export interface DraftStage {
  id?: string;
  title: string;
  line?: number;
  durationMinutes?: number;
  description: string;
  questions: DraftQuestion[];
  redFlags: DraftItem[];
}
export interface GuideDraft {
  id?: string;
  title: string;
  line?: number;
  locale: string;
  summary: string;
  skills: string[];
  criteria: DraftItem[];
  stages: DraftStage[];
  tips: DraftItem[];
  redFlags: DraftItem[];
}

/** Creates an empty stage draft. */
export function emptyStage(title: string, line?: number): DraftStage {
  return { title, line, description: '', questions: [], redFlags: [] };
}

/**
 * Gives every item without an id a slug of its text (unique within its list; question ids across the guide, red
 * flag ids across the guide and its stages, as the schema requires), then validates. Author-written ids are kept
 * as written, and generated ones step around them, so editing one item never renumbers the others. Problems are
 * worded by `messages` (English by default).
 */
export function finishDraft(
  draft: GuideDraft,
  messages: GuideImportMessages = EN_GUIDE_IMPORT_MESSAGES,
): { ok: true; guide: Guide } | { ok: false; errors: string[] } {
  const lines = new Map<string, number>();
  const at = (path: string, line: number | undefined) => {
    if (line !== undefined) lines.set(path, line);
  };

  const stageIds = takenIds(draft.stages);
  const questionIds = takenIds(draft.stages.flatMap((s) => s.questions));
  const redFlagIds = takenIds([...draft.redFlags, ...draft.stages.flatMap((s) => s.redFlags)]);
  const criterionIds = takenIds(draft.criteria);
  const tipIds = takenIds(draft.tips);

  const items = (list: DraftItem[], taken: Set<string>, path: string) =>
    list.map((item, i) => {
      at(`${path}[${i}]`, item.line);
      return { id: item.id ?? uniqueSlug(slugify(item.text), taken), text: item.text, ...cuesOf(item) };
    });

  at('title', draft.line);
  at('id', draft.line);
  const input: GuideInput = {
    schemaVersion: 1,
    id: draft.id ?? slugify(draft.title),
    title: draft.title,
    locale: draft.locale,
    summary: draft.summary,
    skills: draft.skills,
    criteria: items(draft.criteria, criterionIds, 'criteria'),
    stages: draft.stages.map((stage, s) => {
      at(`stages[${s}]`, stage.line);
      return {
        id: stage.id ?? uniqueSlug(slugify(stage.title), stageIds),
        title: stage.title,
        ...(stage.durationMinutes === undefined ? {} : { durationMinutes: stage.durationMinutes }),
        description: stage.description,
        questions: stage.questions.map((q, i) => {
          at(`stages[${s}].questions[${i}]`, q.line);
          return {
            id: q.id ?? uniqueSlug(slugify(q.text), questionIds),
            text: q.text,
            followUps: q.followUps,
            core: q.core,
            ...cuesOf(q),
          };
        }),
        redFlags: items(stage.redFlags, redFlagIds, `stages[${s}].redFlags`),
      };
    }),
    tips: items(draft.tips, tipIds, 'tips'),
    redFlags: items(draft.redFlags, redFlagIds, 'redFlags'),
  };
  return validateGuide(input, (path) => lines.get(path), messages);
}

/** `{ cues }` when the item has any, else nothing: a guide without cues stays as it was written. */
function cuesOf(item: DraftItem): { cues?: string[] } {
  return item.cues?.length ? { cues: item.cues } : {};
}

function takenIds(list: { id?: string }[]): Set<string> {
  return new Set(list.flatMap((item) => (item.id === undefined ? [] : [item.id])));
}
