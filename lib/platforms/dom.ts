/**
 * Small DOM helpers shared by the platform adapters. They never throw on cross-origin frames and never
 * match on visible text other than icon ligature names, which do not change with the UI language.
 */

/**
 * The top document plus the documents of its same-origin frames matched by `frameSelector`.
 * Cross-origin or not-yet-loaded frames are skipped (their `contentDocument` is null or throws).
 */
export function frameDocuments(doc: Document, frameSelector: string): Document[] {
  const docs = [doc];
  for (const frame of doc.querySelectorAll<HTMLIFrameElement>(frameSelector)) {
    try {
      const inner = frame.contentDocument;
      if (inner?.documentElement) docs.push(inner);
    } catch {
      // A cross-origin frame: its signals are out of reach, and the state falls back to unknown.
    }
  }
  return docs;
}

/** Whether any of `docs` has an element matching `selector`. */
export function anyMatches(docs: readonly Document[], selector: string): boolean {
  return docs.some((d) => d.querySelector(selector) !== null);
}

/**
 * Whether an icon element (`selector`, e.g. a Material Symbols ligature) whose text is one of `names`
 * is present. Icon ligatures are the same in every UI language, unlike aria-labels.
 */
export function hasIcon(docs: readonly Document[], selector: string, names: ReadonlySet<string>): boolean {
  for (const d of docs) {
    for (const el of d.querySelectorAll(selector)) {
      if (names.has((el.textContent ?? '').trim())) return true;
    }
  }
  return false;
}

/** Parses an absolute URL, or returns null. */
export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
