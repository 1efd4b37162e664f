import { readFileSync } from 'node:fs';
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { InterviewBundle } from '../../lib/db/records';
import { EN_LABELS, EXPORT_LABEL_KEYS, exportLabels } from '../../lib/export/labels';
import { interviewToMarkdown, interviewsToMarkdown } from '../../lib/export/markdown';
import { formatOffset } from '../../lib/format';
import { expectGolden, loadGoldenBundle } from '../fixtures/golden/golden';

/** A `t` reading a locale file the way @wxt-dev/i18n does (dotted keys into the nested YAML). */
function translatorFor(locale: 'en' | 'it') {
  const messages = parse(readFileSync(`locales/${locale}.yml`, 'utf8')) as Record<string, unknown>;
  return (key: string) => {
    const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    if (typeof value !== 'string') throw new Error(`missing ${locale} key ${key}`);
    return value;
  };
}

/** Text of a node as a reader sees it: text and code values, hard breaks as line breaks. */
function plain(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'break') return '\n';
  return 'children' in node ? node.children.map((c) => plain(c as Nodes)).join('') : '';
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit);
}

function headings(tree: Root): string[] {
  const out: string[] = [];
  walk(tree, (n) => {
    if (n.type === 'heading') out.push(`${'#'.repeat(n.depth)} ${plain(n)}`);
  });
  return out;
}

/** What the export promises to keep of a text: every line trimmed, blank lines dropped. */
const kept = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');

describe('Markdown scorecard', () => {
  it('matches the golden scorecard in English and in Italian', () => {
    const bundle = loadGoldenBundle();
    expectGolden('scorecard.en.md', interviewToMarkdown(bundle, EN_LABELS, { timeZone: 'UTC' }));
    expectGolden('scorecard.it.md', interviewToMarkdown(bundle, exportLabels(translatorFor('it')), { timeZone: 'Europe/Rome' }));
  });

  it('builds the same English labels from en.yml as EN_LABELS, and every key exists in both locales', () => {
    expect(exportLabels(translatorFor('en'))).toEqual(EN_LABELS);
    for (const key of EXPORT_LABEL_KEYS) expect(translatorFor('it')(key), key).not.toBe('');
  });

  it('writes the date in the requested time zone', () => {
    const bundle = loadGoldenBundle();
    expect(interviewToMarkdown(bundle, EN_LABELS, { timeZone: 'UTC' })).toContain('**Date:** 2026-11-27 14:00 (UTC)');
    expect(interviewToMarkdown(bundle, EN_LABELS, { timeZone: 'America/New_York' })).toContain(
      '**Date:** 2026-11-27 09:00 (America/New\\_York)',
    );
  });

  it('formats call offsets as mm:ss, h:mm:ss and negative offsets with a sign', () => {
    expect(formatOffset(0)).toBe('00:00');
    expect(formatOffset(59_999)).toBe('00:59');
    expect(formatOffset(9 * 60_000 + 12_000)).toBe('09:12');
    expect(formatOffset(3_599_000)).toBe('59:59');
    expect(formatOffset(3_600_000)).toBe('1:00:00');
    expect(formatOffset(36_000_000 + 61_000)).toBe('10:01:01');
    expect(formatOffset(-4_000)).toBe('-00:04');
  });

  it('parses back into the scorecard structure, with the ratings and offsets of the golden interview', () => {
    const tree = fromMarkdown(interviewToMarkdown(loadGoldenBundle(), EN_LABELS, { timeZone: 'UTC' }));
    expect(headings(tree)).toEqual([
      '# Scorecard: Alex Rivera',
      '## Summary',
      '## What to look for',
      '## Questions asked',
      '### Warm-up',
      '### System design',
      '### Collaboration',
      '## Red flags',
      '## Timeline',
    ]);
    const text = plain(tree);
    expect(text).toContain('How would you design a rate limiter for our public API? (core) — Strong yes');
    expect(text).toContain('Takes ownership of outcomes, not just tasks — Not rated');
    expect(text).not.toContain('What would you like to ask us?'); // not asked, not rated, no notes
    expect(text).not.toContain('Never considers what happens'); // red flag not ticked
    expect(text).toContain('1:01:12 Asked about on-call load');
    expect(text).toContain('-00:04 Joined a little early');
  });

  describe('text typed by the interviewer cannot break the structure', () => {
    const HOSTILE = [
      '# a heading?',
      '## Summary',
      '- a bullet',
      '+ a plus',
      '* a star',
      '1. ordered',
      '2) ordered too',
      '> a quote',
      '    indented code',
      '```js\nconst x = 1;\n```',
      '~~~\nfenced\n~~~',
      '<script>alert(1)</script>',
      '<div>\n\nhtml block</div>',
      '[a link](https://evil.example) and ![an image](x.png)',
      '**bold** __also__ _em_ `code`',
      '| a | b |\n| - | - |\n| 1 | 2 |',
      '---',
      '***',
      'setext\n===',
      'setext\n---',
      '&amp; &#35; &copy;',
      'a trailing backslash \\',
      '\\',
      '<https://autolink.example>',
      'C# and F# then a closing #',
      'para one\n\n\npara two',
      '\t\ttabbed\r\nCRLF line\rCR line',
      '[ref]: https://evil.example',
      '- [ ] task',
    ];

    function hostileBundle(text: string): InterviewBundle {
      const bundle = loadGoldenBundle();
      const id = bundle.interview.id;
      bundle.interview.candidateName = text.replace(/\s+/g, ' ').trim();
      bundle.interview.summary = text;
      bundle.guide.stages[1]!.title = text.replace(/\s+/g, ' ').trim();
      bundle.guide.stages[1]!.questions[0]!.text = text.replace(/\s+/g, ' ').trim();
      bundle.notes = [
        { id: 'free', interviewId: id, questionId: null, stageId: null, text, offsetMs: 65_000, createdAt: 1, updatedAt: 1 },
        { id: 'linked', interviewId: id, questionId: 'rate-limiter', stageId: 'system-design', text, offsetMs: 70_000, createdAt: 2, updatedAt: 2 },
      ];
      bundle.questionStates = bundle.questionStates.map((q) => ({ ...q, note: q.questionId === 'rate-limiter' ? text : '' }));
      bundle.criterionRatings = [{ interviewId: id, criterionId: 'tradeoffs', rating: 'no', note: text, updatedAt: 1 }];
      bundle.redFlagChecks = [{ interviewId: id, redFlagId: 'no-questions', stageId: null, checked: true, note: text, updatedAt: 1 }];
      return bundle;
    }

    it.each(HOSTILE)('%j stays literal text', (text) => {
      const md = interviewToMarkdown(hostileBundle(text), EN_LABELS, { timeZone: 'UTC' });
      const tree = fromMarkdown(md);
      const oneLine = text.replace(/\s+/g, ' ').trim();
      expect(headings(tree)).toEqual([
        `# Scorecard: ${oneLine}`,
        '## Summary',
        '## What to look for',
        '## Questions asked',
        '### Warm-up',
        `### ${oneLine}`,
        '### Collaboration',
        '## Red flags',
        '## Timeline',
      ]);
      // Nothing but our own blocks and inline nodes: no HTML, code blocks, links, images, quotes, breaks, emphasis.
      const types = new Set<string>();
      walk(tree, (n) => types.add(n.type));
      const links: string[] = [];
      walk(tree, (n) => n.type === 'link' && links.push(n.url));
      expect(links, 'only the candidate reference is a link').toEqual(['https://ats.example.com/candidates/48213?stage=onsite_2']);
      for (const forbidden of ['html', 'code', 'linkReference', 'image', 'imageReference', 'blockquote', 'thematicBreak', 'emphasis', 'definition']) {
        expect(types.has(forbidden), `${forbidden} in:\n${md}`).toBe(false);
      }
      // Every copy of the text reads back as typed (lines trimmed, blank lines dropped).
      const body = plain(tree);
      expect(body).toContain(`${oneLine} (core) — Strong yes\n${kept(text)}`); // question + its note
      expect(body).toContain(`01:10 ${kept(text)}`); // note on the question
      expect(body).toContain(`01:05 ${kept(text)}`); // free note in the timeline
      expect(body).toContain(`— No\n${kept(text)}`); // criterion note
      expect(body).toContain(`Has no questions about the team or the work (General)\n${kept(text)}`); // red flag note
      // Inline code only for our offsets.
      const codes: string[] = [];
      walk(tree, (n) => n.type === 'inlineCode' && codes.push(n.value));
      expect(codes).toEqual(['01:10', '01:05']);
    });
  });

  it('keeps the summary paragraphs', () => {
    const bundle = loadGoldenBundle();
    const tree = fromMarkdown(interviewToMarkdown(bundle, EN_LABELS, { timeZone: 'UTC' }));
    const i = tree.children.findIndex((n) => n.type === 'heading' && plain(n) === 'Summary');
    expect(tree.children[i + 1]?.type).toBe('paragraph');
    expect(tree.children[i + 2]?.type).toBe('paragraph');
    expect(plain(tree.children[i + 2]!)).toMatch(/^Needed a prompt/);
  });

  it('says so when nothing was asked, ticked or noted', () => {
    const bundle = loadGoldenBundle();
    const empty: InterviewBundle = { ...bundle, notes: [], questionStates: [], redFlagChecks: [], criterionRatings: [] };
    empty.interview = { ...bundle.interview, summary: '', recommendation: null };
    const md = interviewToMarkdown(empty, EN_LABELS, { timeZone: 'UTC' });
    expect(md).toContain('**Recommendation:** Not rated');
    expect(md).toContain('## Summary\n\nNo summary written.');
    expect(md).toContain('No question was marked as asked.');
    expect(md).toContain('No red flag was ticked.');
    expect(md).toContain('## Timeline\n\nNo notes.\n');
  });

  it('shows ids the guide snapshot does not know instead of dropping them', () => {
    const bundle = loadGoldenBundle();
    const id = bundle.interview.id;
    bundle.questionStates.push({ interviewId: id, questionId: 'removed-question', stageId: null, asked: true, askedAt: null, rating: 'no', note: '', updatedAt: 1 });
    bundle.criterionRatings.push({ interviewId: id, criterionId: 'removed-criterion', rating: 'yes', note: '', updatedAt: 1 });
    const md = interviewToMarkdown(bundle, EN_LABELS, { timeZone: 'UTC' });
    expect(md).toContain('### General\n\n- **removed-question** — No');
    expect(md).toContain('- **removed-criterion** — Yes');
  });

  it('joins several scorecards with a thematic break, each starting with its own title', () => {
    const a = loadGoldenBundle();
    const b = loadGoldenBundle();
    b.interview.candidateName = 'Giulia Bianchi';
    const tree = fromMarkdown(interviewsToMarkdown([a, b], EN_LABELS, { timeZone: 'UTC' }));
    expect(headings(tree).filter((h) => h.startsWith('# '))).toEqual(['# Scorecard: Alex Rivera', '# Scorecard: Giulia Bianchi']);
    expect(tree.children.filter((n) => n.type === 'thematicBreak')).toHaveLength(1);
  });
});
