import { z } from 'zod';

/**
 * The role-guide format (public: users write and share these files). Documented in docs/guide-format.md.
 * Ids are stable slugs so that notes recorded against a question keep pointing at it after the guide is edited.
 */
/**
 * The schema's own reasons, in English. The importer recognises them to show them translated (lib/guides/messages.ts);
 * duplicate-id issues carry `params: { duplicate: kind, id }` for the same purpose.
 */
export const GUIDE_SCHEMA_REASONS = {
  slug: 'must be a lowercase slug (letters, digits, single hyphens)',
  notEmpty: 'must not be empty',
  localeTag: 'must be a language tag such as "en" or "it"',
  needsStage: 'a guide needs at least one stage',
  legacyCriteria: 'is the old name of "criteria"; give the list once, as "criteria"',
} as const;

/**
 * The old name of `criteria` (guide files written before the scorecard term was settled). Parsing still accepts it
 * and returns the list as `criteria`; a guide that has both is refused.
 */
export const LEGACY_CRITERIA_KEY = 'lookFor';

/** The lists whose ids must be unique, as named in duplicate-id issues' `params.duplicate`. */
export type GuideIdKind = 'stage' | 'question' | 'redFlag' | 'criterion' | 'tip';

export const Slug = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, GUIDE_SCHEMA_REASONS.slug);

const Text = z.string().trim().min(1, GUIDE_SCHEMA_REASONS.notEmpty).max(4000);

/**
 * Cues: other phrasings and key terms, in the guide's language, that the live suggestions (lib/suggest) match
 * besides the text itself. Optional; each cue is a short phrase and a line must say most of one to match it.
 */
export const Cues = z.array(z.string().trim().min(1, GUIDE_SCHEMA_REASONS.notEmpty).max(300)).max(50).optional();

/** An item with a stable id: a thing to look for, a tip, a red flag; criteria and red flags may carry cues. */
export const GuideItem = z.strictObject({ id: Slug, text: Text, cues: Cues });
export type GuideItem = z.infer<typeof GuideItem>;

/** A question of a stage; `core` questions are the ones not to skip, `followUps` are probes to go deeper. */
export const GuideQuestion = z.strictObject({
  id: Slug,
  text: Text,
  followUps: z.array(Text).default([]),
  core: z.boolean().default(false),
  /** Other ways to ask it (see Cues); an interviewer line saying one of them marks the question asked. */
  cues: Cues,
});
export type GuideQuestion = z.infer<typeof GuideQuestion>;

/** A stage of the hiring process, in the order it happens. `durationMinutes` drives the stage timer. */
export const GuideStage = z.strictObject({
  id: Slug,
  title: Text,
  durationMinutes: z.number().int().positive().max(600).optional(),
  description: z.string().trim().max(4000).default(''),
  questions: z.array(GuideQuestion).default([]),
  redFlags: z.array(GuideItem).default([]),
});
export type GuideStage = z.infer<typeof GuideStage>;

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

const GuideFields = z.strictObject({
  schemaVersion: z.literal(1),
  id: Slug,
  title: Text,
  locale: z.string().regex(/^[a-z]{2}(?:-[A-Z]{2})?$/, GUIDE_SCHEMA_REASONS.localeTag),
  summary: z.string().trim().max(4000).default(''),
  skills: z.array(z.string().trim().min(1).max(200)).default([]),
  /** What the scorecard rates ("What to look for" in the guide's own words). */
  criteria: z.array(GuideItem).optional(),
  /** The old name of `criteria`, read and returned as `criteria`. */
  [LEGACY_CRITERIA_KEY]: z.array(GuideItem).optional(),
  stages: z.array(GuideStage).min(1, GUIDE_SCHEMA_REASONS.needsStage),
  tips: z.array(GuideItem).default([]),
  redFlags: z.array(GuideItem).default([]),
});

/**
 * A role guide, schema version 1. Parsing rejects duplicate ids within each list, and returns the criteria as
 * `criteria` whichever name the file used (`lookFor` is the old one).
 */
export const Guide = GuideFields.superRefine((guide, ctx) => {
  const criteria = guide.criteria ?? guide[LEGACY_CRITERIA_KEY] ?? [];
  const criteriaKey = guide.criteria === undefined && guide[LEGACY_CRITERIA_KEY] !== undefined ? LEGACY_CRITERIA_KEY : 'criteria';
  if (guide.criteria !== undefined && guide[LEGACY_CRITERIA_KEY] !== undefined) {
    ctx.addIssue({ code: 'custom', path: [LEGACY_CRITERIA_KEY], message: GUIDE_SCHEMA_REASONS.legacyCriteria });
  }
  const check = (ids: string[], path: (string | number)[], kind: GuideIdKind, what: string) => {
    for (const id of duplicates(ids)) {
      ctx.addIssue({ code: 'custom', path, message: `duplicate ${what} id "${id}"`, params: { duplicate: kind, id } });
    }
  };
  check(guide.stages.map((s) => s.id), ['stages'], 'stage', 'stage');
  check(guide.stages.flatMap((s) => s.questions.map((q) => q.id)), ['stages'], 'question', 'question');
  check([...guide.redFlags, ...guide.stages.flatMap((s) => s.redFlags)].map((f) => f.id), ['redFlags'], 'redFlag', 'red flag');
  check(criteria.map((l) => l.id), [criteriaKey], 'criterion', 'criterion');
  check(guide.tips.map((t) => t.id), ['tips'], 'tip', 'tip');
}).transform(({ schemaVersion, id, title, locale, summary, skills, criteria, [LEGACY_CRITERIA_KEY]: legacy, stages, tips, redFlags }) => ({
  // Listed field by field so the key order (and with it a snapshot's key, a hash of its JSON) stays the file order.
  schemaVersion,
  id,
  title,
  locale,
  summary,
  skills,
  criteria: criteria ?? legacy ?? [],
  stages,
  tips,
  redFlags,
}));
export type Guide = z.infer<typeof Guide>;
/** What a guide file may contain before defaults are applied. */
export type GuideInput = z.input<typeof Guide>;

/** One line per guide for pickers: counts and durations without the full text. */
export interface GuideSummary {
  id: string;
  title: string;
  locale: string;
  summary: string;
  skills: string[];
  stages: { id: string; title: string; durationMinutes?: number }[];
  /** The guide's interview tips (advice for the interviewer), as the start forms show them. */
  tips: { id: string; text: string }[];
  /** `bundled` guides ship with the extension and are read-only; `custom` ones were imported by the user. */
  origin: 'bundled' | 'custom';
}

/** Summarises a guide for pickers. */
export function summarizeGuide(guide: Guide, origin: GuideSummary['origin']): GuideSummary {
  return {
    id: guide.id,
    title: guide.title,
    locale: guide.locale,
    summary: guide.summary,
    skills: guide.skills,
    stages: guide.stages.map((s) => ({ id: s.id, title: s.title, durationMinutes: s.durationMinutes })),
    tips: guide.tips.map((t) => ({ id: t.id, text: t.text })),
    origin,
  };
}

/**
 * A guide object as stored before the criteria list was named `criteria`: returns it with `lookFor` renamed in
 * place (same key order), or the same object when it has no `lookFor`. Rows in the database written by earlier
 * versions are read through this (`lib/db/database.ts`); files go through `Guide`, which accepts both names.
 */
export function renameLegacyCriteria<T>(guide: T): T {
  if (typeof guide !== 'object' || guide === null || !(LEGACY_CRITERIA_KEY in guide) || 'criteria' in guide) return guide;
  return Object.fromEntries(Object.entries(guide).map(([key, value]) => [key === LEGACY_CRITERIA_KEY ? 'criteria' : key, value])) as T;
}
