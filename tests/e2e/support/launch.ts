import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_QUIET_FLAGS, chromiumPath } from './browsers';
import type { CallPage } from './pages';

/** The built Chrome extension (`npm run build`). */
export const CHROME_DIST = path.resolve(process.env.WXT_OUT_DIR ?? '.output', 'chrome-mv3');

export interface LaunchOptions {
  /** Reuse a profile folder (browser-restart tests); default: a new empty one. */
  userDataDir?: string;
  /** Browser UI language, e.g. `it`; chooses the extension's locale. */
  locale?: string;
  headless?: boolean;
  viewport?: { width: number; height: number };
}

/** Launches Debian's Chromium with the built extension loaded (shared/docs/testing.md). */
export async function launchChromium(options: LaunchOptions = {}): Promise<BrowserContext> {
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(os.tmpdir(), 'icp-chromium-'));
  const locale = options.locale ?? 'en-US';
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    locale,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    env: { ...process.env, LANGUAGE: locale.replace('-', '_'), LANG: `${locale.replace('-', '_')}.UTF-8` },
    args: [
      `--disable-extensions-except=${CHROME_DIST}`,
      `--load-extension=${CHROME_DIST}`,
      `--lang=${locale}`,
      ...CHROMIUM_QUIET_FLAGS,
    ],
  });
}

/** The extension's service worker, waiting for it to start if needed. */
export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  return existing ?? context.waitForEvent('serviceworker', { timeout: 15_000 });
}

/** The extension id, read from the service worker's URL. */
export async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = await serviceWorker(context);
  return new URL(worker.url()).host;
}

/**
 * Serves fixture pages under real call-site URLs with no network: `pages` maps an exact URL (without query)
 * or a host prefix ending in `/` to the page; unmatched requests to call hosts get a 404 page.
 */
export async function serveCallPages(context: BrowserContext, pages: Record<string, CallPage>): Promise<void> {
  const hosts = [
    'meet.google.com',
    '*.zoom.us',
    'zoom.us',
    'teams.microsoft.com',
    'teams.live.com',
    'teams.cloud.microsoft',
    '*.zoomgov.com',
    'zoomgov.com',
    'gov.teams.microsoft.us',
    'dod.teams.microsoft.us',
  ];
  for (const host of hosts) {
    await context.route(`https://${host}/**`, async (route) => {
      const url = new URL(route.request().url());
      const key = `${url.origin}${url.pathname}`;
      const page = pages[key] ?? pages[`${url.origin}/`];
      if (!page || route.request().resourceType() !== 'document') {
        await route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
        return;
      }
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: page.headers ?? {}, body: page.body });
    });
  }
}

const watched = new WeakMap<Page, string[]>();

/**
 * A new page in `context` whose uncaught errors and console errors are collected from before its first
 * navigation (listeners attached after `goto` miss errors thrown while the page loads). Read them with `errorsOf`.
 */
export async function newWatchedPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  watched.set(page, collectErrors(page));
  return page;
}

/** The errors collected for a page opened with `newWatchedPage`; throws for any other page. */
export function errorsOf(page: Page): string[] {
  const errors = watched.get(page);
  if (!errors) throw new Error(`errors of ${page.url()} were not watched from its first load: open it with newWatchedPage`);
  return errors;
}

/**
 * Collects uncaught page errors and console errors of a page for later assertions. Attach it before the page
 * navigates (or use `newWatchedPage`): errors thrown while it loads are missed otherwise.
 */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

