import type { z } from 'zod';
import { formatPath as formatDataPath } from '../format';
import { atLine, EN_GUIDE_IMPORT_MESSAGES, fillMessage, type GuideImportMessages } from './messages';
import { Guide, GUIDE_SCHEMA_REASONS, LEGACY_CRITERIA_KEY, type GuideIdKind } from './schema';

/** A path into a guide as Zod reports it. */
export type GuidePath = readonly PropertyKey[];

/** Formats a path the way guide authors read it: `stages[0].questions[2].text`; the empty path is `guide`. */
export function formatPath(path: GuidePath): string {
  return formatDataPath(path, 'guide');
}

const SCHEMA_REASON_NAMES = new Map<string, keyof typeof GUIDE_SCHEMA_REASONS>(
  Object.entries(GUIDE_SCHEMA_REASONS).map(([name, text]) => [text, name as keyof typeof GUIDE_SCHEMA_REASONS]),
);

const DUPLICATE_TEMPLATES: Record<GuideIdKind, keyof GuideImportMessages & `duplicate${string}`> = {
  stage: 'duplicateStageId',
  question: 'duplicateQuestionId',
  redFlag: 'duplicateRedFlagId',
  criterion: 'duplicateCriterionId',
  tip: 'duplicateTipId',
};

/** `duplicate stage id "screen"`, in the messages' language. */
function duplicateReason(kind: GuideIdKind, id: string, messages: GuideImportMessages): string {
  return fillMessage(messages[DUPLICATE_TEMPLATES[kind]], id);
}

/**
 * Turns one Zod issue into the short reason shown after the path, in the messages' language: the schema's own
 * reasons and unknown fields are worded by `messages`, anything else keeps the issue's message (which the parse's
 * error map, `messages.zodErrors`, already worded). Backups use it for the guides they carry.
 */
export function guideIssueReason(issue: z.core.$ZodIssue, messages: GuideImportMessages): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return fillMessage(issue.keys.length > 1 ? messages.unknownFields : messages.unknownField, keys);
  }
  if (issue.code === 'invalid_value' && issue.path.length === 1 && issue.path[0] === 'schemaVersion') {
    return messages.schemaVersion;
  }
  if (issue.code === 'custom') {
    const params = issue.params as { duplicate?: GuideIdKind; id?: string } | undefined;
    if (params?.duplicate && typeof params.id === 'string' && params.duplicate in DUPLICATE_TEMPLATES) {
      return duplicateReason(params.duplicate, params.id, messages);
    }
  }
  // The schema's own wording wins over any error map, so its messages are recognised and swapped here.
  const schemaReason = SCHEMA_REASON_NAMES.get(issue.message);
  return schemaReason ? messages[schemaReason] : issue.message;
}

/**
 * Validates data against the guide schema. On failure, returns every problem as `path: reason`
 * (`stages[0].title: required`), prefixed with `line N: ` when `lineOf` knows where that path came from. Reasons are
 * worded by `messages` (English by default), Zod's own ones by `messages.zodErrors` when it is set.
 */
export function validateGuide(
  data: unknown,
  lineOf?: (path: string) => number | undefined,
  messages: GuideImportMessages = EN_GUIDE_IMPORT_MESSAGES,
): { ok: true; guide: Guide } | { ok: false; errors: string[] } {
  const result = Guide.safeParse(data, {
    // A missing field reads better as "required" than as "expected string, received undefined".
    error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? messages.required : messages.zodErrors?.(issue)),
  });
  if (result.success) return { ok: true, guide: result.data };
  const errors = result.error.issues.map((issue) => {
    const where = `${formatPath(issue.path)}: ${guideIssueReason(issue, messages)}`;
    const line = lineOf ? findLine(issue.path, lineOf) : undefined;
    return line === undefined ? where : atLine(messages, line, where);
  });
  // The schema's duplicate-id check only runs once the shape is right; report duplicates now too, so one pass
  // over the file shows every problem.
  for (const message of duplicateIds(data, messages)) if (!errors.includes(message)) errors.push(message);
  return { ok: false, errors };
}

/** The line of the longest prefix of `path` that has one (a question's text falls back to the question's line). */
function findLine(path: GuidePath, lineOf: (path: string) => number | undefined): number | undefined {
  for (let n = path.length; n > 0; n--) {
    const line = lineOf(formatPath(path.slice(0, n)));
    if (line !== undefined) return line;
  }
  return undefined;
}

/** Duplicate ids in raw, possibly malformed guide data, worded as `reasonOf` words the schema's own check. */
function duplicateIds(data: unknown, messages: GuideImportMessages): string[] {
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.map(record) : []);
  const guide = record(data);
  const stages = list(guide.stages);
  const out: string[] = [];
  const check = (items: Record<string, unknown>[], path: string, kind: GuideIdKind) => {
    const seen = new Set<string>();
    const reported = new Set<string>();
    for (const item of items) {
      if (typeof item.id !== 'string') continue;
      if (seen.has(item.id) && !reported.has(item.id)) {
        out.push(`${path}: ${duplicateReason(kind, item.id, messages)}`);
        reported.add(item.id);
      }
      seen.add(item.id);
    }
  };
  check(stages, 'stages', 'stage');
  check(stages.flatMap((s) => list(s.questions)), 'stages', 'question');
  check([...list(guide.redFlags), ...stages.flatMap((s) => list(s.redFlags))], 'redFlags', 'redFlag');
  const criteriaKey = guide.criteria === undefined && guide[LEGACY_CRITERIA_KEY] !== undefined ? LEGACY_CRITERIA_KEY : 'criteria';
  check(list(guide[criteriaKey]), criteriaKey, 'criterion');
  check(list(guide.tips), 'tips', 'tip');
  return out;
}
