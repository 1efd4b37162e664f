import type { z } from 'zod';
import { Guide } from './schema';

/** A path into a guide as Zod reports it. */
export type GuidePath = readonly PropertyKey[];

/** Formats a path the way guide authors read it: `stages[0].questions[2].text`; the empty path is `guide`. */
export function formatPath(path: GuidePath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || 'guide';
}

/** Turns one Zod issue into the short reason shown after the path. */
function reasonOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_value' && issue.path.length === 1 && issue.path[0] === 'schemaVersion') {
    return 'must be 1 (the only guide format version this extension reads)';
  }
  return issue.message;
}

/**
 * Validates data against the guide schema. On failure, returns every problem as `path: reason`
 * (`stages[0].title: required`), prefixed with `line N: ` when `lineOf` knows where that path came from.
 */
export function validateGuide(
  data: unknown,
  lineOf?: (path: string) => number | undefined,
): { ok: true; guide: Guide } | { ok: false; errors: string[] } {
  const result = Guide.safeParse(data, {
    // A missing field reads better as "required" than as "expected string, received undefined".
    error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined),
  });
  if (result.success) return { ok: true, guide: result.data };
  const errors = result.error.issues.map((issue) => {
    const path = formatPath(issue.path);
    const line = lineOf ? findLine(issue.path, lineOf) : undefined;
    return `${line === undefined ? '' : `line ${line}: `}${path}: ${reasonOf(issue)}`;
  });
  // The schema's duplicate-id check only runs once the shape is right; report duplicates now too, so one pass
  // over the file shows every problem.
  for (const message of duplicateIds(data)) if (!errors.includes(message)) errors.push(message);
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

/** Duplicate ids in raw, possibly malformed guide data, worded like the schema's own check. */
function duplicateIds(data: unknown): string[] {
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.map(record) : []);
  const guide = record(data);
  const stages = list(guide.stages);
  const out: string[] = [];
  const check = (items: Record<string, unknown>[], path: string, what: string) => {
    const seen = new Set<string>();
    const reported = new Set<string>();
    for (const item of items) {
      if (typeof item.id !== 'string') continue;
      if (seen.has(item.id) && !reported.has(item.id)) {
        out.push(`${path}: duplicate ${what} id "${item.id}"`);
        reported.add(item.id);
      }
      seen.add(item.id);
    }
  };
  check(stages, 'stages', 'stage');
  check(stages.flatMap((s) => list(s.questions)), 'stages', 'question');
  check([...list(guide.redFlags), ...stages.flatMap((s) => list(s.redFlags))], 'redFlags', 'red flag');
  check(list(guide.lookFor), 'lookFor', 'look-for');
  check(list(guide.tips), 'tips', 'tip');
  return out;
}
