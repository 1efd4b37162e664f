import { validateGuide } from './issues';
import { parseMarkdownGuide } from './markdown';
import { atLine, EN_GUIDE_IMPORT_MESSAGES, fillMessage, type GuideImportMessages } from './messages';
import type { Guide } from './schema';
import { parseGuideText } from './text';

/** The formats a guide can be imported from. */
export type GuideFormat = 'json' | 'markdown' | 'text';

/** Options for {@link importGuide}. */
export interface ImportGuideOptions {
  /** The file's name; its extension (`.json`, `.md`) settles the format when `format` is `auto`. */
  filename?: string;
  /** `auto` (the default): JSON if it parses as JSON, Markdown if it has `#` headings, else pasted web text. */
  format?: 'auto' | GuideFormat;
  /** Language tag for Markdown or text that does not name one; guessed from the text otherwise. */
  locale?: string;
  /**
   * How errors and warnings are worded (paths stay as they are): English by default; the options page passes
   * `guideImportMessages(t)`, which also carries Zod's locale for the UI language.
   */
  messages?: GuideImportMessages;
}

/**
 * The outcome of an import. On failure the whole input is rejected and `errors` lists every problem, as
 * `path: reason` (`stages[0].title: required`) or `line 12: …`. `warnings` name content that was skipped.
 */
export type ImportGuideResult =
  | { ok: true; guide: Guide; format: GuideFormat; warnings: string[] }
  | { ok: false; format: GuideFormat; errors: string[]; warnings: string[] };

/**
 * Imports a role guide from JSON in the guide format, from Markdown in the documented shape, or from text pasted
 * from a hiring-guide web page (docs/guide-format.md). Pure: no Node, DOM or network APIs, so the options page and the
 * command-line tool share it. Never throws for bad input.
 */
export function importGuide(text: string, options: ImportGuideOptions = {}): ImportGuideResult {
  const source = text.replace(/^\uFEFF/, '');
  const format = options.format && options.format !== 'auto' ? options.format : detectFormat(source, options.filename);
  const messages = options.messages ?? EN_GUIDE_IMPORT_MESSAGES;
  const parseOptions = options.locale ? { locale: options.locale, messages } : { messages };
  if (format === 'json') return { ...importJson(source, messages), format };
  const result = format === 'markdown' ? parseMarkdownGuide(source, parseOptions) : parseGuideText(source, parseOptions);
  return { ...result, format };
}

/**
 * Works out the format: the file extension when it is `.json`, `.md`/`.markdown` or `.txt`; otherwise JSON when the
 * text parses as JSON (or starts with `{`, so a broken JSON file gets JSON errors), Markdown when a line is an ATX
 * heading (`# Title`), else pasted text.
 */
export function detectFormat(text: string, filename?: string): GuideFormat {
  const extension = /\.([a-z]+)$/i.exec(filename ?? '')?.[1]?.toLowerCase();
  if (extension === 'json') return 'json';
  if (extension === 'md' || extension === 'markdown') return 'markdown';
  if (extension === 'txt') return 'text';
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return 'json';
  try {
    JSON.parse(trimmed);
    return 'json';
  } catch {
    // not JSON: fall through
  }
  return /^ {0,3}#{1,6}[ \t]+\S/m.test(text) ? 'markdown' : 'text';
}

function importJson(
  text: string,
  messages: GuideImportMessages,
): { ok: true; guide: Guide; warnings: string[] } | { ok: false; errors: string[]; warnings: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [jsonSyntaxError(text, error, messages)], warnings: [] };
  }
  const result = validateGuide(data, undefined, messages);
  return result.ok ? { ...result, warnings: [] } : { ...result, warnings: [] };
}

/** `line 3: invalid JSON (…)`, the line worked out from the parser's character position when it gives one. */
function jsonSyntaxError(text: string, error: unknown, messages: GuideImportMessages): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message)?.[1];
  const lineFromMessage = /line (\d+)/.exec(message)?.[1];
  const line = lineFromMessage ?? (position === undefined ? undefined : String(text.slice(0, Number(position)).split('\n').length));
  const reason = fillMessage(messages.invalidJson, message.replace(/\s*\(line \d+ column \d+\)/, ''));
  return line === undefined ? reason : atLine(messages, Number(line), reason);
}
