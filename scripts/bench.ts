/**
 * `npm run bench`: the performance figures, measured on this machine, one section per area (bench/sections/).
 * Each section's figures go into `bench/results.json` under its key (other sections' figures are kept), then the
 * README's table between `<!-- bench:start -->` and `<!-- bench:end -->` is regenerated from that file.
 * Not part of `npm test`: figures are reported against targets, never asserted.
 *
 * - `BENCH_ONLY=loads,notes` runs only those sections (keys in bench/sections/index.ts).
 * - `BENCH_QUICK=1` shortens every measurement for a smoke run; it writes `artifacts/bench-quick.json` instead of
 *   bench/results.json and leaves the README alone.
 * - `SKIP_BUILD=1` uses the builds already in `.output/`.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { SECTIONS } from '../bench/sections';
import { sectionContext } from '../bench/support';
import { mergeSection, readResults, updateReadme, writeResults, type BenchResultsFile, type BenchRow } from '../bench/results-file';
import { chromiumPath } from '../tests/e2e/support/browsers';

const QUICK = process.env.BENCH_QUICK === '1';
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()).filter(Boolean) : null;

async function main() {
  const known = SECTIONS.map((s) => s.key);
  const unknown = (ONLY ?? []).filter((k) => !known.includes(k));
  if (unknown.length) throw new Error(`BENCH_ONLY: no section ${unknown.join(', ')} (sections: ${known.join(', ')})`);
  const chosen = SECTIONS.filter((s) => !ONLY || ONLY.includes(s.key));

  if (process.env.SKIP_BUILD !== '1') {
    const builds = new Set(chosen.flatMap((s) => s.builds ?? ['chrome']));
    if (builds.has('chrome')) execSync('npx wxt build', { stdio: 'inherit' });
    if (builds.has('firefox')) execSync('npx wxt build -b firefox --mv2', { stdio: 'inherit' });
  }
  const machine = { node: process.version, cpus: os.cpus().length, chromium: execSync(`${chromiumPath()} --version 2>/dev/null`).toString().trim() };
  console.log(`\nInterview Copilot benchmark${QUICK ? ' (quick)' : ''} — ${new Date().toISOString()}: ${chosen.map((s) => s.key).join(', ')}`);

  let results: BenchResultsFile = QUICK ? { format: 2, sections: {} } : readResults();
  let failed = 0;
  for (const section of chosen) {
    console.log(`\n${section.title} (${section.key})`);
    const rows: BenchRow[] = [];
    const context = sectionContext(QUICK, rows);
    try {
      const outcome = await section.run(context);
      results = mergeSection(results, section.key, { title: section.title, measuredAt: new Date().toISOString(), machine, rows, ...(outcome.note ? { note: outcome.note } : {}), data: outcome.data }, known);
      // Written after every section, so a failure later keeps what was measured.
      if (!QUICK) writeResults(results);
    } catch (error) {
      failed++;
      console.error(`✖ section ${section.key} failed; its previous figures are kept:`, error);
    } finally {
      await context.close();
    }
  }

  if (QUICK) {
    mkdirSync('artifacts', { recursive: true });
    writeFileSync('artifacts/bench-quick.json', `${JSON.stringify(results, null, 2)}\n`);
    console.log('\nQuick run: wrote artifacts/bench-quick.json (bench/results.json and the README are unchanged).');
  } else {
    console.log(`\nWrote bench/results.json; README bench block ${updateReadme() ? 'regenerated' : 'unchanged'}.`);
  }
  if (failed) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
