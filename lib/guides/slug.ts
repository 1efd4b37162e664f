/**
 * Stable slugs for guide ids. The same text always gives the same slug, so re-importing an unchanged guide keeps
 * the ids that notes, question states and ratings were recorded against.
 */

/** Longest slug generated from free text; the schema allows 80, shorter ids read better in exports. */
export const GENERATED_SLUG_MAX = 48;

/**
 * Turns text into a lowercase slug (`a-z`, `0-9`, single hyphens), at most `maxLength` characters, cut at a word
 * boundary. Accents are folded (`è` → `e`); text with no Latin letters or digits (for example only CJK) falls back
 * to `x-` plus a short hash of the text, so the result is never empty and still deterministic.
 */
export function slugify(text: string, maxLength: number = GENERATED_SLUG_MAX): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) {
      if (!slug) slug = word.slice(0, maxLength);
      break;
    }
    slug = next;
  }
  return slug || `x-${hash(text)}`;
}

/** FNV-1a over UTF-16 code units, base 36: short, dependency-free and identical in every context. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/**
 * Returns `base`, or `base-2`, `base-3`… the first one not in `taken`, and adds it to `taken`.
 * Used to give generated ids their uniqueness within a list without changing ids written by the author.
 */
export function uniqueSlug(base: string, taken: Set<string>): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) {
    const suffix = `-${n}`;
    candidate = `${base.slice(0, 80 - suffix.length).replace(/-+$/, '')}${suffix}`;
  }
  taken.add(candidate);
  return candidate;
}
