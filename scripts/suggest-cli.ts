/**
 * `npm run -s suggest -- --guide <guide id or file> --stage <stage id> [--explain] <transcript.jsonl>`: replays a
 * transcript through the suggestion engine (lib/suggest) without a browser, for evaluation and for tuning guides.
 *
 * Each input line is `{"speaker":"interviewer"|"candidate","text":"…","atMs":123}` (blank lines are skipped).
 * Prints one JSON line per event: asked, follow-ups, evidence, red-flag-cue, next, stage-wrap (see SuggestEvent).
 * `--explain` adds, for each interviewer line, an `explain` line with every question's score.
 * Exit codes: 0 success, 1 a malformed transcript line (its number and reason on stderr), 2 usage error or
 * unreadable file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { getBundledGuide } from '../lib/guides/bundled';
import { importGuide } from '../lib/guides/import';
import type { Guide } from '../lib/guides/schema';
import { SuggestEngine } from '../lib/suggest/engine';
import { suggestStage } from '../lib/suggest/guide';

/** Where the CLI reads and writes; injected so tests run it in-process. */
export interface SuggestCliIo {
  readFile(file: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = 'Usage: npm run -s suggest -- --guide <guide id or file> --stage <stage id> [--explain] <transcript.jsonl>\n';

/** One transcript line of the input file. */
export const TranscriptLine = z.strictObject({
  speaker: z.enum(['interviewer', 'candidate']),
  text: z.string(),
  atMs: z.number().int().nonnegative(),
});

class UsageError extends Error {}

function read(io: SuggestCliIo, file: string): string {
  try {
    return io.readFile(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
}

function loadGuide(io: SuggestCliIo, name: string): Guide {
  const bundled = getBundledGuide(name);
  if (bundled) return bundled;
  const result = importGuide(read(io, name), { filename: name });
  if (!result.ok) throw new UsageError(`${name}: not a valid guide:\n${result.errors.map((e) => `  ${e}`).join('\n')}`);
  return result.guide;
}

/** Runs the command; returns the exit code. */
export function runSuggestCli(argv: readonly string[], io: SuggestCliIo): number {
  try {
    let guideName: string | undefined;
    let stageId: string | undefined;
    let explain = false;
    const files: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] ?? '';
      if (arg === '--guide') guideName = argv[++i];
      else if (arg === '--stage') stageId = argv[++i];
      else if (arg === '--explain') explain = true;
      else if (arg.startsWith('--')) throw new UsageError(`unknown option "${arg}"`);
      else files.push(arg);
    }
    if (!guideName) throw new UsageError('missing --guide');
    if (!stageId) throw new UsageError('missing --stage');
    if (files.length !== 1) throw new UsageError('give exactly one transcript file');
    const guide = loadGuide(io, guideName);
    let stage;
    try {
      stage = suggestStage(guide, stageId);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const file = files[0]!;
    const lines = read(io, file).split(/\r?\n/);
    // Validate every line before printing anything, so a bad file gives no half output.
    const parsed: z.infer<typeof TranscriptLine>[] = [];
    for (const [i, raw] of lines.entries()) {
      if (raw.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (error) {
        io.stderr(`${file}:${i + 1}: not JSON (${(error as Error).message})\n`);
        return 1;
      }
      const result = TranscriptLine.safeParse(json);
      if (!result.success) {
        const reasons = result.error.issues.map((issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`).join('; ');
        io.stderr(`${file}:${i + 1}: not a transcript line (${reasons}); expected {"speaker":"interviewer"|"candidate","text":"…","atMs":123}\n`);
        return 1;
      }
      parsed.push(result.data);
    }
    const engine = new SuggestEngine(stage);
    for (const line of parsed) {
      if (explain && line.speaker === 'interviewer') io.stdout(`${JSON.stringify({ atMs: line.atMs, kind: 'explain', text: line.text, scores: engine.explain(line.text).slice(0, 3) })}\n`);
      for (const event of engine.hear(line)) io.stdout(`${JSON.stringify(event)}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  process.exitCode = runSuggestCli(process.argv.slice(2), {
    readFile: (file) => readFileSync(file, 'utf8'),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
