import { isDraftNote, type InterviewBundle, type InterviewRow, type Rating } from '../db/records';
import { markdownBlock, markdownInline, markdownParagraphs, markdownReference } from '../export/markdown';
import type { Guide } from '../guides/schema';

/**
 * The debrief: every interviewer's scorecard of one candidate side by side. Interviews belong to one candidate
 * when they share the candidate reference link (compared without case, trailing slashes or `#fragment`), or,
 * when there is none, the candidate's name (case and spaces aside) and the role guide.
 */
export interface DebriefGroup {
  key: string;
  candidateName: string;
  candidateRef: string;
  guideTitle: string;
  /** The interviewers' names, in interview order. */
  interviewers: string[];
  count: number;
  /** Latest activity (epoch ms), for ordering. */
  lastAt: number;
}

export interface DebriefEntry {
  /** Display name: the teammate's, or this interviewer's own (`ownName`). */
  interviewer: string;
  own: boolean;
  bundle: InterviewBundle;
}

export interface Debrief {
  key: string;
  candidateName: string;
  candidateRef: string;
  guideTitle: string;
  entries: DebriefEntry[];
}

const normalizeRef = (ref: string) => ref.trim().toLowerCase().replace(/#.*$/, '').replace(/\/+$/, '');
const normalizeName = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

/** The candidate key of an interview (see `DebriefGroup`). */
export function debriefKey(row: Pick<InterviewRow, 'candidateRef' | 'candidateName' | 'guideId'>): string {
  const ref = normalizeRef(row.candidateRef);
  return ref ? `ref:${ref}` : `name:${normalizeName(row.candidateName)}|${row.guideId}`;
}

/** Groups interviews by candidate, newest activity first. `ownName` names this interviewer's own interviews. */
export function groupForDebrief(rows: InterviewRow[], ownName: string): DebriefGroup[] {
  const groups = new Map<string, DebriefGroup>();
  const ordered = [...rows].sort((a, b) => (a.startedAt ?? a.createdAt) - (b.startedAt ?? b.createdAt));
  for (const row of ordered) {
    const key = debriefKey(row);
    const who = row.sharedBy ? row.sharedBy.name || row.sharedBy.owner : ownName;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { key, candidateName: row.candidateName, candidateRef: row.candidateRef, guideTitle: row.guideTitle, interviewers: [who], count: 1, lastAt: row.updatedAt });
    } else {
      group.count++;
      if (!group.interviewers.includes(who)) group.interviewers.push(who);
      group.lastAt = Math.max(group.lastAt, row.updatedAt);
    }
  }
  return [...groups.values()].sort((a, b) => b.lastAt - a.lastAt);
}

/** Builds a debrief from the bundles of one group, in interview order. */
export function buildDebrief(key: string, bundles: InterviewBundle[], ownName: string): Debrief {
  const sorted = [...bundles].sort((a, b) => (a.interview.startedAt ?? a.interview.createdAt) - (b.interview.startedAt ?? b.interview.createdAt));
  const first = sorted[0]?.interview;
  return {
    key,
    candidateName: first?.candidateName ?? '',
    candidateRef: first?.candidateRef ?? '',
    guideTitle: first?.guideTitle ?? '',
    entries: sorted.map((bundle) => ({
      interviewer: bundle.interview.sharedBy ? bundle.interview.sharedBy.name || bundle.interview.sharedBy.owner : ownName,
      own: !bundle.interview.sharedBy,
      bundle,
    })),
  };
}

interface GuideItemLike {
  id: string;
  text: string;
}

/** The guide's evaluation criteria (`criteria`, formerly `lookFor`). */
export function guideCriteria(guide: Guide): GuideItemLike[] {
  const g = guide as unknown as { criteria?: GuideItemLike[]; lookFor?: GuideItemLike[] };
  return g.criteria ?? g.lookFor ?? [];
}

/** Every criterion any interviewer's guide lists or rated, in first-seen order, with each interviewer's rating. */
export function criteriaMatrix(debrief: Debrief): { id: string; text: string; ratings: (Rating | null)[]; notes: string[] }[] {
  const rows = new Map<string, { id: string; text: string; ratings: (Rating | null)[]; notes: string[] }>();
  const n = debrief.entries.length;
  debrief.entries.forEach(({ bundle }, column) => {
    for (const item of guideCriteria(bundle.guide)) {
      if (!rows.has(item.id)) rows.set(item.id, { id: item.id, text: item.text, ratings: Array(n).fill(null), notes: Array(n).fill('') });
    }
    for (const rating of bundle.criterionRatings) {
      if (!rows.has(rating.criterionId)) rows.set(rating.criterionId, { id: rating.criterionId, text: rating.criterionId, ratings: Array(n).fill(null), notes: Array(n).fill('') });
      const row = rows.get(rating.criterionId)!;
      row.ratings[column] = rating.rating;
      row.notes[column] = rating.note;
    }
  });
  return [...rows.values()];
}

/** Red flags ticked by each interviewer, with their text from that interviewer's guide and the note. */
export function raisedRedFlags(entry: DebriefEntry): { id: string; text: string; note: string }[] {
  const { guide } = entry.bundle;
  const texts = new Map<string, string>();
  for (const flag of guide.redFlags) texts.set(flag.id, flag.text);
  for (const stage of guide.stages) for (const flag of stage.redFlags) texts.set(flag.id, flag.text);
  return entry.bundle.redFlagChecks.filter((r) => r.checked).map((r) => ({ id: r.redFlagId, text: texts.get(r.redFlagId) ?? r.redFlagId, note: r.note }));
}

/** The translated words of the debrief (built from `locales/*.yml` by the view, `EN` in tests). */
export interface DebriefLabels {
  debrief: string;
  roleGuide: string;
  candidateRef: string;
  recommendations: string;
  criteria: string;
  redFlags: string;
  noRedFlags: string;
  summary: string;
  notes: string;
  notRated: string;
  interviewer: string;
  ratings: Record<Rating, string>;
}

/**
 * The debrief as Markdown, to paste into an applicant tracking system or a meeting note: recommendations of each
 * interviewer, a table of criteria × interviewers, red flags raised, then each interviewer's summary and notes.
 * Text typed by interviewers is escaped as literal text (lib/export/markdown.ts).
 */
export function debriefToMarkdown(debrief: Debrief, labels: DebriefLabels): string {
  const rating = (r: Rating | null) => (r ? labels.ratings[r] : labels.notRated);
  const cell = (text: string) => markdownInline(text).replace(/\|/g, '\\|') || ' ';
  const out: string[] = [`# ${markdownInline(labels.debrief)}: ${markdownInline(debrief.candidateName)}`, ''];
  out.push(`- **${markdownInline(labels.roleGuide)}:** ${markdownInline(debrief.guideTitle)}`);
  if (debrief.candidateRef.trim()) out.push(`- **${markdownInline(labels.candidateRef)}:** ${markdownReference(debrief.candidateRef.trim())}`);
  out.push('', `## ${markdownInline(labels.recommendations)}`, '');
  for (const entry of debrief.entries) out.push(`- **${markdownInline(entry.interviewer)}:** ${markdownInline(rating(entry.bundle.interview.recommendation))}`);
  const matrix = criteriaMatrix(debrief);
  if (matrix.length) {
    out.push('', `## ${markdownInline(labels.criteria)}`, '');
    out.push(`| ${cell(labels.criteria)} | ${debrief.entries.map((e) => cell(e.interviewer)).join(' | ')} |`);
    out.push(`| --- | ${debrief.entries.map(() => '---').join(' | ')} |`);
    for (const row of matrix) out.push(`| ${cell(row.text)} | ${row.ratings.map((r) => cell(rating(r))).join(' | ')} |`);
  }
  out.push('', `## ${markdownInline(labels.redFlags)}`, '');
  const flags = debrief.entries.flatMap((entry) => raisedRedFlags(entry).map((flag) => ({ entry, flag })));
  if (!flags.length) out.push(markdownInline(labels.noRedFlags));
  for (const { entry, flag } of flags) {
    const note = markdownBlock(flag.note, '  ');
    out.push(`- **${markdownInline(flag.text)}** (${markdownInline(entry.interviewer)})${note ? `\\\n  ${note}` : ''}`);
  }
  for (const entry of debrief.entries) {
    out.push('', `## ${markdownInline(entry.interviewer)}`, '');
    const summary = markdownParagraphs(entry.bundle.interview.summary);
    if (summary) out.push(`**${markdownInline(labels.summary)}:**`, '', summary, '');
    const notes = entry.bundle.notes.filter((n) => n.text.trim() && !isDraftNote(n));
    if (notes.length) {
      out.push(`**${markdownInline(labels.notes)}:**`, '');
      for (const note of notes) out.push(`- ${markdownBlock(note.text, '  ')}`);
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
