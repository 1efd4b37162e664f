import path from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { firefoxPath } from './browsers';
import type { CallPage } from './pages';
import { sleep, waitFor } from './wait';

/** The built Firefox extension (`npm run build:firefox`). */
export const FIREFOX_DIST = path.resolve(process.env.WXT_OUT_DIR ?? '.output', 'firefox-mv2');
/** The add-on id from `wxt.config.ts`. */
export const GECKO_ID = 'interview-copilot@example.org';
/** Fixed internal UUID so that tests can open `moz-extension://<uuid>/popup.html`. */
export const FIREFOX_EXTENSION_UUID = '5d1c7c3e-6a55-4b7e-9a40-1c0ffee00001';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

export interface FirefoxSession {
  browser: Browser;
  /** `moz-extension://<uuid>` */
  origin: string;
  /**
   * Firefox's console output, one line per entry. WebDriver BiDi reports no console messages or uncaught
   * errors of moz-extension pages, so the tests read them here (printed through `devtools.console.stdout.*`).
   */
  log: string[];
  close(): Promise<void>;
}

/**
 * Launches Debian's Firefox ESR over WebDriver BiDi and installs the built extension as a temporary add-on
 * (shared/docs/testing.md).
 */
export async function launchFirefox(options: { profileDir?: string; prefs?: Record<string, string | number | boolean> } = {}): Promise<FirefoxSession> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    userDataDir: options.profileDir,
    // Firefox 153+ refuses WebDriver navigation to moz-extension: pages without it.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      'datareporting.policy.dataSubmissionEnabled': false,
      'browser.shell.checkDefaultBrowser': false,
      // Console messages and uncaught errors of every page, extension pages included, go to the process output.
      'devtools.console.stdout.content': true,
      'devtools.console.stdout.chrome': true,
      ...options.prefs,
    },
  });
  const log: string[] = [];
  let partial = '';
  const read = (chunk: unknown) => {
    const lines = (partial + String(chunk)).split('\n');
    partial = lines.pop() ?? '';
    log.push(...lines.filter((line) => line.trim()));
  };
  browser.process()?.stdout?.on('data', read);
  browser.process()?.stderr?.on('data', read);
  await browser.installExtension(FIREFOX_DIST);
  return { browser, origin: FIREFOX_EXTENSION_ORIGIN, log, close: () => browser.close() };
}

/**
 * Serves fixture pages under real call-site URLs on one page (request interception); other requests continue.
 * `pages` maps `origin + pathname` (or `origin + '/'` for a whole host) to the page.
 */
export async function serveCallPagesFirefox(page: Page, pages: Record<string, CallPage>): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'https:') {
      void request.continue();
      return;
    }
    const entry = pages[`${url.origin}${url.pathname}`] ?? pages[`${url.origin}/`];
    if (!entry) {
      void request.respond({ status: 404, contentType: 'text/plain', body: 'not found' });
      return;
    }
    void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', headers: entry.headers ?? {}, body: entry.body });
  });
}

const pageErrors = new WeakMap<Page, { session: FirefoxSession; from: number; errors: string[] }>();

/** A line of Firefox's console output that is an error of ours: an extension page's uncaught error or `console.error`. */
function isExtensionError(line: string): boolean {
  if (line.includes('chrome://remote/')) return false; // the WebDriver agent's own complaints
  // Firefox's own window-actor plumbing (raised when a window goes away with a message in flight), logged as a bare
  // console.error with no page or script of ours in it; CI saw it once in popup.firefox after all its checks passed.
  if (line.includes('JSWindowActorChild cannot send at the moment')) return false;
  return (/^JavaScript error: moz-extension:/.test(line) || /^console\.error: /.test(line));
}

/**
 * The uncaught errors and console errors seen since a page was opened with `openExtensionPage` (so errors thrown
 * while it loads are seen). Firefox's output does not say which page logged a `console.error`, so these are the
 * errors of every page since then; pages of the test that log errors on purpose do not belong in such a test.
 */
export function extensionPageErrors(page: Page): string[] {
  const watched = pageErrors.get(page);
  if (!watched) throw new Error('not a page opened with openExtensionPage');
  return [...watched.errors, ...watched.session.log.slice(watched.from).filter(isExtensionError)];
}

/**
 * Opens an extension page (e.g. `options.html`) in a new tab, collecting its errors from the start (read them
 * with `extensionPageErrors`). Firefox never reports the load of moz-extension pages over BiDi, so the
 * navigation is not awaited; the page's React root is.
 */
export async function openExtensionPage(session: FirefoxSession, pagePath: string): Promise<Page> {
  const page = await session.browser.newPage();
  const errors: string[] = [];
  pageErrors.set(page, { session, from: session.log.length, errors });
  page.on('pageerror', (error) => errors.push(`pageerror: ${String(error)}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.goto(`${session.origin}/${pagePath}`).catch(() => undefined);
  // The wait may start in the tab's initial about:blank document; when the navigation replaces that document,
  // BiDi ends the wait with "Waiting failed", so it is started again in the new document until the deadline.
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await page.waitForSelector('#root > *', { timeout: Math.max(1, deadline - Date.now()) });
      return page;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await sleep(100);
    }
  }
}

/**
 * The panel's frame inside a call page. BiDi reports the extension frame's URL as `about:blank`, so each
 * frame is asked for its real location.
 * @returns every frame whose document is the panel page (tests expect exactly one).
 */
export async function panelFrames(page: Page): Promise<Frame[]> {
  const found: Frame[] = [];
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const href = await frame.evaluate(() => location.href).catch(() => '');
    if (href.includes('/panel.html')) found.push(frame);
  }
  return found;
}

/** Waits until exactly one panel frame is in `page` and returns it. */
export async function waitForPanelFrame(page: Page, timeoutMs = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frames = await panelFrames(page);
    if (frames.length === 1 && frames[0]) {
      const ready = await frames[0].$('#root > *').catch(() => null);
      if (ready) return frames[0];
    }
    if (Date.now() > deadline) throw new Error(`expected one panel frame, found ${frames.length}`);
    await sleep(200);
  }
}

/**
 * Waits until the content script of the tab whose URL starts with `urlPrefix` has finished `more` looks after
 * this call (its `looks` counter), asking from `extensionPage` (any page of the extension). `state: 'none'` is
 * also the value before the first look, so an absence is checked only after this.
 * @returns the content script's state after those looks.
 */
export async function waitForLooksFirefox(extensionPage: Page, urlPrefix: string, more = 2, timeoutMs = 15_000): Promise<{ looks: number; mounted: boolean; state: string }> {
  const deadline = Date.now() + timeoutMs;
  let first: number | null = null;
  for (;;) {
    const wire = (await extensionPage
      .evaluate(
        async (prefix) => {
          const api = (globalThis as unknown as { browser: typeof chrome }).browser;
          const tabs = await api.tabs.query({});
          const tab = tabs.find((t) => t.url === prefix) ?? tabs.find((t) => t.url?.startsWith(prefix));
          if (tab?.id === undefined) return null;
          return api.tabs.sendMessage(tab.id, { id: 1, type: 'content.state', data: undefined, timestamp: Date.now() }, { frameId: 0 });
        },
        urlPrefix,
      )
      .catch(() => null)) as { res?: { looks: number; mounted: boolean; state: string } } | null;
    const state = wire?.res;
    if (state) {
      first ??= state.looks;
      if (state.looks - first >= more) return state;
    }
    if (Date.now() > deadline) throw new Error(`the content script at ${urlPrefix} did not look ${more} more times`);
    await sleep(250);
  }
}

/** What a privileged page's `ChromeUtils` gives the helpers below (typed only as far as they use it). */
type ChromeUtilsLike = { importESModule(url: string): Record<string, unknown> };

/**
 * Opens `about:addons` in a new tab and waits until its privileged scope (`ChromeUtils`) answers. WebDriver may
 * open it with `--remote-allow-system-access` (launchFirefox passes it); its load is never reported over BiDi, so
 * it is polled. Open it before putting a call page in fullscreen: opening a tab leaves fullscreen.
 */
export async function openAboutAddons(session: FirefoxSession): Promise<Page> {
  const page = await session.browser.newPage();
  page.goto('about:addons').catch(() => undefined);
  await waitFor(
    () => page.evaluate(() => location.href === 'about:addons' && typeof (globalThis as unknown as { ChromeUtils?: unknown }).ChromeUtils === 'object'),
    'about:addons with ChromeUtils',
    { timeoutMs: 15_000, everyMs: 200 },
  );
  return page;
}

/**
 * Disables or enables the add-on as the switch in `about:addons` does (its AddonManager's `disable()` /
 * `enable()`). `management.setEnabled` cannot do it from an extension page: Firefox allows it only for themes (or
 * add-ons installed by enterprise policy), and BiDi's `webExtension` module only installs and uninstalls.
 */
export async function setAddonEnabled(session: FirefoxSession, enabled: boolean): Promise<void> {
  const page = await openAboutAddons(session);
  const active = await page.evaluate(
    async (id, on) => {
      const utils = (globalThis as unknown as { ChromeUtils: ChromeUtilsLike }).ChromeUtils;
      type Addon = { isActive: boolean; enable(): Promise<void>; disable(): Promise<void> };
      const { AddonManager } = utils.importESModule('resource://gre/modules/AddonManager.sys.mjs') as { AddonManager: { getAddonByID(id: string): Promise<Addon | null> } };
      const addon = await AddonManager.getAddonByID(id);
      if (!addon) throw new Error(`no add-on ${id}`);
      await (on ? addon.enable() : addon.disable());
      return (await AddonManager.getAddonByID(id))?.isActive;
    },
    GECKO_ID,
    enabled,
  );
  if (active !== enabled) throw new Error(`the add-on is ${active ? 'still active' : 'not active'} after ${enabled ? 'enable' : 'disable'}()`);
  await page.close();
}

/**
 * Runs one of the add-on's keyboard commands (`toggle-panel`, `add-timestamped-note`) as its shortcut does, from a
 * page opened with {@link openAboutAddons}: the `<key>` element Firefox builds for a command calls the add-on's
 * `ExtensionShortcuts.onCommand(name)`, which fires `commands.onCommand` in the background page; this calls that
 * directly. (Keys typed over BiDi are dispatched into the page and never reach the browser window's shortcuts.)
 */
export async function runCommand(aboutAddons: Page, command: string): Promise<void> {
  await aboutAddons.evaluate(
    (id, name) => {
      const utils = (globalThis as unknown as { ChromeUtils: ChromeUtilsLike }).ChromeUtils;
      type Extension = { shortcuts?: { onCommand(name: string): void } };
      const { ExtensionParent } = utils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs') as { ExtensionParent: { GlobalManager: { getExtension(id: string): Extension | undefined } } };
      const shortcuts = ExtensionParent.GlobalManager.getExtension(id)?.shortcuts;
      if (!shortcuts) throw new Error(`no shortcuts of ${id}`);
      shortcuts.onCommand(name);
    },
    GECKO_ID,
    command,
  );
}
