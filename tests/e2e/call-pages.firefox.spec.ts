import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { launchFirefox, openAboutAddons, openExtensionPage, runCommand, serveCallPagesFirefox, waitForPanelFrame, type FirefoxSession } from './support/firefox';
import { fixturePage } from './support/pages';

/**
 * Issue 17 in Firefox: what call pages do to the panel's host element. A page's CSS `zoom` (on `<html>` or a
 * container) must not scale the panel (item 8); under a fullscreen video the toggle, expand and add-note
 * commands, and both keyboard shortcuts, leave fullscreen and show the panel (item 2).
 */

const MEET = 'https://meet.google.com/abc-defg-hij';
const ZOOMED_HTML = 'https://meet.google.com/zoo-mhtm-lpg';
const ZOOMED_CONTAINER = 'https://meet.google.com/zoo-mbod-ypg';

const withStyle = (css: string) => fixturePage('meet/in-call.html').replace('</head>', `<style>${css}</style></head>`);

let session: FirefoxSession;
test.beforeEach(async () => {
  session = await launchFirefox();
});
test.afterEach(async () => {
  await session?.close();
});

async function callPage(url: string): Promise<Page> {
  const page = await session.browser.newPage();
  await serveCallPagesFirefox(page, {
    [MEET]: { body: fixturePage('meet/in-call.html') },
    [ZOOMED_HTML]: { body: withStyle('html { zoom: 1.5 }') },
    [ZOOMED_CONTAINER]: { body: withStyle('body { zoom: 1.5 }') },
  });
  await page.goto(url);
  await waitForPanelFrame(page, 20_000);
  return page;
}

/** The panel host's box (frame and grip) as the call page measures it (viewport CSS px). */
const hostRect = (page: Page) => page.$eval('[data-interview-copilot]', (el) => el.getBoundingClientRect().toJSON() as unknown);

test('a page that zooms <html> or a container (CSS zoom 1.5) does not scale the panel', async () => {
  test.setTimeout(90_000);
  const plain = await callPage(MEET);
  const expected = (await hostRect(plain)) as { height: number };
  expect(expected.height).toBeGreaterThan(100);
  await plain.close();
  for (const url of [ZOOMED_HTML, ZOOMED_CONTAINER]) {
    const page = await callPage(url);
    // The page really is zoomed.
    expect(await page.evaluate(() => (document.body as unknown as { currentCSSZoom: number }).currentCSSZoom)).toBe(1.5);
    expect(await hostRect(page), url).toEqual(expected);
    await page.close();
  }
});

/** Sends a content-protocol message to the top frame of the tab at `url`, from an extension page. */
async function sendToTab<T>(extensionPage: Page, url: string, type: string, data?: unknown): Promise<T> {
  {
    const wire = (await extensionPage.evaluate(
      async ({ url, type, data }) => {
        const api = (globalThis as unknown as { browser: typeof chrome }).browser;
        const tab = (await api.tabs.query({})).find((t) => t.url === url);
        if (tab?.id === undefined) throw new Error(`no tab at ${url}`);
        return api.tabs.sendMessage(tab.id, { id: 1, type, data, timestamp: Date.now() }, { frameId: 0 });
      },
      { url, type, data },
    )) as { res?: T; err?: unknown } | undefined;
    if (!wire || wire.err) throw new Error(`content script answered ${JSON.stringify(wire)}`);
    return wire.res as T;
  }
}

const fullscreenTag = (page: Page) => page.evaluate(() => document.fullscreenElement?.tagName ?? null);

/** The panel host's place in the window: leaving fullscreen may give the window back at another size (CI saw 684 px
 * high instead of 516), and the drawer follows the window's height. */
const inWindow = (page: Page) =>
  page.$eval('[data-interview-copilot]', (el) => {
    const r = el.getBoundingClientRect();
    return { width: r.width, top: r.top, fromRight: innerWidth - r.right, fromBottom: innerHeight - r.bottom, visible: r.height > 0 };
  });

/** Puts a `<video>` of the call page in fullscreen, as Meet does for a pinned speaker; the panel stays on `<html>`. */
async function videoFullscreen(page: Page): Promise<void> {
  await page.bringToFront();
  await page.evaluate(async () => {
    const video = document.createElement('video');
    // Out of the flow, so the page gets no scrollbar once fullscreen ends.
    video.style.position = 'fixed';
    document.body.append(video);
    await video.requestFullscreen();
  });
  await expect.poll(() => fullscreenTag(page)).toBe('VIDEO');
  expect(await page.evaluate(() => document.querySelector('[data-interview-copilot]')?.parentElement?.tagName)).toBe('HTML');
}

// Each command the shortcuts and the popup send to the call page: none may answer "shown" while a video covers the panel.
for (const command of ['toggle', 'expand', 'add-note'] as const) {
  test(`under a fullscreen video, the ${command} command leaves fullscreen and shows the panel`, async () => {
    // Opened first: switching tabs would itself leave fullscreen.
    const extensionPage = await openExtensionPage(session, 'popup.html');
    const page = await callPage(MEET);
    const shown = await inWindow(page);
    expect(shown.visible).toBe(true);
    await videoFullscreen(page);
    expect(await sendToTab(extensionPage, MEET, 'content.command', { command })).toEqual({ mounted: true, collapsed: false });
    await expect.poll(() => fullscreenTag(page)).toBeNull();
    await expect.poll(() => inWindow(page)).toEqual(shown);
  });
}

// The shortcuts themselves, from the background's commands.onCommand on: the command reaches the fullscreen tab.
for (const [command, key] of [
  ['toggle-panel', 'Alt+Shift+I'],
  ['add-timestamped-note', 'Alt+Shift+M'],
] as const) {
  test(`under a fullscreen video, the ${command} shortcut (${key}) leaves fullscreen and shows the panel`, async () => {
    // Opened first: switching tabs would itself leave fullscreen.
    const aboutAddons = await openAboutAddons(session);
    const page = await callPage(MEET);
    const shown = await inWindow(page);
    expect(shown.visible).toBe(true);
    await videoFullscreen(page);
    await runCommand(aboutAddons, command);
    await expect.poll(() => fullscreenTag(page)).toBeNull();
    await expect.poll(() => inWindow(page)).toEqual(shown);
  });
}
