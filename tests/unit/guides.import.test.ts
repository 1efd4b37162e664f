import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getBundledGuide } from '../../lib/guides/bundled';
import { detectFormat, importGuide, type ImportGuideResult } from '../../lib/guides/import';
import { guideToMarkdown } from '../../lib/guides/markdown';
import type { Guide } from '../../lib/guides/schema';

const fixture = (name: string) => readFileSync(path.resolve('tests/fixtures/guides', name), 'utf8');
const SEED = path.resolve('../shared/seeds/backend-engineer-hiring-guide.txt');

function guideOf(result: ImportGuideResult): Guide {
  if (!result.ok) throw new Error(`import failed:\n${result.errors.join('\n')}`);
  return result.guide;
}
const allText = (guide: Guide) => JSON.stringify(guide);

describe('importing the seed hiring-guide page', () => {
  it.skipIf(!existsSync(SEED))('gives the title, five stages in order, the 45-minute screen, and no page furniture', () => {
    const result = importGuide(readFileSync(SEED, 'utf8'));
    expect(result.format).toBe('text');
    const guide = guideOf(result);
    expect(guide.title).toBe('Backend Engineer');
    expect(guide.id).toBe('backend-engineer');
    expect(guide.stages.map((s) => s.title)).toEqual([
      'Technical screen — fundamentals',
      'Take-home or live coding challenge',
      'System design interview',
      'Code review exercise',
      'Behavioral interview',
    ]);
    expect(guide.stages[0]!.durationMinutes).toBe(45);
    expect(guide.stages[0]!.description).not.toMatch(/45 minutes/);
    expect(guide.criteria).toHaveLength(6);
    expect(guide.tips).toHaveLength(5);
    expect(guide.redFlags).toHaveLength(5);
    expect(guide.skills).toEqual(['Python/Go/Java', 'PostgreSQL', 'REST APIs', 'Redis', 'Docker', 'System Design', 'Security']);
    expect(guide.summary).toMatch(/^Backend engineers build/);
    for (const furniture of ['Passisto', 'Engineering"', 'Assistente AI', 'Ottieni domande', 'Complete Hiring Guide', 'Come assumere']) {
      expect(allText(guide)).not.toContain(furniture);
    }
    expect(guide.redFlags.at(-1)!.text).toBe('No exposure to monitoring, logging, or observability practices');
  });
});

describe('importing pasted hiring-guide text', () => {
  it('reads the seed shape: Italian headings, repeated stage numbers, run-together skills, furniture around it', () => {
    const result = importGuide(fixture('seed-shape-qa-it.txt'));
    const guide = guideOf(result);
    expect(guide).toMatchObject({ id: 'qa-engineer', title: 'QA Engineer', locale: 'en' });
    expect(guide.skills).toEqual(['Test Automation', 'Playwright', 'CI/CD', 'Exploratory Testing', 'SQL', 'JavaScript']);
    expect(guide.criteria.map((l) => l.text)).toHaveLength(4);
    expect(guide.stages.map((s) => [s.title, s.durationMinutes])).toEqual([
      ['Screening call', 30],
      ['Exploratory testing session', 60],
      ['Automation exercise', undefined],
      ['Team interview', undefined],
    ]);
    expect(guide.stages[0]!.description).toBe('Background, motivation and one product they tested end to end.');
    expect(guide.stages[1]!.description).toBe('Hand them a small web app with planted defects and watch how they hunt.');
    expect(guide.tips).toHaveLength(2);
    expect(guide.redFlags.map((f) => f.text)).toEqual([
      'Only follows scripted test cases',
      'Reports bugs without steps to reproduce',
      'Sees developers as opponents',
    ]);
    for (const furniture of ['Reclutare', 'Qualità', 'Prova gratis', 'Guida completa']) expect(allText(guide)).not.toContain(furniture);
    // The furniture is reported, so the user sees what was left out.
    expect(result.ok && result.warnings).toEqual([
      expect.stringMatching(/^line 8: the skills were run together/),
      expect.stringMatching(/^lines 1–2: skipped/),
      expect.stringMatching(/^lines 53–57: skipped, not part of the guide \("Reclutare\.example — il tuo/),
    ]);
  });

  it.each([
    ['without indentation', (t: string) => t.split('\n').map((l) => l.trimStart()).join('\n')],
    ['with "-" bullets', (t: string) => t.replaceAll('•', '-')],
    ['with "*" bullets', (t: string) => t.replaceAll('•', '*')],
    ['with CRLF and tabs', (t: string) => t.replace(/^ {2}/gm, '\t').replace(/\n/g, '\r\n')],
    ['with the stage number repeated on its own line', (t: string) => t.replace(/^(\s*)(\d)\. \d$/gm, '$1$2.\n$1$2')],
  ])('reads the seed shape %s to the same guide', (_name, transform) => {
    const text = fixture('seed-shape-qa-it.txt');
    expect(transform(text)).not.toBe(text);
    expect(guideOf(importGuide(transform(text)))).toEqual(guideOf(importGuide(text)));
  });

  it('reads English headings, CRLF line endings, "-" and "*" bullets, numbers on their own line, durations in titles and descriptions', () => {
    const crlf = fixture('english-headings-sre.txt').replace(/\r?\n/g, '\r\n');
    const guide = guideOf(importGuide(crlf));
    expect(guide.title).toBe('SRE');
    expect(guide.skills).toEqual(['Linux', 'Kubernetes', 'Terraform', 'Prometheus', 'Go']);
    expect(guide.criteria.map((l) => l.text)).toEqual([
      'Calm, methodical debugging',
      'Thinks in service level objectives',
      'Automates repeated work instead of doing it by hand every week',
      'Writes clear incident reports',
    ]);
    expect(guide.stages.map((s) => [s.id, s.title, s.durationMinutes])).toEqual([
      ['recruiter-call', 'Recruiter call', 30],
      ['troubleshooting-exercise', 'Troubleshooting exercise', 75],
      ['design-review', 'Design review', 60],
      ['values-interview', 'Values interview', 45],
    ]);
    const troubleshooting = guide.stages[1]!;
    expect(troubleshooting.description).toBe('A broken staging cluster to bring back to health.');
    expect(troubleshooting.questions.map((q) => [q.text, q.followUps])).toEqual([
      ['What do you check first?', ['Why that before the logs?']],
      ['How do you confirm the fix?', []],
    ]);
    expect(guide.tips).toHaveLength(2);
    expect(guide.redFlags).toHaveLength(4);
    expect(allText(guide)).not.toMatch(/\r|Careers Blog|Operations/);
  });

  it('reads a process written as bullets, with the duration before or after the stage title', () => {
    const guide = guideOf(importGuide(fixture('bulleted-process-designer.txt')));
    expect(guide.stages.map((s) => [s.title, s.durationMinutes, s.description])).toEqual([
      ['Portfolio review', 60, 'The candidate walks through two projects and the decisions behind them'],
      ['Design exercise', 45, 'A short problem solved live with an interviewer'],
      ['Team chat', 30, 'Meet a product manager and an engineer'],
    ]);
    expect(guide.criteria).toHaveLength(3);
    expect(guide.redFlags).toHaveLength(2);
  });

  it('reads a deeper "Cues:" bullet as the cues of the question or list item above it', () => {
    const text = [
      'How to hire a Tester',
      'Cosa cercare',
      '• Scrive i test prima del codice',
      '    • Spunti: test prima del codice; rosso verde refactor',
      '• Legge i log',
      'Il processo di assunzione',
      '1. Screening (30 min)',
      '• Quando sceglieresti SQL?',
      '    • Che cosa rimpiangeresti?',
      '    • Spunti: SQL o NoSQL; Postgres o MongoDB',
    ].join('\n');
    const guide = guideOf(importGuide(text, { format: 'text' }));
    expect(guide.criteria.map((c) => [c.text, c.cues])).toEqual([
      ['Scrive i test prima del codice', ['test prima del codice', 'rosso verde refactor']],
      ['Legge i log', undefined],
    ]);
    expect(guide.stages[0]!.questions[0]).toMatchObject({
      text: 'Quando sceglieresti SQL?',
      followUps: ['Che cosa rimpiangeresti?'],
      cues: ['SQL o NoSQL', 'Postgres o MongoDB'],
    });
  });

  it('says so when the text has no recognisable stages', () => {
    const result = importGuide(fixture('no-stages.txt'));
    expect(result).toMatchObject({ ok: false, format: 'text' });
    expect(!result.ok && result.errors).toEqual([expect.stringMatching(/no recognisable stages/)]);
  });

  it('generates the same ids every time, unique within each list', () => {
    const text = fixture('seed-shape-qa-it.txt');
    expect(guideOf(importGuide(text))).toEqual(guideOf(importGuide(text)));
    const doubled = text.replace('Sees developers as opponents', 'Only follows scripted test cases');
    const ids = guideOf(importGuide(doubled)).redFlags.map((f) => f.id);
    expect(ids).toEqual(['only-follows-scripted-test-cases', 'reports-bugs-without-steps-to-reproduce', 'only-follows-scripted-test-cases-2']);
  });
});

describe('importing Markdown', () => {
  it('reads the documented shape: sections, stages with durations, core markers, follow-ups, stage red flags', () => {
    const result = importGuide(fixture('markdown-analyst.md'));
    expect(result.format).toBe('markdown');
    const guide = guideOf(result);
    expect(guide).toMatchObject({ id: 'data-analyst', title: 'Data Analyst', locale: 'en' });
    expect(guide.summary).toBe('Data analysts turn questions from the business into clear answers backed by numbers.');
    expect(guide.skills).toEqual(['SQL', 'spreadsheets', 'dashboards', 'statistics']);
    expect(guide.criteria[0]).toEqual({ id: 'decision-focus', text: 'Asks what decision the analysis will support' });
    expect(guide.stages.map((s) => [s.id, s.title, s.durationMinutes])).toEqual([
      ['screen', 'Screen', 30],
      ['case', 'Case study', 60],
      ['presentation', 'Presentation', 45],
      ['team-interview', 'Team interview', 45],
    ]);
    expect(guide.stages[0]!.questions[0]).toEqual({
      id: 'which-decision-did-your-analysis-change',
      text: 'Which decision did your analysis change?',
      followUps: ['How do you know?'],
      core: true,
    });
    expect(guide.stages[1]!.questions.map((q) => [q.id, q.core])).toEqual([
      ['first-look', true],
      ['which-chart-would-you-show-the-sales-director', false],
    ]);
    expect(guide.stages[1]!.redFlags.map((f) => f.text)).toEqual(['Presents numbers without checking where they came from']);
    expect(guide.stages[2]!.questions).toHaveLength(1);
    expect(guide.tips).toHaveLength(1);
    expect(guide.redFlags).toHaveLength(2);
  });

  it('gives the same guide with Windows line endings and stray whitespace', () => {
    const clean = guideOf(importGuide(fixture('markdown-analyst.md')));
    const messy = fixture('markdown-analyst.md')
      .split('\n')
      .map((line) => `${line}   `)
      .join('\r\n');
    expect(guideOf(importGuide(`\r\n\r\n${messy}`))).toEqual(clean);
  });

  it('round-trips an imported guide, including text that looks like Markdown', () => {
    const guide = guideOf(importGuide(fixture('markdown-analyst.md')));
    guide.stages[0]!.questions[0]!.text = 'Use `SELECT *`? Why *not*, and what about [links](x) or # hashes {braces}';
    guide.stages[0]!.description = '1. Not a list\n\n- nor this';
    guide.tips[0]!.text = '<b>not html</b> & 10 > 3';
    const back = guideOf(importGuide(guideToMarkdown(guide)));
    expect(back).toEqual(guide);
  });

  it('reads cues from a nested "Cues:" line, apart from the follow-ups, under questions, criteria and red flags', () => {
    const markdown = [
      '# Tester {#tester lang=en}',
      '## What to look for',
      '- Writes tests first {#tests-first}',
      '  - Cues: test before the code; red green refactor',
      '## Hiring process',
      '### 1. Screen (30 min) {#screen}',
      '#### Questions',
      '- When would you choose SQL over a document store? {#sql .core}',
      '  - What would you regret a year later?',
      '  - **Cues:** SQL or NoSQL;  Postgres or MongoDB ;',
      '#### Red flags',
      '- Never writes tests {#no-tests}',
      '  - cues: never written tests',
      '## Interview tips',
      '- Explain the structure {#structure}',
      '  - Not a cue, a stray nested item',
    ].join('\n');
    const result = importGuide(markdown);
    const guide = guideOf(result);
    expect(guide.stages[0]!.questions[0]).toEqual({
      id: 'sql',
      text: 'When would you choose SQL over a document store?',
      followUps: ['What would you regret a year later?'],
      core: true,
      cues: ['SQL or NoSQL', 'Postgres or MongoDB'],
    });
    expect(guide.criteria[0]).toEqual({ id: 'tests-first', text: 'Writes tests first', cues: ['test before the code', 'red green refactor'] });
    expect(guide.stages[0]!.redFlags[0]).toEqual({ id: 'no-tests', text: 'Never writes tests', cues: ['never written tests'] });
    // Anything nested under a tip that is not a cue line is still reported as skipped, with the tip's line.
    expect(result.warnings).toEqual(["line 15: nested list items skipped"]);
    expect(guide.tips[0]).toEqual({ id: 'structure', text: 'Explain the structure' });
  });

  it('writes cues as "Cues:" (English) or "Spunti:" (Italian) lines that import back the same', () => {
    const en = getBundledGuide('backend-engineer')!;
    const it = getBundledGuide('backend-engineer-it')!;
    expect(guideToMarkdown(en)).toMatch(/^ {2}- Cues: .+; .+$/m);
    expect(guideToMarkdown(it)).toMatch(/^ {2}- Spunti: .+$/m);
    expect(guideToMarkdown(it)).not.toMatch(/- Cues:/);
    expect(guideOf(importGuide(guideToMarkdown(it)))).toEqual(it);
  });

  it('reads the Italian export of the Italian guide back with Italian section headings', () => {
    const markdown = guideToMarkdown(getBundledGuide('backend-engineer-it')!);
    expect(markdown).toContain("## Segnali d'allarme");
    expect(markdown).toContain('#### Domande');
    expect(markdown).toMatch(/^### 1\. Screening tecnico: le basi \(45 min\) \{#technical-screen\}$/m);
  });
});

describe('rejecting what is not a guide', () => {
  it('lists every problem in a malformed JSON guide by path, and rejects it whole', () => {
    const result = importGuide(fixture('malformed.json'), { filename: 'malformed.json' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      'schemaVersion: must be 1 (the only guide format version this extension reads)',
      'id: must be a lowercase slug (letters, digits, single hyphens)',
      'title: required',
      'locale: must be a language tag such as "en" or "it"',
      'lookFor[0].text: must not be empty',
      'stages[0].title: required',
      'stages[0].questions[0].core: Invalid input: expected boolean, received string',
      'stages[1].durationMinutes: Too small: expected number to be >0',
      'guide: unknown field "colour"',
      'stages: duplicate stage id "screen"',
    ]);
  });

  it('lists every problem in a malformed Markdown guide with its line', () => {
    const result = importGuide(fixture('malformed.md'));
    expect(!result.ok && result.errors).toEqual([
      'line 1: id: must be a lowercase slug (letters, digits, single hyphens)',
      'line 5: stages[0].title: must not be empty',
      'line 12: stages[1].id: must be a lowercase slug (letters, digits, single hyphens)',
      'stages: duplicate question id "same-id"',
    ]);
  });

  it('reports a JSON syntax error with its line', () => {
    const result = importGuide('{\n  "schemaVersion": 1,\n  "id": "x",\n}\n');
    expect(result).toMatchObject({ ok: false, format: 'json' });
    expect(!result.ok && result.errors).toEqual([expect.stringMatching(/^line 4: invalid JSON/)]);
  });

  it('rejects Markdown without a title or without stages', () => {
    const noTitle = importGuide('## Hiring process\n\n### Screen\n');
    expect(!noTitle.ok && noTitle.errors).toEqual(['line 1: a Markdown guide starts with a "# Title" heading']);
    const noStages = importGuide('# Title\n\nJust a summary.\n');
    expect(!noStages.ok && noStages.errors[0]).toMatch(/no stages found/);
  });

  it('rejects JSON that is not an object', () => {
    const result = importGuide('[1, 2]');
    expect(!result.ok && result.errors).toEqual(['guide: Invalid input: expected object, received array']);
  });
});

describe('the old name of the criteria list', () => {
  const current = getBundledGuide('data-engineer')!;
  const { criteria, ...rest } = current;
  const legacy = { ...rest, lookFor: criteria };

  it('imports a JSON guide that still says "lookFor" and gives its list as criteria, in the same key order', () => {
    const result = importGuide(JSON.stringify(legacy));
    expect(result).toEqual({ ok: true, guide: current, format: 'json', warnings: [] });
    expect(Object.keys(guideOf(result))).toEqual(Object.keys(current));
    expect(guideOf(result)).not.toHaveProperty('lookFor');
  });

  it('reports problems inside "lookFor" under that name, as the file spells it', () => {
    const broken = { ...legacy, lookFor: [criteria[0], criteria[0], { id: 'x', text: ' ' }] };
    const result = importGuide(JSON.stringify(broken));
    expect(!result.ok && result.errors).toEqual(['lookFor[2].text: must not be empty', `lookFor: duplicate criterion id "${criteria[0]!.id}"`]);
  });

  it('refuses a guide that gives both names', () => {
    const result = importGuide(JSON.stringify({ ...current, lookFor: criteria }));
    expect(!result.ok && result.errors).toEqual(['lookFor: is the old name of "criteria"; give the list once, as "criteria"']);
  });
});

describe('format detection', () => {
  it('uses the extension first, then the content', () => {
    expect(detectFormat('# Title', 'guide.json')).toBe('json');
    expect(detectFormat('anything', 'guide.md')).toBe('markdown');
    expect(detectFormat('{ broken')).toBe('json');
    expect(detectFormat('  # Title\n')).toBe('markdown');
    expect(detectFormat('How to hire a Designer\n\nRed flags\n- x')).toBe('text');
  });

  it('imports a bundled guide from its JSON', () => {
    const guide = getBundledGuide('data-engineer')!;
    expect(importGuide(JSON.stringify(guide))).toEqual({ ok: true, guide, format: 'json', warnings: [] });
  });

  it('honours an explicit format and locale', () => {
    const result = importGuide(fixture('markdown-analyst.md'), { format: 'markdown', locale: 'it' });
    expect(guideOf(result).locale).toBe('it');
  });
});
