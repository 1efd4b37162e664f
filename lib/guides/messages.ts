import { it as zodItalian } from 'zod/locales';
import type { z } from 'zod';

/**
 * Reasons the guide importer gives, as templates with `$1`, `$2`… placeholders, so the options page can show them
 * translated (`guideImportMessages(t)` reads `guideImport.*`). Paths (`stages[0].title`) are never translated: they
 * name fields of the file. The defaults (`EN_GUIDE_IMPORT_MESSAGES`) are what the command-line tool prints.
 */
export interface GuideImportMessages {
  /** Where a problem is: $1 the 1-based line. */
  line: string;
  /** Where a run of skipped lines is: $1 the first line, $2 the last. */
  lines: string;
  /** $1 the JSON parser's own detail (in the engine's language). */
  invalidJson: string;
  /** A field the guide must have is missing. */
  required: string;
  /** $1 the quoted field name. */
  unknownField: string;
  /** $1 the quoted field names, comma-separated. */
  unknownFields: string;
  schemaVersion: string;
  slug: string;
  notEmpty: string;
  localeTag: string;
  needsStage: string;
  /** Both `criteria` and its old name `lookFor` are given. */
  legacyCriteria: string;
  /** $1 the repeated id (and likewise for the other `duplicate…Id` reasons). */
  duplicateStageId: string;
  duplicateQuestionId: string;
  duplicateRedFlagId: string;
  duplicateCriterionId: string;
  duplicateTipId: string;
  emptyText: string;
  noHireLine: string;
  skillsRunTogether: string;
  questionsOutsideStage: string;
  /** $1 the start of the first skipped line. */
  skipped: string;
  noNumberedStages: string;
  noStageSection: string;
  markdownNoTitle: string;
  markdownNoStages: string;
  /** $1 the heading's text. */
  headingBeforeTitle: string;
  /** $1 the heading's text, $2 the stage title. */
  headingInStage: string;
  /** $1 the heading's text. */
  headingOutside: string;
  paragraphInQuestions: string;
  paragraphInRedFlags: string;
  paragraphInList: string;
  paragraphOutside: string;
  nestedList: string;
  listOutside: string;
  /** $1 the Markdown block type as the parser names it (`code`, `blockquote`, `table`). */
  blockSkipped: string;
  /**
   * Zod's reasons for the problems the schema has no wording of its own for ("expected boolean, received string"),
   * in the UI language. Undefined keeps Zod's global locale (English). Passed per parse, never set globally.
   */
  zodErrors?: z.core.$ZodErrorMap;
}

/** The templates that come from locale keys (everything but `zodErrors`). */
type TemplateName = Exclude<keyof GuideImportMessages, 'zodErrors'>;

/** English reasons: the wording the command-line tool, the bundled-guide check and the docs use. */
export const EN_GUIDE_IMPORT_MESSAGES: GuideImportMessages = {
  line: 'line $1',
  lines: 'lines $1–$2',
  invalidJson: 'invalid JSON ($1)',
  required: 'required',
  unknownField: 'unknown field $1',
  unknownFields: 'unknown fields $1',
  schemaVersion: 'must be 1 (the only guide format version this extension reads)',
  slug: 'must be a lowercase slug (letters, digits, single hyphens)',
  notEmpty: 'must not be empty',
  localeTag: 'must be a language tag such as "en" or "it"',
  needsStage: 'a guide needs at least one stage',
  legacyCriteria: 'is the old name of "criteria"; give the list once, as "criteria"',
  duplicateStageId: 'duplicate stage id "$1"',
  duplicateQuestionId: 'duplicate question id "$1"',
  duplicateRedFlagId: 'duplicate red flag id "$1"',
  duplicateCriterionId: 'duplicate criterion id "$1"',
  duplicateTipId: 'duplicate tip id "$1"',
  emptyText: 'the text is empty',
  noHireLine: 'no "How to hire a …" line; the first line was used as the title',
  skillsRunTogether: 'the skills were run together; they were split at capital letters, check them',
  questionsOutsideStage: 'a list of questions outside any stage was skipped; put questions under a stage',
  skipped: 'skipped, not part of the guide ("$1")',
  noNumberedStages: 'no stages found in the hiring process section: number each stage ("1. Technical screen")',
  noStageSection:
    'no recognisable stages: add a "Hiring process" (or "Il processo di assunzione") heading followed by numbered stages',
  markdownNoTitle: 'a Markdown guide starts with a "# Title" heading',
  markdownNoStages: 'no stages found: add a "## Hiring process" section with a "### " heading for each stage',
  headingBeforeTitle: 'heading "$1" comes before the "# " title; skipped',
  headingInStage: 'heading "$1" inside stage "$2" is not "Questions" or "Red flags"; its content is skipped',
  headingOutside: 'heading "$1" is not a stage or a section; skipped',
  paragraphInQuestions: 'paragraph in a list of questions skipped (write it as a list item)',
  paragraphInRedFlags: 'paragraph in a list of red flags skipped (write it as a list item)',
  paragraphInList: 'paragraph skipped (write the items of this section as a list)',
  paragraphOutside: 'paragraph outside any stage or section skipped',
  nestedList: 'nested list items skipped',
  listOutside: 'list outside any section skipped',
  blockSkipped: '$1 skipped (only headings, paragraphs and lists are read)',
};

const TEMPLATE_NAMES = Object.keys(EN_GUIDE_IMPORT_MESSAGES) as TemplateName[];

/** The locale key naming the language the `guideImport.*` texts are in (`en`, `it`); it picks Zod's locale. */
export const GUIDE_IMPORT_LANGUAGE_KEY = 'guideImport.language';

/** Every locale key `guideImportMessages` reads. */
export const GUIDE_IMPORT_MESSAGE_KEYS: readonly string[] = [
  ...TEMPLATE_NAMES.map((name) => `guideImport.${name}`),
  GUIDE_IMPORT_LANGUAGE_KEY,
];

/**
 * Substitutions that give a locale template back with its `$1`…`$9` intact. `browser.i18n.getMessage` called
 * without substitutions does not keep them: Chromium and Firefox both replace an unfilled `$1` with nothing.
 */
export const KEEP_PLACEHOLDERS: readonly string[] = ['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9'];

/**
 * Builds translated importer messages from the `guideImport.*` keys, with Zod's reasons in the same language
 * (`guideImport.language`). `t` is given `KEEP_PLACEHOLDERS` as substitutions so the `$n` placeholders survive:
 * `guideImportMessages((k, s) => i18n.t(k as never, s as never))`.
 */
export function guideImportMessages(t: (key: string, substitutions: string[]) => string): GuideImportMessages {
  const read = (key: string) => t(key, [...KEEP_PLACEHOLDERS]);
  const messages = Object.fromEntries(TEMPLATE_NAMES.map((name) => [name, read(`guideImport.${name}`)])) as Record<TemplateName, string>;
  const zodErrors = zodErrorMap(read(GUIDE_IMPORT_LANGUAGE_KEY));
  return zodErrors ? { ...messages, zodErrors } : messages;
}

let italian: z.core.$ZodErrorMap | undefined;

/**
 * Zod's own error map for a UI language (`it`, `it-IT`), to pass per parse (`schema.safeParse(data, { error })`), or
 * undefined for English and any language the extension is not translated into, which leaves Zod's default English.
 * The map comes from Zod's bundled locales (`zod/locales`).
 */
export function zodErrorMap(language: string): z.core.$ZodErrorMap | undefined {
  if (!/^it\b/i.test(language.trim())) return undefined;
  italian ??= zodItalian().localeError;
  return italian;
}

/** Fills `$1`, `$2`… in a template; placeholders without a value are left as written. */
export function fillMessage(template: string, ...subs: (string | number)[]): string {
  return template.replace(/\$(\d)/g, (m, n: string) => (subs[Number(n) - 1] !== undefined ? String(subs[Number(n) - 1]) : m));
}

/** `line 12: reason`, the prefix in the messages' language. */
export function atLine(messages: GuideImportMessages, line: number, reason: string): string {
  return `${fillMessage(messages.line, line)}: ${reason}`;
}
