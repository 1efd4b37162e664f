import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';
import type { NoteRow, UtteranceRow } from '../../lib/db/records';
import { EN_LABELS } from '../../lib/export/labels';
import { interviewToMarkdown } from '../../lib/export/markdown';
import { buildExport } from '../../lib/export/build';
import { createBackup } from '../../lib/export/backup';
import { interleave } from '../../stores/transcript';
import { loadGoldenBundle } from '../fixtures/golden/golden';

const line = (over: Partial<UtteranceRow>): UtteranceRow => ({
  id: 'l1',
  interviewId: 'i',
  speaker: 'Alex Rivera',
  text: 'text',
  startMs: 0,
  endMs: 0,
  final: true,
  createdAt: 1,
  updatedAt: 1,
  ...over,
});
const note = (over: Partial<NoteRow>): NoteRow => ({ id: 'n1', interviewId: 'i', questionId: null, stageId: null, text: 'note', offsetMs: 0, createdAt: 1, updatedAt: 1, ...over });

function plain(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'break') return '\n';
  return 'children' in node ? node.children.map((c) => plain(c as Nodes)).join('') : '';
}

describe('Markdown export with the transcript', () => {
  const bundle = loadGoldenBundle();
  const withLines = {
    ...bundle,
    utterances: [
      line({ id: 'b', interviewId: bundle.interview.id, startMs: 65_000, speaker: 'Alex Rivera', text: 'I built a cache layer.\n# not a heading <b>bold</b> [x](http://e.com)' }),
      line({ id: 'a', interviewId: bundle.interview.id, startMs: 61_000, speaker: 'You', text: 'Tell me about a system you designed.' }),
    ],
  };

  it('leaves the transcript out by default (the setting is off)', () => {
    expect(interviewToMarkdown(withLines, EN_LABELS, { timeZone: 'UTC' })).toBe(interviewToMarkdown(bundle, EN_LABELS, { timeZone: 'UTC' }));
    expect(interviewToMarkdown(withLines, EN_LABELS, { timeZone: 'UTC' })).not.toContain('## Transcript');
  });

  it('adds every line in time order with offset and speaker, as literal text', () => {
    const md = interviewToMarkdown(withLines, EN_LABELS, { timeZone: 'UTC', transcript: true });
    const tree = fromMarkdown(md);
    const at = tree.children.findIndex((n) => n.type === 'heading' && plain(n) === 'Transcript');
    expect(at).toBeGreaterThan(0);
    const list = tree.children[at + 1]!;
    expect(list.type).toBe('list');
    expect((list as { children: Nodes[] }).children.map(plain)).toEqual([
      '01:01 You: Tell me about a system you designed.',
      '01:05 Alex Rivera: I built a cache layer.\n# not a heading <b>bold</b> [x](http://e.com)',
    ]);
    // Nothing the candidate said became markup: no HTML, link or heading node after the transcript heading.
    const kinds = new Set<string>();
    const walk = (n: Nodes) => {
      kinds.add(n.type);
      if ('children' in n) for (const c of n.children) walk(c as Nodes);
    };
    for (const n of tree.children.slice(at + 1)) walk(n);
    expect([...kinds].filter((k) => ['html', 'link', 'heading'].includes(k))).toEqual([]);
  });

  it('the export file follows the setting (buildExport passes it on)', () => {
    const backup = createBackup([withLines], [], new Date(0));
    expect(buildExport('md', backup, EN_LABELS, new Date(0)).text).not.toContain('## Transcript');
    expect(buildExport('md', backup, EN_LABELS, new Date(0), { transcript: true }).text).toContain('## Transcript');
  });
});

describe('timeline of notes and transcript lines', () => {
  it('interleaves by offset (notes before the call first; a line before the note made from it) and searches both', () => {
    const entries = interleave(
      [note({ id: 'late', offsetMs: 90_000, text: 'Strong on caching' }), note({ id: 'pre', offsetMs: null, text: 'Prep: read CV' }), note({ id: 'from-line', offsetMs: 60_000, text: 'Alex: Perché Redis' }), note({ id: 'empty', text: '  ' })],
      [line({ id: 'l60', startMs: 60_000, text: 'Perché Redis?' }), line({ id: 'l30', startMs: 30_000, text: 'Hello' })],
    );
    expect(entries.map((e) => (e.kind === 'note' ? e.note.id : e.line.id))).toEqual(['pre', 'l30', 'l60', 'from-line', 'late']);
    expect(interleave([note({ id: 'from-line', text: 'Alex: Perché Redis' })], [line({ id: 'l60', text: 'Perché Redis?' }), line({ id: 'x', text: 'Hello' })], 'perche REDIS').map((e) => e.kind)).toEqual(['line', 'note']);
    expect(interleave([], [line({ speaker: 'Dana Rossi', text: 'Hi' })], 'dana')).toHaveLength(1);
  });
});
