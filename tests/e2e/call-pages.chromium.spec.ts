import type { Page } from '@playwright/test';
import { expect, serveCallPages, test } from './support/chromium';
import { fixturePage } from './support/pages';

/**
 * Issue 17: what call pages do to the panel's host element. A page's CSS `zoom` (on `<html>` or a container)
 * must not scale the panel (item 8).
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
