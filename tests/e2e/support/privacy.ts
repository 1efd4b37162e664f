import { expect } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { HTTPRequest, Page as PuppeteerPage } from 'puppeteer-core';
import { CHROMIUM_QUIET_FLAGS, chromiumPath } from './browsers';
import { launchFirefox, type FirefoxSession } from './firefox';
import { CHROME_DIST } from './launch';
import { STRICT_CSP, fixturePage, type CallPage } from './pages';

/**
 * Privacy probes shared by `privacy.chromium.spec.ts` and `privacy.firefox.spec.ts`:
 * - a recording proxy that every browser is pointed at, so a request that escapes the test's own
 *   interception (the background, a worker, the browser itself) still shows up;
 * - the call page's own script (the "spy"), served same-origin so the strict CSP lets it run in the page's
 *   main world, which listens for keys and CSP violations and searches everything the page can reach.
 */

/** Where the spy script is served, on the call page's own origin (`script-src 'self'` allows it). */
export const SPY_PATH = '/__call-page-spy.js';

/** What the spy reports (`window.__callPageSpy.report(needles)`). */
export interface SpyReport {
  /** `where: needle` for every place the page could read one of the needles. */
  found: string[];
  /** `type:key` of every key event the page's capture listeners on window and document received. */
  keys: string[];
  /** `directive blockedURI` of every `securitypolicyviolation` event. */
  violations: string[];
  /** Names of the page origin's IndexedDB databases. */
  databases: string[];
  /** How many same-origin frame documents and open shadow roots the search walked, and how many frames refused it. */
  walked: { frames: number; shadowRoots: number; blockedFrames: number };
}

/**
 * The spy, run as the call page's own classic script. It must not close over anything: it is serialised
 * with `toString()` and served as JavaScript.
 */
function callPageSpy(): void {
  const keys: string[] = [];
  const violations: string[] = [];
  for (const target of [window, document]) {
    for (const type of ['keydown', 'keyup', 'keypress']) {
      target.addEventListener(type, (event) => keys.push(`${type}:${(event as KeyboardEvent).key}`), true);
    }
  }
  document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`), true);

  const texts: { where: string; text: string }[] = [];
  const walked = { frames: 0, shadowRoots: 0, blockedFrames: 0 };
  const seenDocs = new Set<Document>();

  function walkRoot(root: Document | ShadowRoot, where: string): void {
    const walker = (root instanceof Document ? root : root.ownerDocument).createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        texts.push({ where: `${where} text`, text: node.nodeValue ?? '' });
        continue;
      }
      const el = node as Element;
      for (const attr of Array.from(el.attributes ?? [])) texts.push({ where: `${where} <${el.localName} ${attr.name}>`, text: attr.value });
      if ('value' in el && typeof (el as HTMLInputElement).value === 'string') texts.push({ where: `${where} <${el.localName}>.value`, text: (el as HTMLInputElement).value });
      if (el.shadowRoot) {
        walked.shadowRoots += 1;
        walkRoot(el.shadowRoot, `${where} #shadow(${el.localName})`);
      }
      if (el.localName === 'iframe' || el.localName === 'frame') {
        let inner: Document | null;
        try {
          inner = (el as HTMLIFrameElement).contentDocument;
        } catch {
          inner = null;
        }
        if (inner) walkDocument(inner, `${where} iframe[${(el as HTMLIFrameElement).src}]`);
      }
    }
  }
  function walkDocument(doc: Document, where: string): void {
    if (seenDocs.has(doc)) return;
    seenDocs.add(doc);
    walked.frames += 1;
    texts.push({ where: `${where} title`, text: doc.title }, { where: `${where} url`, text: doc.URL });
    walkRoot(doc, where);
  }

  async function readDatabases(): Promise<{ names: string[]; dumps: { where: string; text: string }[] }> {
    const infos = (await indexedDB.databases?.()) ?? [];
    const names = infos.map((d) => d.name ?? '');
    const dumps: { where: string; text: string }[] = [];
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store, 'readonly').objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error);
        });
        dumps.push({ where: `indexedDB ${name}/${store}`, text: JSON.stringify(rows) });
      }
      db.close();
    }
    return { names, dumps };
  }

  async function report(needles: string[]) {
    texts.length = 0;
    seenDocs.clear();
    walked.frames = walked.shadowRoots = walked.blockedFrames = 0;
    walkDocument(document, 'document');
    // Frames the DOM walk cannot see (a closed shadow root) are still in window.frames: try each one.
    for (let i = 0; i < window.length; i += 1) {
      try {
        walkDocument(window.frames[i]!.document, `window.frames[${i}]`);
      } catch {
        walked.blockedFrames += 1;
      }
    }
    texts.push(
      { where: 'localStorage', text: JSON.stringify({ ...localStorage }) },
      { where: 'sessionStorage', text: JSON.stringify({ ...sessionStorage }) },
      { where: 'document.cookie', text: document.cookie },
      { where: 'window.name', text: window.name },
      { where: 'history.state', text: JSON.stringify(history.state) },
      { where: 'performance entries', text: performance.getEntries().map((e) => e.name).join('\n') },
    );
    if (typeof caches !== 'undefined') {
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) texts.push({ where: `cache ${name}`, text: request.url + (await (await cache.match(request))?.text()) });
      }
    }
    const { names, dumps } = await readDatabases();
    texts.push(...dumps);
    const found: string[] = [];
    for (const { where, text } of texts) for (const needle of needles) if (text.includes(needle)) found.push(`${where}: ${needle}`);
    return { found, keys: [...keys], violations: [...violations], databases: names, walked: { ...walked } };
  }

  (window as unknown as { __callPageSpy: unknown }).__callPageSpy = { report };
}

/** The spy as JavaScript, for serving at {@link SPY_PATH}. */
export const SPY_SCRIPT = `(${callPageSpy.toString()})();`;

/** A fixture call page with the spy as its first script. */
export function spiedPage(fixture: string, options: { strict?: boolean } = {}): CallPage {
  const body = fixturePage(fixture).replace(/<head>/i, `<head>\n<script src="${SPY_PATH}"></script>`);
  if (!body.includes(SPY_PATH)) throw new Error(`${fixture}: no <head> to put the spy in`);
  return { body, headers: options.strict ? { 'content-security-policy': STRICT_CSP } : {} };
}

/** Asks the page's spy what it found; `target` is a Playwright or puppeteer page. */
export async function spyReport(target: Page | PuppeteerPage, needles: string[]): Promise<SpyReport> {
  const run = (n: string[]) => (window as unknown as { __callPageSpy: { report(n: string[]): Promise<SpyReport> } }).__callPageSpy.report(n);
  return (target as Page).evaluate(run, needles);
}

/** A local HTTP proxy that answers nothing and records every request sent through it (`host:port` or URL). */
export interface RecordingProxy {
  port: number;
  seen: string[];
  close(): Promise<void>;
}

/** Starts a {@link RecordingProxy} on a free loopback port. */
export async function startRecordingProxy(): Promise<RecordingProxy> {
  const seen: string[] = [];
  const server: Server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    response.writeHead(502).end();
  });
  server.on('connect', (request, socket) => {
    seen.push(`CONNECT ${request.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Hosts Chromium itself reaches past Playwright's interception even with the quiet flags (measured through
 * the proxy on this machine): network time (clients2.google.com), the component updater
 * (update.googleapis.com, redirector.gvt1.com) and the Google-account check it runs on google.com pages
 * (accounts.google.com). The proxy answers none of them. The call host is not one of them: Chromium's preconnect
 * to it is turned off (launchChromiumBehindProxy), so any connection to it that reaches the proxy is reported.
 * The extension's pages' and service worker's requests are reported by Playwright (the spec's controls prove it).
 */
export const CHROMIUM_OWN_HOSTS = ['clients2.google.com', 'update.googleapis.com', 'redirector.gvt1.com', 'accounts.google.com'];

/**
 * Proxy log lines that are not the browser's own traffic: a host outside `ownHosts`, or any line carrying
 * one of the `needles` (typed text).
 */
export function foreignProxyTraffic(seen: string[], ownHosts: string[], needles: string[]): string[] {
  return seen.filter((line) => {
    const target = line.split(' ')[1] ?? '';
    const host = line.startsWith('CONNECT ') ? target.replace(/:\d+$/, '') : new URL(target).hostname;
    return !ownHosts.includes(host) || needles.some((n) => line.includes(n) || line.includes(encodeURIComponent(n)));
  });
}

/**
 * The host Firefox ESR itself reaches past the interception (measured through the proxy on this machine):
 * its Remote Settings sync, which retries while the proxy refuses it. The extension has no access to it.
 */
export const FIREFOX_OWN_HOSTS = ['firefox.settings.services.mozilla.com'];

/**
 * Launches Chromium with the built extension, like `launchChromium`, with all traffic sent to `proxyPort`.
 * Network prediction is off in the profile (`net.network_prediction_options: 2`): otherwise Chromium preconnects
 * to the call host (a `CONNECT meet.google.com:443` the proxy cannot tell from an HTTPS request of ours).
 */
export function launchChromiumBehindProxy(proxyPort: number): Promise<BrowserContext> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'icp-privacy-'));
  mkdirSync(path.join(profile, 'Default'));
  writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ net: { network_prediction_options: 2 } }));
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    // `<-loopback>` takes loopback out of the default bypass list, so nothing at all goes around the proxy.
    proxy: { server: `http://127.0.0.1:${proxyPort}`, bypass: '<-loopback>' },
    args: [`--disable-extensions-except=${CHROME_DIST}`, `--load-extension=${CHROME_DIST}`, '--lang=en-US', ...CHROMIUM_QUIET_FLAGS],
  });
}

/** Launches Firefox with the built extension, like `launchFirefox`, with all traffic sent to `proxyPort`. */
export async function launchFirefoxBehindProxy(proxyPort: number): Promise<FirefoxSession> {
  return launchFirefox({
    prefs: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
    },
  });
}

/**
 * URLs the probes allow: the fixture pages served (exact URL, query included, fragment ignored), the spy, and the
 * extension's own pages; `data:` and `blob:` never leave the browser. Everything else is a leak (text in a query
 * to a served page included).
 */
export function leaks(urls: string[], served: string[], extensionOrigin: string): string[] {
  return urls.filter((raw) => {
    if (raw.startsWith('data:') || raw.startsWith('blob:')) return false;
    if (raw.startsWith(`${extensionOrigin}/`)) return false;
    const url = new URL(raw);
    return !served.includes(`${url.origin}${url.pathname}${url.search}`);
  });
}

/**
 * Serves `pages` (exact `origin + pathname`) and the spy on a puppeteer page with request interception and
 * records every request URL the page reports into `seen`; anything not served is answered 404 here, never
 * passed on to the network.
 */
export async function serveSpiedPagesFirefox(page: PuppeteerPage, pages: Record<string, CallPage>, seen: string[]): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const raw = request.url();
    seen.push(raw);
    if (request.isInterceptResolutionHandled()) return;
    if (!raw.startsWith('https:') && !raw.startsWith('http:')) {
      void request.continue();
      return;
    }
    const url = new URL(raw);
    if (url.pathname === SPY_PATH) {
      void request.respond({ status: 200, contentType: 'text/javascript; charset=utf-8', body: SPY_SCRIPT });
      return;
    }
    const entry = pages[`${url.origin}${url.pathname}`];
    if (!entry) {
      void request.respond({ status: 404, contentType: 'text/plain', body: 'not found' });
      return;
    }
    void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', headers: entry.headers ?? {}, body: entry.body });
  });
}

/**
 * Chromium: serves `pages` and the spy, records every request of the context (pages, frames, workers,
 * the extension's service worker) into `seen`, and answers anything else with 404 instead of the network.
 */
export async function serveSpiedPagesChromium(context: BrowserContext, pages: Record<string, CallPage>, seen: string[]): Promise<void> {
  context.on('request', (request) => seen.push(request.url()));
  await context.route(/^https?:\/\//, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === SPY_PATH) {
      await route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: SPY_SCRIPT });
      return;
    }
    const entry = pages[`${url.origin}${url.pathname}`];
    if (!entry || route.request().resourceType() !== 'document') {
      await route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
      return;
    }
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: entry.headers ?? {}, body: entry.body });
  });
}

/** Text the controls plant where the call page itself can reach it; the spy must find it. */
export const CONTROL_NEEDLE = 'Zephyrine-control';

/**
 * Runs in the call page (`page.evaluate(plantControlText, CONTROL_NEEDLE)`): puts `needle` in an open shadow
 * root, `localStorage` and an IndexedDB database of the page, the places where leaked note text would show up.
 */
export async function plantControlText(needle: string): Promise<void> {
  const host = document.createElement('div');
  host.attachShadow({ mode: 'open' }).textContent = needle;
  document.body.append(host);
  localStorage.setItem('control', needle);
  await new Promise<void>((resolve) => {
    const open = indexedDB.open('control-db');
    open.onupgradeneeded = () => open.result.createObjectStore('rows', { autoIncrement: true }).add({ needle });
    open.onsuccess = () => {
      open.result.close();
      resolve();
    };
  });
}

/**
 * The control half of each privacy probe: the same spy that found nothing of the panel does hear the page's own
 * key `x` and does find the planted text, so its "nothing found" means something.
 */
export function expectSpyHearsAndFinds(control: SpyReport): void {
  expect(control.keys).toEqual(expect.arrayContaining(['keydown:x', 'keyup:x']));
  expect(control.found).toEqual(
    expect.arrayContaining([expect.stringMatching(/^document #shadow\(div\) text/), expect.stringMatching(/^localStorage/), expect.stringMatching(/^indexedDB control-db\/rows/)]),
  );
}
