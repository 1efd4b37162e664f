import type { List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toMarkdown } from 'mdast-util-to-markdown';
import {
  classifyHeading,
  collapseSpace,
  cueLine,
  guessLocale,
  parseCueLine,
  roleFromHireLine,
  sectionTitles,
  splitSkills,
  takeDurationFromTitle,
  type SectionKind,
} from './common';
import { emptyStage, finishDraft, type DraftItem, type DraftStage, type GuideDraft } from './draft';
import { atLine, EN_GUIDE_IMPORT_MESSAGES, fillMessage, type GuideImportMessages } from './messages';
import type { Guide } from './schema';

/**
 * The Markdown guide shape (docs/guide-format.md): a `#` title, optional summary paragraphs, `##` sections for
 * skills, what to look for, the hiring process (one `###` heading per stage with an optional `(45 min)`, its
 * description, then `Questions` and `Red flags` lists; nested items are follow-ups, a nested `Cues: a; b` line gives
 * cues), interview tips and red flags.
 * A `{#id}` at the end of a heading or list item sets its id, `{.core}` marks a core question, and the title takes
 * `{#guide-id lang=it}`.
 */

/** Options for {@link parseMarkdownGuide}. */
export interface MarkdownParseOptions {
  /** Language tag to use when the title has no `lang=`; guessed from the text otherwise. */
  locale?: string;
  /** How errors and warnings are worded; English by default. */
  messages?: GuideImportMessages;
}

/**
 * Parses a Markdown guide. Returns the validated guide and warnings about content it skipped, or every problem
 * found, each prefixed with its line (`line 12: stages[1].title: must not be empty`).
 */
export function parseMarkdownGuide(
  markdown: string,
  options: MarkdownParseOptions = {},
): { ok: true; guide: Guide; warnings: string[] } | { ok: false; errors: string[]; warnings: string[] } {
  const tree = fromMarkdown(markdown.replace(/\r\n?/g, '\n'));
  const messages = options.messages ?? EN_GUIDE_IMPORT_MESSAGES;
  const warnings: string[] = [];
  const errors: string[] = [];
  const draft: GuideDraft = {
    title: '',
    locale: '',
    summary: '',
    skills: [],
    criteria: [],
    stages: [],
    tips: [],
    redFlags: [],
  };
  const summary: string[] = [];
  let titled = false;
  let locale: string | undefined;

  // Where the next block goes. `stageDepth` is the heading depth of stages once the process section has one.
  type Place =
    | { kind: 'preamble' | 'summary' | 'ignored' }
    | { kind: 'list'; list: 'skills' | 'criteria' | 'tips' | 'redFlags' }
    | { kind: 'process'; stageDepth?: number }
    | { kind: 'stage'; stage: DraftStage; depth: number; fromProcess: boolean; part: 'main' | 'questions' | 'redFlags' | 'ignored' };
  let place = { kind: 'preamble' } as Place;

  const skipped = (node: { position?: { start: { line: number } } }, what: string) => warnings.push(atLine(messages, lineOf(node), what));

  const startStage = (headingText: string, node: RootContent, depth: number, fromProcess: boolean) => {
    const { text, attributes } = splitAttributes(headingText);
    const { text: title, minutes } = takeDurationFromTitle(text.replace(/^\d{1,2}\s*[.)]\s+/, ''));
    const stage = emptyStage(title, lineOf(node));
    if (attributes.id !== undefined) stage.id = attributes.id;
    if (minutes !== undefined) stage.durationMinutes = minutes;
    draft.stages.push(stage);
    place = { kind: 'stage', stage, depth, fromProcess, part: 'main' };
  };

  for (const node of tree.children) {
    if (node.type === 'heading') {
      const text = inlineText(node.children);
      if (!titled) {
        if (node.depth === 1) {
          const { text: title, attributes } = splitAttributes(text);
          draft.title = roleFromHireLine(title) ?? title;
          draft.line = lineOf(node);
          if (attributes.id !== undefined) draft.id = attributes.id;
          locale = attributes.lang ?? attributes.locale;
          titled = true;
          place = { kind: 'summary' };
        } else {
          skipped(node, fillMessage(messages.headingBeforeTitle, text));
        }
        continue;
      }
      const depth = Math.max(2, node.depth);
      if (place.kind === 'process' && depth > 2) {
        startStage(text, node, depth, true);
        continue;
      }
      if (place.kind === 'stage') {
        if (place.fromProcess && depth > 2 && depth <= place.depth) {
          startStage(text, node, depth, true);
          continue;
        }
        if (depth > place.depth) {
          const kind = classifyHeading(splitAttributes(text).text);
          if (kind === 'questions' || kind === 'redFlags') place.part = kind;
          else {
            place.part = 'ignored';
            skipped(node, fillMessage(messages.headingInStage, text, place.stage.title));
          }
          continue;
        }
      }
      if (depth > 2) {
        skipped(node, fillMessage(messages.headingOutside, text));
        continue;
      }
      const kind: SectionKind | undefined = classifyHeading(text);
      if (kind === 'summary') place = { kind: 'summary' };
      else if (kind === 'stages') place = { kind: 'process' };
      else if (kind === 'skills' || kind === 'criteria' || kind === 'tips' || kind === 'redFlags') place = { kind: 'list', list: kind };
      // Any other second-level heading is a stage: short guides often skip the "Hiring process" wrapper.
      else startStage(text, node, 2, false);
      continue;
    }

    if (node.type === 'paragraph') {
      const text = collapseSpace(inlineText(node.children));
      if (!text) continue;
      if (place.kind === 'summary') summary.push(text);
      else if (place.kind === 'list' && place.list === 'skills') draft.skills.push(...splitSkills(text).skills);
      else if (place.kind === 'stage') {
        // A bold "Questions:" or "Red flags:" line works like a sub-heading.
        const label = classifyHeading(text);
        if (label === 'questions' || label === 'redFlags') place.part = label;
        else if (place.part === 'main') {
          place.stage.description = place.stage.description ? `${place.stage.description}\n\n${text}` : text;
        } else if (place.part !== 'ignored') skipped(node, place.part === 'questions' ? messages.paragraphInQuestions : messages.paragraphInRedFlags);
      } else if (place.kind === 'list') skipped(node, messages.paragraphInList);
      else if (place.kind !== 'ignored') skipped(node, messages.paragraphOutside);
      continue;
    }

    if (node.type === 'list') {
      if (place.kind === 'list') {
        const list = place.list;
        for (const item of node.children) {
          if (list === 'skills') draft.skills.push(itemText(item));
          else {
            draft[list].push(draftItem(item));
            if (nestedItems(item).some((nested) => parseCueLine(itemText(nested)) === undefined)) skipped(item, messages.nestedList);
          }
        }
      } else if (place.kind === 'stage' && place.part !== 'ignored') {
        for (const item of node.children) {
          if (place.part === 'redFlags') place.stage.redFlags.push(draftItem(item));
          else {
            const { text, attributes } = splitAttributes(itemText(item));
            const nested = nestedItems(item).map(itemText).filter(Boolean);
            place.stage.questions.push({
              text,
              line: lineOf(item),
              followUps: nested.filter((line) => parseCueLine(line) === undefined),
              cues: nested.flatMap((line) => parseCueLine(line) ?? []),
              core: attributes.classes.includes('core'),
              ...(attributes.id === undefined ? {} : { id: attributes.id }),
            });
          }
        }
      } else if (place.kind !== 'ignored') skipped(node, messages.listOutside);
      continue;
    }

    if (node.type === 'html' || node.type === 'thematicBreak' || node.type === 'definition') continue;
    if (place.kind !== 'ignored') skipped(node, fillMessage(messages.blockSkipped, node.type));
  }

  if (!titled) errors.push(atLine(messages, 1, messages.markdownNoTitle));
  else if (draft.stages.length === 0) errors.push(messages.markdownNoStages);
  if (errors.length > 0) return { ok: false, errors, warnings };

  draft.summary = summary.join('\n\n');
  draft.locale =
    locale ??
    options.locale ??
    guessLocale([draft.summary, ...draft.stages.flatMap((s) => [s.description, ...s.questions.map((q) => q.text)]), ...draft.criteria.map((l) => l.text)]);
  const result = finishDraft(draft, messages);
  return result.ok ? { ...result, warnings } : { ...result, warnings };
}

function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 1;
}

/** Plain text of inline Markdown: emphasis and links keep their words, inline code keeps its backticks. */
function inlineText(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node): string => {
      switch (node.type) {
        case 'text':
          return node.value;
        case 'inlineCode':
          return `\`${node.value}\``;
        case 'break':
          return ' ';
        case 'image':
        case 'imageReference':
          return node.alt ?? '';
        case 'html':
          return '';
        default:
          return 'children' in node ? inlineText(node.children as PhrasingContent[]) : '';
      }
    })
    .join('');
}

/** The text of a list item's own paragraphs (not of its nested list). */
function itemText(item: ListItem): string {
  return collapseSpace(
    item.children
      .filter((c): c is Paragraph => c.type === 'paragraph')
      .map((p) => inlineText(p.children))
      .join(' '),
  );
}

function nestedItems(item: ListItem): ListItem[] {
  return item.children.find((c): c is List => c.type === 'list')?.children ?? [];
}

/** A criterion, tip or red flag: its text, `{#id}`, and cues from a nested `Cues:` line (other nesting is skipped). */
function draftItem(item: ListItem): DraftItem {
  const { text, attributes } = splitAttributes(itemText(item));
  const cues = nestedItems(item).flatMap((nested) => parseCueLine(itemText(nested)) ?? []);
  return { text, line: lineOf(item), ...(attributes.id === undefined ? {} : { id: attributes.id }), cues };
}

interface Attributes {
  id?: string;
  classes: string[];
  lang?: string;
  locale?: string;
}

/**
 * Splits a trailing `{#id .class key=value}` block off a line. Left in the text when any token is not one of those
 * forms, so ordinary braces in a question survive.
 */
export function splitAttributes(line: string): { text: string; attributes: Attributes } {
  const attributes: Attributes = { classes: [] };
  const match = /\s*\{([^{}]*)\}\s*$/.exec(line);
  if (!match) return { text: line, attributes };
  const tokens = (match[1] ?? '').trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0 || !tokens.every((t) => /^(#\S+|\.[\w-]+|(lang|locale)=\S+)$/.test(t))) return { text: line, attributes };
  for (const token of tokens) {
    if (token.startsWith('#')) attributes.id = token.slice(1);
    else if (token.startsWith('.')) attributes.classes.push(token.slice(1));
    else {
      const [key, value] = token.split('=') as [string, string];
      if (key === 'lang' || key === 'locale') attributes[key] = value;
    }
  }
  return { text: line.slice(0, match.index).trim(), attributes };
}

// ---------------------------------------------------------------------------------------------------------------
// Export

const paragraph = (text: string): Paragraph => ({ type: 'paragraph', children: [{ type: 'text', value: text }] });

function list(items: { text: string; nested?: string[] }[]): List {
  return {
    type: 'list',
    ordered: false,
    spread: false,
    children: items.map(
      (item): ListItem => ({
        type: 'listItem',
        spread: false,
        children: [paragraph(item.text), ...(item.nested?.length ? [list(item.nested.map((text) => ({ text })))] : [])],
      }),
    ),
  };
}

const heading = (depth: 1 | 2 | 3 | 4, text: string): RootContent => ({ type: 'heading', depth, children: [{ type: 'text', value: text }] });
const paragraphs = (text: string): Paragraph[] => text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean).map(paragraph);

/**
 * Writes a guide as Markdown in the documented shape, ids included, with section headings in the guide's language.
 * Importing the result gives an equal guide (whitespace inside a paragraph is normalised to single spaces).
 */
export function guideToMarkdown(guide: Guide): string {
  const titles = sectionTitles(guide.locale);
  const withId = (text: string, id: string, core = false) => `${text} {#${id}${core ? ' .core' : ''}}`;
  const cues = (item: { cues?: string[] | undefined }) => (item.cues?.length ? [cueLine(item.cues, guide.locale)] : []);
  const item = (i: { text: string; id: string; cues?: string[] | undefined }) => ({ text: withId(i.text, i.id), nested: cues(i) });
  const children: RootContent[] = [heading(1, `${guide.title} {#${guide.id} lang=${guide.locale}}`), ...paragraphs(guide.summary)];
  if (guide.skills.length) children.push(heading(2, titles.skills), list(guide.skills.map((text) => ({ text }))));
  if (guide.criteria.length) children.push(heading(2, titles.criteria), list(guide.criteria.map(item)));
  children.push(heading(2, titles.stages));
  guide.stages.forEach((stage, i) => {
    const duration = stage.durationMinutes === undefined ? '' : ` (${stage.durationMinutes} min)`;
    children.push(heading(3, withId(`${i + 1}. ${stage.title}${duration}`, stage.id)), ...paragraphs(stage.description));
    if (stage.questions.length) {
      children.push(
        heading(4, titles.questions),
        list(stage.questions.map((q) => ({ text: withId(q.text, q.id, q.core), nested: [...q.followUps, ...cues(q)] }))),
      );
    }
    if (stage.redFlags.length) {
      children.push(heading(4, titles.redFlags), list(stage.redFlags.map(item)));
    }
  });
  if (guide.tips.length) children.push(heading(2, titles.tips), list(guide.tips.map(item)));
  if (guide.redFlags.length) {
    children.push(heading(2, titles.redFlags), list(guide.redFlags.map(item)));
  }
  const root: Root = { type: 'root', children };
  return toMarkdown(root, { bullet: '-', listItemIndent: 'one', emphasis: '_', strong: '*', rule: '-' });
}
