#!/usr/bin/env node
// `npm test`: every check the project has, in order, continuing past failures so one run shows them all.
// Ends with the totals line CI reads: `tests: N passed, N failed, N skipped` (unit + e2e tests, plus one failure
// per failed step such as typecheck, lint or import cycles; skipped counts skipped and todo unit tests and skipped e2e tests).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const steps = [];
let passed = 0;
let failed = 0;

function run(name, command, args, { env } = {}) {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  steps.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  return ok;
}

function browserProblem() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const firefox = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
  if (!existsSync(chromium)) return `Chromium not found at ${chromium}: install Debian's "chromium" package (apt-get install chromium) or set CHROMIUM_PATH.`;
  if (!existsSync(firefox)) return `Firefox not found at ${firefox}: install Debian's "firefox-esr" package (apt-get install firefox-esr) or set FIREFOX_PATH.`;
  return null;
}

function countVitest(file) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTests ?? 0),
    // `it.skip`, `describe.skip`, `it.todo`: not run, so not passed either.
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

function countPlaywright(file) {
  if (!existsSync(file)) return null;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0, skipped: stats.skipped ?? 0 };
}

mkdirSync('artifacts', { recursive: true });
rmSync('artifacts/unit-results.json', { force: true });
rmSync('artifacts/e2e-results.json', { force: true });

const only = process.argv[2]; // `npm test -- unit` runs the fast checks only

if (!run('typecheck', 'npx', ['tsc', '--noEmit'])) failed++;
if (!run('lint', 'npx', ['eslint', '.', '--max-warnings=0'])) failed++;
// No import cycle in entrypoints/, components/, stores/, lib/ (dependency-cruiser, .dependency-cruiser.mjs).
if (!run('import cycles', 'npm', ['run', '--silent', 'check:cycles'])) failed++;
const unitOk = run('unit tests', 'npx', ['vitest', 'run']);
const unit = countVitest('artifacts/unit-results.json');
let skipped = 0;
if (unit) {
  passed += unit.passed;
  failed += unit.failed;
  skipped += unit.skipped;
}
if (!unitOk && (!unit || unit.failed === 0)) failed++;

if (only !== 'unit') {
  const chromeBuilt = run('build (Chrome)', 'npx', ['wxt', 'build']);
  const firefoxBuilt = run('build (Firefox)', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv2']);
  if (!chromeBuilt) failed++;
  if (!firefoxBuilt) failed++;
  if (firefoxBuilt && !run('web-ext lint', 'npx', ['web-ext', 'lint', '--source-dir', `${process.env.WXT_OUT_DIR ?? '.output'}/firefox-mv2`, '--warnings-as-errors', '--no-config-discovery'])) failed++;
  const problem = browserProblem();
  if (problem) {
    console.error(`\n✖ ${problem}`);
    steps.push({ name: 'e2e tests', ok: false, seconds: '0.0' });
    failed++;
  } else if (chromeBuilt && firefoxBuilt) {
    const e2eOk = run('e2e tests (Chromium + Firefox)', 'npx', ['playwright', 'test']);
    const e2e = countPlaywright('artifacts/e2e-results.json');
    if (e2e) {
      passed += e2e.passed;
      failed += e2e.failed;
      skipped += e2e.skipped;
    }
    if (!e2eOk && (!e2e || e2e.failed === 0)) failed++;
  }
}

console.log('\nSteps:');
for (const step of steps) console.log(`  ${step.ok ? '✔' : '✖'} ${step.name.padEnd(32)} ${step.seconds.padStart(6)} s`);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
