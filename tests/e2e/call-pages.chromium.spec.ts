import type { Page } from '@playwright/test';
import { expect, serveCallPages, test } from './support/chromium';
import { sendToTab } from './support/content-state';
import { fixturePage } from './support/pages';
import { screenshotPath } from './support/screenshots';

/**
 * Issue 17: what call pages do to the panel's host element. A page's CSS `zoom` (on `<html>` or a container)
 * must not scale the panel (item 8); a video in fullscreen hides the panel, and the toggle shortcut then leaves
 * fullscreen and shows it, rather than answering "shown" with nothing visible (item 2).
 */

const MEET = 'https://meet.google.com/abc-defg-hij';
const ZOOMED_HTML = 'https://meet.google.com/zoo-mhtm-lpg';
const ZOOMED_CONTAINER = 'https://meet.google.com/zoo-mbod-ypg';

/** The Meet in-call fixture with `css` added to its head. */
const withStyle = (css: string) => fixturePage('meet/in-call.html').replace('</head>', `<style>${css}</style></head>`);

const panelFrames = (page: Page) => page.frames().filter((f) => f.url().includes('/panel.html'));

/** The panel iframe's box on the page (viewport CSS px), once its app has drawn. */
async function panelBox(page: Page) {
  await expect.poll(async () => (panelFrames(page).length === 1 ? panelFrames(page)[0]!.locator('#root > *').count() : 0), { timeout: 20_000 }).toBeGreaterThan(0);
  return (await (await panelFrames(page)[0]!.frameElement()).boundingBox())!;
}

/** The panel host's box as the call page measures it (`getBoundingClientRect`, viewport CSS px). */
const hostRect = (page: Page) => page.locator('[data-interview-copilot]').evaluate((el) => el.getBoundingClientRect().toJSON() as unknown);

test.beforeEach(async ({ context }) => {
  await serveCallPages(context, {
    [MEET]: { body: fixturePage('meet/in-call.html') },
    [ZOOMED_HTML]: { body: withStyle('html { zoom: 1.5 }') },
    [ZOOMED_CONTAINER]: { body: withStyle('body { zoom: 1.5 }') },
  });
});

test('a page that zooms <html> or a container (CSS zoom 1.5) does not scale the panel', async ({ context }) => {
  const plain = await context.newPage();
  await plain.goto(MEET);
  const expected = await panelBox(plain);
  const expectedHost = await hostRect(plain);
  expect(expected.height).toBeGreaterThan(100);
  await plain.close();

  for (const url of [ZOOMED_HTML, ZOOMED_CONTAINER]) {
    const page = await context.newPage();
    await page.goto(url);
    // The page really is zoomed.
    expect(await page.evaluate(() => document.body.currentCSSZoom)).toBe(1.5);
    expect(await panelBox(page), url).toEqual(expected);
    // The host element (frame and grip) as the page itself measures it.
    expect(await hostRect(page), url).toEqual(expectedHost);
    await page.close();
  }
});

/** Puts a `<video>` of the page in fullscreen, as Meet does for a pinned speaker (the evaluation is a user gesture). */
async function videoFullscreen(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const video = document.createElement('video');
    // Out of the flow, so the page gets no scrollbar once fullscreen ends.
    video.style.position = 'fixed';
    document.body.append(video);
    await video.requestFullscreen();
  });
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.tagName ?? null)).toBe('VIDEO');
}

for (const command of ['toggle', 'expand', 'add-note'] as const) {
  test(`under a fullscreen video, the ${command} command leaves fullscreen and shows the panel`, async ({ context }) => {
    const page = await context.newPage();
    await page.goto(MEET);
    const shown = await panelBox(page);
    await videoFullscreen(page);
    // The panel cannot live in a video: it stays on <html>, hidden under the fullscreen element.
    expect(await page.evaluate(() => document.querySelector('[data-interview-copilot]')?.parentElement?.tagName)).toBe('HTML');

    expect(await sendToTab(context, page, 'content.command', { command })).toEqual({ mounted: true, collapsed: false });
    await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
    expect(await panelBox(page)).toEqual(shown);
    if (command === 'toggle') {
      await page.screenshot({ path: screenshotPath('fullscreen-left-by-toggle.png') });
      // Out of fullscreen, the toggle hides the panel again as usual.
      expect(await sendToTab(context, page, 'content.command', { command })).toEqual({ mounted: true, collapsed: true });
    }
    await page.close();
  });
}
