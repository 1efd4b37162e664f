import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSuggestCli } from '../../scripts/suggest-cli';

function run(argv: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = runSuggestCli(argv, {
    readFile: (file) => {
      if (file in files) return files[file]!;
      return readFileSync(file, 'utf8');
    },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr, events: stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const REPLAY = 'tests/fixtures/suggest/replay-en.jsonl';

describe('npm run suggest', () => {
  it('prints one JSON line per event: asked, follow-ups, evidence, red-flag cue, next', () => {
    const { code, events, stderr } = run(['--guide', 'backend-engineer', '--stage', 'technical-screen', REPLAY]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(events).toContainEqual(expect.objectContaining({ atMs: 60000, kind: 'asked', questionId: 'relational-vs-document-store' }));
    expect(events).toContainEqual(expect.objectContaining({ atMs: 75000, kind: 'red-flag-cue', redFlagId: 'it-depends-without-reasoning' }));
    expect(events).toContainEqual(expect.objectContaining({ atMs: 90000, kind: 'evidence', criterionId: 'data-modelling' }));
    expect(events).toContainEqual(expect.objectContaining({ atMs: 180000, kind: 'asked', questionId: 'slow-query-diagnosis' }));
    expect(events).toContainEqual(expect.objectContaining({ atMs: 200000, kind: 'evidence', criterionId: 'reliability' }));
    expect(events.some((e) => e.kind === 'follow-ups' && e.questionId === 'relational-vs-document-store')).toBe(true);
    expect(events.filter((e) => e.kind === 'next').map((e) => e.questionId)).toEqual(['relational-vs-document-store', 'slow-query-diagnosis', 'api-versioning']);
  });

  it('takes a guide file as well as a bundled id', () => {
    const { code, events } = run(['--guide', 'guides/backend-engineer.json', '--stage', 'technical-screen', REPLAY]);
    expect(code).toBe(0);
    expect(events.filter((e) => e.kind === 'asked')).toHaveLength(2);
  });

  it('exits 1 naming the line and the reason on a malformed line, printing nothing', () => {
    const files = {
      'bad.jsonl': '{"speaker":"interviewer","text":"Hello","atMs":0}\n{"speaker":"host","text":"x","atMs":5}\n',
      'notjson.jsonl': '{"speaker":"interviewer","text":"Hello","atMs":0}\n\n{oops\n',
    };
    const bad = run(['--guide', 'backend-engineer', '--stage', 'technical-screen', 'bad.jsonl'], files);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^bad\.jsonl:2: not a transcript line \(speaker: /);
    const notJson = run(['--guide', 'backend-engineer', '--stage', 'technical-screen', 'notjson.jsonl'], files);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/^notjson\.jsonl:3: not JSON/);
  });

  it('exits 2 with usage for a missing option, an unknown stage or an unreadable file', () => {
    expect(run(['--stage', 'x', REPLAY]).stderr).toMatch(/missing --guide\nUsage:/);
    const stage = run(['--guide', 'backend-engineer', '--stage', 'nope', REPLAY]);
    expect(stage.code).toBe(2);
    expect(stage.stderr).toMatch(/stage "nope" is not in guide "backend-engineer" \(stages: technical-screen, /);
    expect(run(['--guide', 'backend-engineer', '--stage', 'technical-screen', 'missing.jsonl']).stderr).toMatch(/cannot read missing\.jsonl: no such file/);
  });

  it('runs as npm run -s suggest with a non-zero exit on a malformed line', () => {
    const tsx = path.join('node_modules', '.bin', 'tsx');
    const ok = spawnSync(tsx, ['scripts/suggest-cli.ts', '--guide', 'backend-engineer', '--stage', 'technical-screen', REPLAY], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout.split('\n')[0]).toBe('{"kind":"next","atMs":0,"questionId":"relational-vs-document-store","partlyCovered":[]}');
    const bad = spawnSync(tsx, ['scripts/suggest-cli.ts', '--guide', 'backend-engineer', '--stage', 'technical-screen', 'package.json'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/package\.json:1: not JSON/);
  }, 60_000);
});
