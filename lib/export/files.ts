/**
 * File names and types of exports. The options page creates the Blob and the download; this module only names it.
 */

export type ExportKind = 'json' | 'csv' | 'md';

/** MIME type of each export, with the charset where a viewer might otherwise guess it. */
export const EXPORT_MIME: Record<ExportKind, string> = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  md: 'text/markdown;charset=utf-8',
};

/**
 * A file-name-safe slug of a name: accents dropped (`Zoë` → `zoe`), letters and digits of any script kept,
 * everything else collapsed to single hyphens, at most `max` characters cut at a hyphen. May be empty.
 */
export function slugify(text: string, max = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > max / 2 ? cut.slice(0, hyphen) : cut).replace(/-+$/, '');
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Names an export by content and local date: `interviews-2026-11-29.json`, `interviews-2026-11-29.csv`,
 * `scorecards-2026-11-29.md`; with a subject (one interview's candidate): `scorecard-alex-rivera-2026-11-29.md`,
 * `interview-alex-rivera-2026-11-29.json`. A subject with nothing usable in a file name is left out.
 */
export function exportFileName(kind: ExportKind, date: Date, subject?: string): string {
  const day = `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
  const slug = subject ? slugify(subject) : '';
  const noun = kind === 'md' ? 'scorecard' : 'interview';
  return slug ? `${noun}-${slug}-${day}.${kind}` : `${noun}s-${day}.${kind}`;
}
