/**
 * `bench/results.json` and the README's bench block: reading, merging one section's figures into the file, and
 * rendering the block between `<!-- bench:start -->` and `<!-- bench:end -->`. Pure (no browser), so the unit test
 * `tests/unit/bench.readme.test.ts` and `npm run bench:readme` use it without running anything.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** One figure of the table: what was measured, the value as shown, its target (empty: reported only) and whether it met it. */
export interface BenchRow {
  figure: string;
  value: string;
  target: string;
  /** `null` when the figure has no target. */
  met: boolean | null;
}

/** The machine a section was measured on. */
export interface BenchMachine {
  node: string;
  cpus: number;
  /** `chromium --version`, e.g. "Chromium 156.0.8078.108 built on Debian GNU/Linux 12 (bookworm)". */
  chromium: string;
}

/** One section's figures as stored under its key in `bench/results.json`. */
export interface BenchSectionRecord {
  title: string;
  /** ISO time the section finished. */
  measuredAt: string;
  machine: BenchMachine;
  rows: BenchRow[];
  /** Markdown shown under the section's table in the README (how to read the figures, what missed and why). */
  note?: string;
  /** The raw measurements (samples, byte counts) the rows were computed from. */
  data: unknown;
}

/** The whole file: sections in the order of the registry (`bench/sections/index.ts`). */
export interface BenchResultsFile {
  format: 2;
  sections: Record<string, BenchSectionRecord>;
}

export const RESULTS_PATH = 'bench/results.json';
export const README_PATH = 'README.md';
export const BLOCK_START = '<!-- bench:start -->';
export const BLOCK_END = '<!-- bench:end -->';

/** Reads the results file; an absent file is an empty one. Throws when the file is not in this format. */
export function readResults(file = RESULTS_PATH): BenchResultsFile {
  if (!existsSync(file)) return { format: 2, sections: {} };
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<BenchResultsFile>;
  if (parsed.format !== 2 || typeof parsed.sections !== 'object' || parsed.sections === null) {
    throw new Error(`${file}: expected { "format": 2, "sections": { … } }`);
  }
  return parsed as BenchResultsFile;
}

/**
 * Puts one section's record into the file, keeping every other section's figures. Sections are kept in `order`
 * (the registry's keys); keys not in it (a section since removed) stay, after the known ones.
 */
export function mergeSection(file: BenchResultsFile, key: string, record: BenchSectionRecord, order: readonly string[]): BenchResultsFile {
  const all = { ...file.sections, [key]: record };
  const keys = [...order.filter((k) => k in all), ...Object.keys(all).filter((k) => !order.includes(k))];
  return { format: 2, sections: Object.fromEntries(keys.map((k) => [k, all[k]!])) };
}

export function writeResults(results: BenchResultsFile, file = RESULTS_PATH): void {
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const browserName = (version: string) => version.split(' built on ')[0] ?? version;

/** The README block's content (without the markers): one table per section, each with its machine line and note. */
export function renderBenchBlock(results: BenchResultsFile): string {
  const parts = ['<!-- generated from bench/results.json by `npm run bench` (or `npm run bench:readme`); do not edit by hand -->'];
  for (const [key, section] of Object.entries(results.sections)) {
    const m = section.machine;
    parts.push(
      `**${cell(section.title)}** (\`${key}\`; measured ${section.measuredAt.slice(0, 10)}, ${browserName(m.chromium)}, Node ${m.node}, ${m.cpus} cores)`,
    );
    parts.push(
      [
        '| figure | measured | target | met |',
        '| --- | --- | --- | --- |',
        ...section.rows.map((r) => `| ${cell(r.figure)} | ${cell(r.value)} | ${cell(r.target)} | ${r.met === null ? '' : r.met ? 'yes' : '**no**'} |`),
      ].join('\n'),
    );
    if (section.note?.trim()) parts.push(section.note.trim());
  }
  return parts.join('\n\n');
}

/** The text between the README's markers, or throws when they are missing or out of order. */
export function readmeBlock(readme: string): string {
  const start = readme.indexOf(BLOCK_START);
  const end = readme.indexOf(BLOCK_END);
  if (start < 0 || end < start) throw new Error(`README: markers ${BLOCK_START} … ${BLOCK_END} not found`);
  return readme.slice(start + BLOCK_START.length, end).trim();
}

/** The README with its bench block replaced by the one rendered from `results`. */
export function replaceBenchBlock(readme: string, results: BenchResultsFile): string {
  readmeBlock(readme); // throws when the markers are missing
  const start = readme.indexOf(BLOCK_START) + BLOCK_START.length;
  const end = readme.indexOf(BLOCK_END);
  return `${readme.slice(0, start)}\n${renderBenchBlock(results)}\n${readme.slice(end)}`;
}

/** Rewrites README.md's bench block from the results file; returns whether the file changed. */
export function updateReadme(resultsFile = RESULTS_PATH, readmeFile = README_PATH): boolean {
  const before = readFileSync(readmeFile, 'utf8');
  const after = replaceBenchBlock(before, readResults(resultsFile));
  if (after !== before) writeFileSync(readmeFile, after);
  return after !== before;
}
