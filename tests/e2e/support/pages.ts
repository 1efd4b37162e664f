import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Root of the fixture call pages, written from shared/docs/platforms.md's public signals. */
export const FIXTURE_DIR = path.resolve('tests/fixtures/pages');

/** Reads a fixture page, e.g. `fixturePage('meet/in-call.html')`. */
export function fixturePage(relative: string): string {
  return readFileSync(path.join(FIXTURE_DIR, relative), 'utf8');
}

/** The strict policy of the CSP fixture: no inline script, frames from self only, Trusted Types required. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-src 'self'; require-trusted-types-for 'script'; trusted-types default";

/** A fixture response: the page body and optional response headers (CSP). */
export interface CallPage {
  body: string;
  headers?: Record<string, string>;
}
