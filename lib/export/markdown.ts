import { isDraftNote, type InterviewBundle, type NoteRow, type Rating } from '../db/records';
import type { GuideStage } from '../guides/schema';
import { formatNoteOffset, formatOffset } from '../format';
import { formatDateTime, indexGuide, interviewDate, timelineOrder } from './format';
import type { ExportLabels } from './labels';

export type { ExportLabels } from './labels';

/** Options of the Markdown export. */
export interface MarkdownOptions {
  /**
   * IANA time zone the date is written in (e.g. `Europe/Rome`); defaults to the runtime's own zone, which is what
   * the interviewer expects to read. Tests pass `UTC`.
   */
  timeZone?: string;
  /** Add the transcript lines (`bundle.utterances`) after the timeline, as `` `mm:ss` **Speaker:** words ``. Default off. */
  transcript?: boolean;
}

/*
 * Escaping. Text typed by the interviewer (notes, summary, candidate name) and text from guides is written as
 * literal text: it must never open a heading, list, code block, HTML block, link, table or emphasis, whatever it
 * contains. mdast-util-to-markdown does this well but took about 6 s for 5,000 interviews here, so the export uses
 * the smaller rule set below and the unit tests parse every hostile case back with mdast-util-from-markdown.
 */

// Characters with inline meaning anywhere in a line (CommonMark + GFM tables and strikethrough; `<` opens HTML and
// autolinks, so `>` needs no escape), `&` only where it would start a character reference, and `#` where it would
// open or close a heading (at the start, after a space).
const INLINE_SPECIAL = /[\\`*_[\]<|~]|&(?=#?[a-zA-Z0-9]+;)|(?<=^|\s)#/g;
// Block markers that only count at the start of a line: list bullets, block quotes, setext underlines, ordered lists.
const LINE_START = /^(?:[-+=>]|\d+(?=[.)]))/;

// Most lines hold none of these: a quick test skips the costlier replace (it cut the 5,000-interview export by ~35%).
const MAY_NEED_ESCAPE = /[\\`*_[\]<|~&#]/;

function escapeLine(line: string): string {
  const trimmed = line.trim();
  const escaped = MAY_NEED_ESCAPE.test(trimmed) ? trimmed.replace(INLINE_SPECIAL, '\\$&') : trimmed;
  return escaped.replace(LINE_START, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`));
}

/** One line of literal text (newlines become spaces), e.g. inside a heading or bold run. */
function inline(text: string): string {
  return escapeLine(text.replace(/\s+/g, ' '));
}

/**
 * Multi-line literal text continuing a block whose continuation lines are indented by `indent`. Each line break
 * the interviewer typed becomes a hard break (`\` at the end of the line); blank lines are dropped, because a blank
 * line would end the list item it sits in.
 */
function block(text: string, indent: string): string {
  const lines: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const escaped = escapeLine(line);
    if (escaped) lines.push(escaped);
  }
  return lines.join(`\\\n${indent}`);
}

/** Top-level literal text that keeps the interviewer's paragraphs (blank lines) and line breaks. */
function paragraphs(text: string): string {
  return text
    .split(/(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/)
    .map((p) => block(p, ''))
    .filter(Boolean)
    .join('\n\n');
}

function ratingText(rating: Rating | null, labels: ExportLabels): string {
  return rating ? labels.ratings[rating] : labels.notRated;
}

function offsetCode(note: NoteRow): string {
  return `\`${formatNoteOffset(note.offsetMs)}\``;
}

/** `<url>` for a plain web address (clickable in most trackers), else escaped text. */
function reference(ref: string): string {
  return /^https?:\/\/[^\s<>]+$/.test(ref) ? `<${ref}>` : inline(ref);
}

/**
 * Writes one interview as a Markdown scorecard to paste into an applicant tracking system: title with the
 * candidate, role guide, date, call length, reference and recommendation; the summary; a rating per "what to look
 * for" criterion with its note; the questions asked per stage with rating, note and the notes taken on them; the red
 * flags ticked with their notes; and a timeline of the free notes with their call offsets (`mm:ss`, `h:mm:ss`;
 * `--:--` for notes taken before the call). Ids the guide snapshot does not know are shown as the id itself.
 * Throws a RangeError only for an unknown `options.timeZone`.
 */
export function interviewToMarkdown(bundle: InterviewBundle, labels: ExportLabels, options: MarkdownOptions = {}): string {
  const { interview } = bundle;
  const guide = bundle.guide;
  const index = indexGuide(guide);
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const out: string[] = [];

  out.push(`# ${inline(labels.scorecard)}: ${inline(interview.candidateName)}`, '');
  out.push(`- **${inline(labels.roleGuide)}:** ${inline(guide.title || interview.guideTitle)}`);
  out.push(`- **${inline(labels.date)}:** ${formatDateTime(interviewDate(interview), timeZone)} (${inline(timeZone)})`);
  if (interview.callStartedAt !== null && interview.endedAt !== null && interview.endedAt >= interview.callStartedAt) {
    out.push(`- **${inline(labels.callLength)}:** ${formatOffset(interview.endedAt - interview.callStartedAt)}`);
  }
  if (interview.candidateRef.trim()) {
    out.push(`- **${inline(labels.candidateRef)}:** ${reference(interview.candidateRef.trim())}`);
  }
  out.push(`- **${inline(labels.recommendation)}:** ${inline(ratingText(interview.recommendation, labels))}`, '');

  out.push(`## ${inline(labels.summary)}`, '');
  out.push(paragraphs(interview.summary) || inline(labels.noSummary), '');

  // What to look for: every criterion of the guide, rated or not, so gaps show; then any the guide no longer has.
  const criterionRows = new Map(bundle.criterionRatings.map((row) => [row.criterionId, row]));
  const criteria = [
    ...guide.criteria.map((item) => ({ id: item.id, text: item.text })),
    ...bundle.criterionRatings.filter((r) => !index.criteria.has(r.criterionId)).map((r) => ({ id: r.criterionId, text: r.criterionId })),
  ];
  if (criteria.length > 0) {
    out.push(`## ${inline(labels.criteria)}`, '');
    for (const criterion of criteria) {
      const row = criterionRows.get(criterion.id);
      let line = `- **${inline(criterion.text)}** — ${inline(ratingText(row?.rating ?? null, labels))}`;
      const note = row ? block(row.note, '  ') : '';
      if (note) line += `\\\n  ${note}`;
      out.push(line);
    }
    out.push('');
  }

  // Questions asked, grouped by stage in guide order.
  const notesByQuestion = new Map<string, NoteRow[]>();
  const freeNotes: NoteRow[] = [];
  // A draft (still in the Notes box, not entered) is not part of the scorecard (issue 17).
  for (const note of bundle.notes) {
    if (isDraftNote(note)) continue;
    if (note.questionId !== null && index.questions.has(note.questionId)) {
      const list = notesByQuestion.get(note.questionId);
      if (list) list.push(note);
      else notesByQuestion.set(note.questionId, [note]);
    } else {
      freeNotes.push(note);
    }
  }
  const states = new Map(bundle.questionStates.map((row) => [row.questionId, row]));
  const groups: { stage: GuideStage | null; items: { id: string; text: string; core: boolean }[] }[] = [];
  for (const stage of guide.stages) {
    const items = stage.questions
      .filter((q) => {
        const s = states.get(q.id);
        return (s && (s.asked || s.rating !== null || s.note.trim() !== '')) || notesByQuestion.has(q.id);
      })
      .map((q) => ({ id: q.id, text: q.text, core: q.core }));
    if (items.length > 0) groups.push({ stage, items });
  }
  const unknown = bundle.questionStates.filter((s) => !index.questions.has(s.questionId));
  if (unknown.length > 0) groups.push({ stage: null, items: unknown.map((s) => ({ id: s.questionId, text: s.questionId, core: false })) });

  out.push(`## ${inline(labels.questions)}`, '');
  if (groups.length === 0) out.push(inline(labels.noQuestions), '');
  for (const group of groups) {
    out.push(`### ${inline(group.stage ? group.stage.title : labels.general)}`, '');
    for (const item of group.items) {
      const state = states.get(item.id);
      let line = `- **${inline(item.text)}**${item.core ? ` (${inline(labels.core)})` : ''} — ${inline(ratingText(state?.rating ?? null, labels))}`;
      const note = state ? block(state.note, '  ') : '';
      if (note) line += `\\\n  ${note}`;
      out.push(line);
      for (const linked of (notesByQuestion.get(item.id) ?? []).sort(timelineOrder)) {
        const text = block(linked.text, '    ');
        if (text) out.push(`  - ${offsetCode(linked)} ${text}`);
      }
    }
    out.push('');
  }

  // Red flags ticked, in guide order (global flags first, then each stage's).
  out.push(`## ${inline(labels.redFlags)}`, '');
  const checks = new Map(bundle.redFlagChecks.filter((c) => c.checked).map((c) => [c.redFlagId, c]));
  const flagOrder = [...index.redFlags.keys(), ...[...checks.keys()].filter((id) => !index.redFlags.has(id))];
  let flagged = 0;
  for (const id of flagOrder) {
    const check = checks.get(id);
    if (!check) continue;
    flagged++;
    const known = index.redFlags.get(id);
    const stage = known?.stage?.title ?? labels.general;
    let line = `- **${inline(known?.item.text ?? id)}** (${inline(stage)})`;
    const note = block(check.note, '  ');
    if (note) line += `\\\n  ${note}`;
    out.push(line);
  }
  if (flagged === 0) out.push(inline(labels.noRedFlags));
  out.push('');

  // Timeline of free notes.
  out.push(`## ${inline(labels.timeline)}`, '');
  const timeline = freeNotes.sort(timelineOrder).filter((n) => n.text.trim() !== '');
  if (timeline.length === 0) out.push(inline(labels.noNotes));
  for (const note of timeline) out.push(`- ${offsetCode(note)} ${block(note.text, '  ')}`);

  // The transcript, when asked for and there is one: every line in time order, with its speaker.
  const lines = options.transcript ? (bundle.utterances ?? []).filter((u) => u.text.trim() !== '') : [];
  if (lines.length > 0) {
    out.push('', `## ${inline(labels.transcript)}`, '');
    for (const line of [...lines].sort((a, b) => a.startMs - b.startMs || a.createdAt - b.createdAt)) {
      const speaker = line.speaker.trim() ? `**${inline(line.speaker)}:** ` : '';
      out.push(`- \`${formatOffset(line.startMs)}\` ${speaker}${block(line.text, '  ')}`);
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * Writes several interviews into one Markdown file (for "export selected" and the print view): each scorecard as
 * `interviewToMarkdown` writes it, separated by a thematic break.
 */
export function interviewsToMarkdown(bundles: InterviewBundle[], labels: ExportLabels, options: MarkdownOptions = {}): string {
  return bundles.map((b) => interviewToMarkdown(b, labels, options)).join('\n---\n\n');
}

/** The escaping helpers, for other Markdown documents built from the same records (the debrief, lib/sync/debrief.ts). */
export { block as markdownBlock, inline as markdownInline, paragraphs as markdownParagraphs, reference as markdownReference };
