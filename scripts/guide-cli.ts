/**
 * `npm run guide -- <command>`: the role-guide tool for guide authors and our checks (docs/guide-format.md).
 *
 *   import <file> [--format auto|json|markdown|text] [--locale en|it]   validated guide JSON on stdout
 *   check <file>                                                         validates a guide file
 *   export <id|file> [--format md|json]                                  a bundled or file guide as Markdown (or JSON)
 *   list                                                                 one bundled guide per line: id, title, stages
 *
 * Exit codes: 0 success, 1 the input is not a valid guide (every problem on stderr), 2 usage error or unreadable file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_GUIDES, getBundledGuide } from '../lib/guides/bundled';
import { importGuide, type ImportGuideOptions } from '../lib/guides/import';
import { guideToMarkdown } from '../lib/guides/markdown';
import type { Guide } from '../lib/guides/schema';

/** Where the CLI writes and reads; injected so tests can run it without spawning a process. */
export interface CliIo {
  readFile(file: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = `Usage: npm run guide -- <command>
  import <file> [--format auto|json|markdown|text] [--locale en|it]
                            print the validated guide as JSON
  check <file>              validate a guide file (JSON, Markdown or pasted text)
  export <id|file> [--format md|json]
                            print a bundled guide (by id) or a guide file as Markdown
  list                      list the bundled guides: id, title, number of stages
Exit codes: 0 success, 1 invalid guide, 2 usage error or unreadable file.`;

class UsageError extends Error {}

/** Runs one command; returns the exit code. Never calls `process.exit`, so tests can call it directly. */
export function runGuideCli(argv: readonly string[], io: CliIo): number {
  try {
    const { positional, flags } = parseArgs(argv);
    const [command, target, ...extra] = positional;
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    switch (command) {
      case 'import':
      case 'check': {
        const guide = load(requireArg(target, 'a file'), io, flags);
        if (!guide) return 1;
        if (command === 'import') io.stdout(`${JSON.stringify(guide, null, 2)}\n`);
        else io.stdout(`ok: ${guide.id} (${guide.title}): ${describe(guide)}\n`);
        return 0;
      }
      case 'export': {
        const name = requireArg(target, 'a bundled guide id or a file');
        const format = flags.format ?? 'md';
        if (format !== 'md' && format !== 'markdown' && format !== 'json') throw new UsageError(`unknown export format "${format}" (md or json)`);
        const guide = getBundledGuide(name) ?? load(name, io, { locale: flags.locale });
        if (!guide) return 1;
        io.stdout(format === 'json' ? `${JSON.stringify(guide, null, 2)}\n` : guideToMarkdown(guide));
        return 0;
      }
      case 'list':
        if (target !== undefined) throw new UsageError(`"list" takes no argument`);
        for (const guide of BUNDLED_GUIDES) io.stdout(`${guide.id}\t${guide.title}\t${guide.stages.length} stages\n`);
        return 0;
      case undefined:
      case 'help':
        io.stdout(`${USAGE}\n`);
        return command === 'help' ? 0 : 2;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

function describe(guide: Guide): string {
  const questions = guide.stages.reduce((n, s) => n + s.questions.length, 0);
  return `${guide.stages.length} stages, ${questions} questions, ${guide.criteria.length} things to look for`;
}

/** Reads and imports a file; prints warnings, or errors and returns undefined. */
function load(file: string, io: CliIo, flags: { format?: string; locale?: string }): Guide | undefined {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ENOENT' ? 'no such file (and no bundled guide with that id; `list` shows them)'
      : code === 'EISDIR' ? 'it is a folder, not a file'
      : code === 'EACCES' ? 'permission denied'
      : error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
  const format = flags.format ?? 'auto';
  if (!['auto', 'json', 'markdown', 'text'].includes(format)) throw new UsageError(`unknown import format "${format}"`);
  const result = importGuide(text, { filename: file, format: format as ImportGuideOptions['format'], locale: flags.locale });
  for (const warning of result.warnings) io.stderr(`${file}: warning: ${warning}\n`);
  if (result.ok) return result.guide;
  io.stderr(`${file}: not a valid guide (read as ${result.format}):\n${result.errors.map((e) => `  ${e}`).join('\n')}\n`);
  return undefined;
}

function requireArg(value: string | undefined, what: string): string {
  if (value === undefined) throw new UsageError(`missing ${what}`);
  return value;
}

function parseArgs(argv: readonly string[]): { positional: string[]; flags: { format?: string; locale?: string } } {
  const positional: string[] = [];
  const flags: { format?: string; locale?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const flag = /^--(format|locale)(?:=(.*))?$/.exec(arg);
    if (flag) {
      const value = flag[2] ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${flag[1]} needs a value`);
      flags[flag[1] as 'format' | 'locale'] = value;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option "${arg}"`);
    else positional.push(arg);
  }
  return { positional, flags };
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  process.exitCode = runGuideCli(process.argv.slice(2), {
    readFile: (file) => readFileSync(file, 'utf8'),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
