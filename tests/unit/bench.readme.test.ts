import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  mergeSection,
  readResults,
  readmeBlock,
  renderBenchBlock,
  replaceBenchBlock,
  type BenchResultsFile,
  type BenchSectionRecord,
} from '../../bench/results-file';

const record = (figure: string, value: string): BenchSectionRecord => ({
  title: `Title of ${figure}`,
  measuredAt: '2026-11-30T10:00:00.000Z',
  machine: { node: 'v20.20.2', cpus: 2, chromium: 'Chromium 156.0.8078.108 built on Debian GNU/Linux 12 (bookworm)' },
  rows: [{ figure, value, target: '≤ 1 ms', met: false }],
  data: { value },
});

describe('the README bench block', () => {
  it('is exactly what bench/results.json renders to (run `npm run bench:readme` after editing results)', () => {
    const results = readResults();
    expect(Object.keys(results.sections).length).toBeGreaterThan(0);
    expect(readmeBlock(readFileSync('README.md', 'utf8'))).toBe(renderBenchBlock(results));
  });

  it('shows every figure of the results file with its value and target', () => {
    const block = readmeBlock(readFileSync('README.md', 'utf8'));
    for (const section of Object.values(readResults().sections)) {
      for (const row of section.rows) expect(block).toContain(`| ${row.figure.replace(/\|/g, '\\|')} | ${row.value.replace(/\|/g, '\\|')} | ${row.target} |`);
    }
  });

  it('changes when a figure in the results changes, so a stale README is caught', () => {
    const readme = readFileSync('README.md', 'utf8');
    const results = readResults();
    const [key, first] = Object.entries(results.sections)[0]!;
    const edited: BenchResultsFile = { ...results, sections: { ...results.sections, [key]: { ...first, rows: [{ ...first.rows[0]!, value: 'a different value' }, ...first.rows.slice(1)] } } };
    expect(renderBenchBlock(edited)).not.toBe(readmeBlock(readme));
    expect(readmeBlock(replaceBenchBlock(readme, edited))).toContain('| a different value |');
  });
});

describe('merging one section into the results', () => {
  it("keeps the other sections' figures and the registry's order", () => {
    let file: BenchResultsFile = { format: 2, sections: {} };
    file = mergeSection(file, 'notes', record('typing', '1 ms'), ['sizes', 'notes']);
    file = mergeSection(file, 'retired', record('old', '9 ms'), ['sizes', 'notes']);
    file = mergeSection(file, 'sizes', record('bytes', '2 kB'), ['sizes', 'notes']);
    file = mergeSection(file, 'notes', record('typing', '3 ms'), ['sizes', 'notes']);
    expect(Object.keys(file.sections)).toEqual(['sizes', 'notes', 'retired']);
    expect(file.sections.notes!.rows[0]!.value).toBe('3 ms');
    expect(file.sections.sizes!.rows[0]!.value).toBe('2 kB');
    expect(file.sections.retired!.rows[0]!.value).toBe('9 ms');
  });

  it('renders missed targets in bold and leaves the rest of the README alone', () => {
    const readme = 'before\n<!-- bench:start -->\nold\n<!-- bench:end -->\nafter\n';
    const out = replaceBenchBlock(readme, { format: 2, sections: { notes: { ...record('typing', '3 ms'), note: 'Why it missed.' } } });
    expect(out.startsWith('before\n<!-- bench:start -->\n')).toBe(true);
    expect(out.endsWith('<!-- bench:end -->\nafter\n')).toBe(true);
    expect(out).toContain('| typing | 3 ms | ≤ 1 ms | **no** |');
    expect(out).toContain('Why it missed.');
    expect(out).not.toContain('old');
    expect(() => replaceBenchBlock('no markers', { format: 2, sections: {} })).toThrow(/markers/);
  });
});
