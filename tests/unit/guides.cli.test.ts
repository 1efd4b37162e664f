import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGuideCli } from '../../scripts/guide-cli';
import { BUNDLED_GUIDES, getBundledGuide } from '../../lib/guides/bundled';
import { importGuide } from '../../lib/guides/import';

const FIXTURES = path.resolve('tests/fixtures/guides');

/** Runs the CLI in-process against files on disk, capturing its output. */
function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runGuideCli(argv, {
    readFile: (file) => readFileSync(file, 'utf8'),
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

describe('guide CLI', () => {
  it('list: one bundled guide per line with id, title and number of stages', () => {
    const { code, stdout } = run('list');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(BUNDLED_GUIDES.length);
    expect(lines[0]).toBe('backend-engineer\tBackend Engineer\t5 stages');
  });

  it('import: prints the validated guide JSON, warnings on stderr', () => {
    const { code, stdout, stderr } = run('import', path.join(FIXTURES, 'seed-shape-qa-it.txt'));
    expect(code).toBe(0);
    const guide: unknown = JSON.parse(stdout);
    expect(guide).toMatchObject({ schemaVersion: 1, id: 'qa-engineer', title: 'QA Engineer' });
    expect(stderr).toMatch(/warning: lines 1–2: skipped/);
  });

  it('import and check: exit 1 with every error on stderr and nothing on stdout', () => {
    for (const command of ['import', 'check']) {
      const { code, stdout, stderr } = run(command, path.join(FIXTURES, 'malformed.json'));
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain('  stages[0].title: required');
      expect(stderr).toContain('  guide: unknown field "colour"');
    }
  });

  it('check: accepts a valid guide file', () => {
    const { code, stdout } = run('check', path.resolve('guides/ml-engineer.json'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok: ml-engineer \(Machine Learning Engineer\): 4 stages, \d+ questions, 5 things to look for\n$/);
  });

  it('export: a bundled guide by id, or a file, as Markdown that imports back to the same guide', () => {
    const byId = run('export', 'engineering-manager', '--format', 'md');
    expect(byId.code).toBe(0);
    expect(importGuide(byId.stdout)).toMatchObject({ ok: true, guide: getBundledGuide('engineering-manager') });
    const byFile = run('export', path.join(FIXTURES, 'markdown-analyst.md'), '--format=json');
    expect(JSON.parse(byFile.stdout)).toMatchObject({ id: 'data-analyst' });
  });

  it('exits 2 on usage errors and unreadable files', () => {
    expect(run('frobnicate').code).toBe(2);
    expect(run('import').code).toBe(2);
    expect(run('import', '/nonexistent/guide.json').stderr).toMatch(/cannot read/);
    expect(run('export', 'backend-engineer', '--format', 'pdf').code).toBe(2);
    expect(run('list', '--colour').code).toBe(2);
  });

  it('runs as `npm run guide` does (tsx), with the exit code of the command', () => {
    const tsx = path.resolve('node_modules/.bin/tsx');
    const list = execFileSync(tsx, ['scripts/guide-cli.ts', 'list'], { encoding: 'utf8' });
    expect(list.split('\n')).toContain('product-manager\tProduct Manager\t4 stages');
    const bad = spawnSync(tsx, ['scripts/guide-cli.ts', 'check', path.join(FIXTURES, 'malformed.md')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('line 5: stages[0].title: must not be empty');
  }, 30_000);
});
