/**
 * What every benchmark section shares: the section shape, the context a section runs in (a reporter for its rows,
 * browsers it can ask for, closed after the section), and small statistics and formatting helpers.
 */
import { readFileSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_QUIET_FLAGS, chromiumPath } from '../tests/e2e/support/browsers';
import { extensionIdOf, launchChromium, serveCallPages } from '../tests/e2e/support/launch';
import { fixturePage } from '../tests/e2e/support/pages';
import type { BenchRow } from './results-file';

/** A Meet call URL served from the in-call fixture in every browser a section asks for. */
export const MEETING = 'https://meet.google.com/abc-defg-hij';
/** The same fixture under a host the extension does not run on (served in the browser with the extension). */
export const UNMATCHED = 'https://call.example.org/abc-defg-hij';

/** What a section returns besides its rows: the raw measurements, and an optional Markdown note for the README. */
export interface SectionOutcome {
  data: unknown;
  note?: string;
}

/** The context a section runs in; browsers it asks for are launched on first use and closed when it ends. */
export interface SectionContext {
  /** `BENCH_QUICK=1`: shorten every measurement (a smoke run; results are not written to bench/results.json). */
  quick: boolean;
  /** Adds one row to the section's table (and prints it). `met` is `null` when the figure has no target. */
  report(figure: string, value: string, target?: string, met?: boolean | null): void;
  /** Chromium with the built extension (`.output/chrome-mv3`), a fresh profile, call pages served. */
  withExtension(): Promise<{ context: BrowserContext; extensionId: string }>;
  /** Chromium without the extension, same flags, call pages served. */
  withoutExtension(): Promise<BrowserContext>;
}

/** One benchmark section: an area's figures, runnable alone with `BENCH_ONLY=<key>`. */
export interface BenchSection {
  /** Key in bench/results.json and the name `BENCH_ONLY` takes, e.g. `loads`. */
  key: string;
  /** Heading of its table in the README. */
  title: string;
  /** Builds it needs (built before it runs unless `SKIP_BUILD=1`); default `['chrome']`. */
  builds?: ('chrome' | 'firefox')[];
  run(context: SectionContext): Promise<SectionOutcome>;
}

/** The q-quantile (0–1) of `values` (nearest rank); NaN for no values. */
export const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
};
export const median = (values: number[]): number => quantile(values, 0.5);
/** Bytes as kB with one decimal. */
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;
/** Milliseconds, rounded. */
export const ms = (value: number): string => `${value.toFixed(0)} ms`;

async function serveFixtures(context: BrowserContext): Promise<void> {
  await serveCallPages(context, { [MEETING]: { body: fixturePage('meet/in-call.html') } });
  await context.route('https://meet.google.com/bench-churn.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: readFileSync('bench/fixtures/churn.js', 'utf8') }),
  );
}

/** A context for one section run; `close()` closes whatever browsers it launched. */
export function sectionContext(quick: boolean, rows: BenchRow[]): SectionContext & { close(): Promise<void> } {
  let withExt: Promise<{ context: BrowserContext; extensionId: string }> | null = null;
  let without: Promise<BrowserContext> | null = null;
  return {
    quick,
    report(figure, value, target = '', met = null) {
      rows.push({ figure, value, target, met });
      console.log(`  ${met === null ? ' ' : met ? '✔' : '✖'} ${figure}: ${value}${target ? ` (target ${target})` : ''}`);
    },
    withExtension() {
      withExt ??= (async () => {
        const context = await launchChromium();
        await serveFixtures(context);
        const body = fixturePage('meet/in-call.html');
        await context.route('https://call.example.org/**', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body }));
        return { context, extensionId: await extensionIdOf(context) };
      })();
      return withExt;
    },
    withoutExtension() {
      without ??= (async () => {
        const context = await chromium.launchPersistentContext('', {
          executablePath: chromiumPath(),
          headless: true,
          args: CHROMIUM_QUIET_FLAGS,
          viewport: { width: 1280, height: 800 },
        });
        await serveFixtures(context);
        return context;
      })();
      return without;
    },
    async close() {
      if (withExt) await (await withExt).context.close();
      if (without) await (await without).close();
    },
  };
}

/**
 * When the background stamped the row of `table` whose `text` is `wanted` (its `stamp` field, epoch ms), read
 * straight from the extension's database in `page` (an extension page), or null while there is no such row. The
 * stamp is taken when the background commits, so a latency is this minus when the text was typed or drawn.
 */
export function rowStampedAt(page: Page, table: 'notes' | 'utterances', stamp: 'updatedAt' | 'createdAt', wanted: string): Promise<number | null> {
  return page.evaluate(
    ([store, field, text]) =>
      new Promise<number | null>((resolve, reject) => {
        const open = indexedDB.open('interview-copilot');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(store, 'readonly').objectStore(store).getAll();
          request.onsuccess = () => {
            open.result.close();
            const row = (request.result as Record<string, unknown>[]).find((r) => r.text === text);
            resolve(row ? (row[field] as number) : null);
          };
        };
      }),
    [table, stamp, wanted] as const,
  );
}
