import {
  classifyHeading,
  collapseSpace,
  parseCueLine,
  guessLocale,
  roleFromHireLine,
  splitSkills,
  takeDurationFromDescription,
  takeDurationFromTitle,
  type SectionKind,
} from './common';
import { emptyStage, finishDraft, type DraftItem, type DraftStage, type GuideDraft } from './draft';
import { atLine, EN_GUIDE_IMPORT_MESSAGES, fillMessage, type GuideImportMessages } from './messages';
import type { Guide } from './schema';

/**
 * Reads text copied from a hiring-guide web page (docs/guide-format.md, "Pasted text"):
 *
 * - the title is the role in the first "How to hire a …" / "Come assumere un/a …" line; lines above it (site name,
 *   category label) are page furniture;
 * - between the title and the first section: prose paragraphs are the summary, a short line is the skills list;
 * - sections are found by their headings in English or Italian (what to look for / cosa cercare, hiring process /
 *   il processo di assunzione, interview tips / consigli per il colloquio, red flags / segnali d'allarme);
 * - in list sections, items start with `•`, `-`, `*` (or a number); an indented line continues the item; the first
 *   line after the list that is neither ends the section, so the marketing block and page-title line after it are
 *   skipped (and reported as warnings);
 * - stages are numbered (`1.`, `1)`, `Step 1:`), the number may be repeated on its own line (`1. 1`), the title is the
 *   rest of the line or the next line, then the description; bullets inside a stage are its questions, deeper
 *   bullets their follow-ups; a duration in the title or description becomes `durationMinutes`.
 *
 * Errors and warnings are worded by `options.messages` (English by default).
 */
export function parseGuideText(
  text: string,
  options: { locale?: string; messages?: GuideImportMessages } = {},
): { ok: true; guide: Guide; warnings: string[] } | { ok: false; errors: string[]; warnings: string[] } {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[\u200B-\u200D\uFEFF]/g, '').replace(/[\u00A0\u2007\u202F]/g, ' ').replace(/\t/g, '    ').trimEnd());
  const messages = options.messages ?? EN_GUIDE_IMPORT_MESSAGES;
  const warnings: string[] = [];
  const skippedLines: number[] = [];

  let titleIndex = lines.findIndex((l) => roleFromHireLine(l) !== undefined);
  let title: string;
  if (titleIndex >= 0) title = roleFromHireLine(lines[titleIndex] ?? '') ?? '';
  else {
    titleIndex = lines.findIndex((l) => l.trim() !== '');
    title = collapseSpace(lines[titleIndex] ?? '');
    if (titleIndex >= 0) warnings.push(atLine(messages, titleIndex + 1, messages.noHireLine));
  }
  if (titleIndex < 0) return { ok: false, errors: [messages.emptyText], warnings };
  for (let i = 0; i < titleIndex; i++) if (lines[i]?.trim()) skippedLines.push(i);

  // Cut the rest into sections at recognised headings.
  const sections: { kind: SectionKind | 'intro'; start: number; end: number }[] = [];
  let open: { kind: SectionKind | 'intro'; start: number } = { kind: 'intro', start: titleIndex + 1 };
  for (let i = titleIndex + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const kind = BULLET.test(line) ? undefined : classifyHeading(line);
    if (kind === undefined) continue;
    sections.push({ ...open, end: i });
    open = { kind, start: i + 1 };
  }
  sections.push({ ...open, end: lines.length });

  const draft: GuideDraft = {
    title,
    line: titleIndex + 1,
    locale: '',
    summary: '',
    skills: [],
    criteria: [],
    stages: [],
    tips: [],
    redFlags: [],
  };
  const summary: string[] = [];
  for (const section of sections) {
    const range = { from: section.start, to: section.end };
    switch (section.kind) {
      case 'intro':
      case 'summary':
        for (const para of paragraphsOf(lines, range)) {
          let joined = collapseSpace(para.lines.join(' '));
          // "Skills: Go, SQL" written inline, with its label on the same line.
          const labelled = /^([^:]{3,40}):\s+(.+)$/.exec(joined);
          if (labelled && classifyHeading(labelled[1] ?? '') === 'skills') {
            draft.skills.push(...splitSkills(labelled[2] ?? '').skills);
            continue;
          }
          if (labelled && classifyHeading(labelled[1] ?? '') === 'summary') joined = labelled[2] ?? '';
          if (section.kind === 'summary' || isProse(joined)) summary.push(joined);
          else if (para.lines.length > 1 && para.lines.every((l) => !isProse(l))) {
            draft.skills.push(...para.lines.map((l) => collapseSpace(l.replace(BULLET, '$2'))));
          } else {
            const { skills, runTogether } = splitSkills(joined);
            draft.skills.push(...skills);
            if (runTogether) warnings.push(atLine(messages, para.start + 1, messages.skillsRunTogether));
          }
        }
        break;
      case 'skills':
      case 'criteria':
      case 'tips':
      case 'redFlags': {
        const { items, skipped } = readList(lines, range);
        skippedLines.push(...skipped);
        if (section.kind === 'skills') draft.skills.push(...items.map((i) => i.text));
        else draft[section.kind].push(...items);
        break;
      }
      case 'stages': {
        const { stages, skipped } = readStages(lines, range);
        skippedLines.push(...skipped);
        draft.stages.push(...stages);
        break;
      }
      case 'questions':
        for (let i = range.from; i < range.to; i++) if (lines[i]?.trim()) skippedLines.push(i);
        warnings.push(atLine(messages, section.start, messages.questionsOutsideStage));
        break;
    }
  }
  warnings.push(...describeSkipped(lines, skippedLines, messages));

  if (draft.stages.length === 0) {
    const errors = [sections.some((s) => s.kind === 'stages') ? messages.noNumberedStages : messages.noStageSection];
    return { ok: false, errors, warnings };
  }

  draft.summary = summary.join('\n\n');
  draft.locale =
    options.locale ??
    guessLocale([draft.summary, ...draft.stages.map((s) => s.description), ...draft.criteria.map((l) => l.text), ...draft.redFlags.map((f) => f.text)]);
  const result = finishDraft(draft, messages);
  return { ...result, warnings };
}

/** A bullet line: indent, marker (`•`, `-`, `*`, `–`, `·`, `▪`, `◦`, `●` or `1.`/`1)`), text. */
const BULLET = /^(\s*)(?:[•\-*–·▪◦●‣]|\d{1,2}[.)])\s+(.*)$/;
const SYMBOL_BULLET = /^(\s*)[•\-*–·▪◦●‣]\s+(.*)$/;
/** A stage marker: `1.`, `1)`, `1`, `1. 1`, `Step 1:`, `Fase 2 –`, or a number followed by the stage title. */
const STAGE_MARKER = /^\s*(?:(?:step|stage|round|phase|fase|passo|tappa)\s+)?(\d{1,2})(?:\s*[.):—–-]\s*|\s*$)(.*)$/i;

interface Range {
  from: number;
  to: number;
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** Prose is a sentence or more; a skills line is a run of names. */
function isProse(text: string): boolean {
  return /[.!?](\s|$)/.test(text) || text.split(/\s+/).length > 14;
}

function paragraphsOf(lines: string[], range: Range): { start: number; lines: string[] }[] {
  const out: { start: number; lines: string[] }[] = [];
  let current: { start: number; lines: string[] } | undefined;
  for (let i = range.from; i < range.to; i++) {
    const line = lines[i] ?? '';
    if (!line.trim()) {
      current = undefined;
      continue;
    }
    if (!current) out.push((current = { start: i, lines: [] }));
    current.lines.push(line.trim());
  }
  return out;
}

/**
 * Reads the items of a list section. Without any bullet, each non-empty line is an item (a copied `<ul>` often loses
 * its markers). With bullets, the first unindented line after the list ends it; that line and the rest are skipped.
 */
function readList(lines: string[], range: Range): { items: DraftItem[]; skipped: number[] } {
  const items: DraftItem[] = [];
  const skipped: number[] = [];
  let hasBullets = false;
  for (let i = range.from; i < range.to; i++) if (BULLET.test(lines[i] ?? '')) hasBullets = true;
  if (!hasBullets) {
    for (let i = range.from; i < range.to; i++) {
      const text = collapseSpace(lines[i] ?? '');
      if (text) items.push({ text, line: i + 1 });
    }
    return { items, skipped };
  }
  let current: DraftItem | undefined;
  let bulletIndent = 0;
  let ended = false;
  for (let i = range.from; i < range.to; i++) {
    const line = lines[i] ?? '';
    if (!line.trim()) continue;
    const bullet = ended ? null : BULLET.exec(line);
    const cues = bullet && current && (bullet[1]?.length ?? 0) > bulletIndent ? parseCueLine(bullet[2] ?? '') : undefined;
    if (cues && current) {
      // A deeper "Cues: a; b" bullet belongs to the item above it (docs/guide-format.md).
      current.cues = [...(current.cues ?? []), ...cues];
    } else if (bullet) {
      bulletIndent = bullet[1]?.length ?? 0;
      items.push((current = { text: collapseSpace(bullet[2] ?? ''), line: i + 1 }));
    } else if (!ended && current && indentOf(line) > bulletIndent) {
      current.text = collapseSpace(`${current.text} ${line}`);
    } else {
      // Text before the first bullet is an introduction; text after the list is whatever the page put below it.
      if (current) ended = true;
      skipped.push(i);
    }
  }
  return { items, skipped };
}

/** Reads numbered stages (or, without numbers, one stage per bullet: "Title — description"). */
function readStages(lines: string[], range: Range): { stages: DraftStage[]; skipped: number[] } {
  const stages: DraftStage[] = [];
  const skipped: number[] = [];
  let stage: DraftStage | undefined;
  let titlePending = false;
  let paragraphs: string[][] = [];
  let blank = false;
  let questionIndent = 0;
  let bulletStages = false;

  const close = () => {
    if (!stage) return;
    stage.description = paragraphs.map((p) => collapseSpace(p.join(' '))).filter(Boolean).join('\n\n');
    const fromTitle = takeDurationFromTitle(stage.title);
    stage.title = fromTitle.text;
    if (fromTitle.minutes !== undefined) stage.durationMinutes = fromTitle.minutes;
    else {
      const fromDescription = takeDurationFromDescription(stage.description);
      stage.description = fromDescription.text;
      if (fromDescription.minutes !== undefined) stage.durationMinutes = fromDescription.minutes;
    }
    stages.push(stage);
    stage = undefined;
  };

  for (let i = range.from; i < range.to; i++) {
    const line = lines[i] ?? '';
    if (!line.trim()) {
      blank = true;
      continue;
    }
    const marker = STAGE_MARKER.exec(line);
    const number = marker ? Number(marker[1]) : NaN;
    const rest = collapseSpace(marker?.[2] ?? '');
    if (marker && titlePending && number === stages.length + 1 && rest === '') continue; // the number, repeated alone
    if (marker && number === stages.length + (stage ? 2 : 1) && !SYMBOL_BULLET.test(line)) {
      close();
      stage = emptyStage('', i + 1);
      paragraphs = [];
      blank = false;
      const repeated = rest === String(number);
      titlePending = rest === '' || repeated;
      if (!titlePending) {
        const split = splitTitle(rest);
        stage.title = split.title;
        if (split.description) paragraphs.push([split.description]);
      }
      continue;
    }
    const symbolBullet = SYMBOL_BULLET.exec(line);
    if (symbolBullet && (bulletStages || (!stage && stages.length === 0))) {
      // No numbers at all: a bulleted process is one stage per bullet ("Title — description").
      bulletStages = true;
      close();
      const split = splitTitle(collapseSpace(symbolBullet[2] ?? ''));
      stage = emptyStage(split.title, i + 1);
      paragraphs = split.description ? [[split.description]] : [];
      titlePending = false;
      blank = false;
      continue;
    }
    if (!stage) {
      skipped.push(i);
      continue;
    }
    if (titlePending) {
      stage.title = collapseSpace(line);
      titlePending = false;
      blank = false;
      continue;
    }
    const bullet = symbolBullet;
    if (bullet) {
      const indent = bullet[1]?.length ?? 0;
      const last = stage.questions.at(-1);
      const cues = parseCueLine(bullet[2] ?? '');
      if (last && indent > questionIndent && cues) last.cues = [...(last.cues ?? []), ...cues];
      else if (last && indent > questionIndent) last.followUps.push(collapseSpace(bullet[2] ?? ''));
      else {
        questionIndent = indent;
        stage.questions.push({ text: collapseSpace(bullet[2] ?? ''), line: i + 1, followUps: [], core: false });
      }
      blank = false;
      continue;
    }
    if (blank || paragraphs.length === 0) paragraphs.push([]);
    paragraphs.at(-1)?.push(line.trim());
    blank = false;
  }
  close();
  return { stages, skipped };
}

/** Splits "Title — description" written on one line; short lines are all title. */
function splitTitle(text: string): { title: string; description: string } {
  const match = /^(.{3,80}?)(?:\s+[—–-]\s+|:\s+)(.{20,})$/.exec(text);
  if (match && text.length > 60) {
    const description = (match[2] ?? '').trim();
    return { title: (match[1] ?? '').trim(), description: description.charAt(0).toUpperCase() + description.slice(1) };
  }
  return { title: text, description: '' };
}

/** Groups skipped line numbers into ranges with a preview, so the user sees what was left out. */
function describeSkipped(lines: string[], skipped: number[], messages: GuideImportMessages): string[] {
  const sorted = [...new Set(skipped)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let k = 0; k < sorted.length; ) {
    let end = k;
    while (end + 1 < sorted.length && nextNonBlank(lines, sorted[end] ?? 0) === sorted[end + 1]) end++;
    const first = sorted[k] ?? 0;
    const last = sorted[end] ?? 0;
    const preview = collapseSpace(lines[first] ?? '').slice(0, 60);
    const where = first === last ? fillMessage(messages.line, first + 1) : fillMessage(messages.lines, first + 1, last + 1);
    out.push(`${where}: ${fillMessage(messages.skipped, preview)}`);
    k = end + 1;
  }
  return out;
}

function nextNonBlank(lines: string[], from: number): number {
  for (let i = from + 1; i < lines.length; i++) if (lines[i]?.trim()) return i;
  return -1;
}
