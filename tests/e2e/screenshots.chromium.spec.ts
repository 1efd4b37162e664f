import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { detectionPages, URLS } from '../fixtures/pages';
import { expect, launchChromium, serveCallPages, test } from './support/chromium';

/**
 * The panel collapsed and expanded on each platform's in-call fixture, in English and Italian: screenshots for
 * people to look at (artifacts/screenshots/panel-<platform>-<state>-<locale>.png), and checks that hold on
 * every platform: the drawer stays clear of the call's control bar, the collapsed handle is small, and the
 * text is in the browser's language.
 */
const OUT = path.resolve('artifacts/screenshots');
const START = { en: { candidate: 'Candidate', guide: 'Role guide', submit: 'Start interview' }, it: { candidate: 'Candidato', guide: 'Guida al ruolo', submit: 'Inizia il colloquio' } };
const PLATFORMS = [
  ['meet', URLS.meet.inCall],
  ['zoom', URLS.zoom.inCall],
  ['teams', URLS.teams.strict],
] as const;

async function panelOf(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().filter((f) => f.url().includes('/panel.html') && !f.isDetached()).length, { timeout: 15_000 }).toBe(1);
  const frame = page.frames().find((f) => f.url().includes('/panel.html') && !f.isDetached())!;
  await frame.waitForSelector('#root > *');
  return frame;
}

/** The panel host's box in the call page (the closed shadow root hides the iframe, not its host). */
const hostBox = (page: Page) => page.locator('[data-interview-copilot]').boundingBox();

for (const locale of ['en', 'it'] as const) {
  test(`panel on Meet, Zoom and Teams, collapsed and expanded (${locale})`, async () => {
    test.setTimeout(120_000);
    mkdirSync(OUT, { recursive: true });
    const context = await launchChromium({ locale });
    try {
      await serveCallPages(context, detectionPages());
      for (const [platform, url] of PLATFORMS) {
        const page = await context.newPage();
        await page.goto(url);
        const frame = await panelOf(page);
        const words = START[locale];
        await frame.getByRole('textbox', { name: words.candidate, exact: true }).fill('Alex Rivera');
        await frame.getByRole('combobox', { name: words.guide, exact: true }).selectOption({ index: 0 });
        await frame.getByRole('button', { name: words.submit, exact: true }).click();
        await expect(frame.getByTestId('candidate-name')).toHaveText('Alex Rivera');
        await expect(frame.locator('html')).toHaveAttribute('lang', locale);
        const viewport = page.viewportSize()!;
        const expanded = (await hostBox(page))!;
        // The drawer leaves the call's control bar (the bottom of the window) uncovered.
        expect(expanded.y + expanded.height).toBeLessThanOrEqual(viewport.height - 90);
        expect(expanded.width).toBeGreaterThanOrEqual(320);
        // Teams draws its call controls along the top: the panel starts below them.
        if (platform === 'teams') expect(expanded.y).toBeGreaterThanOrEqual(60);
        // The guide offered first is the one written in the interviewer's language.
        await expect(frame.locator('body')).toContainText(locale === 'it' ? 'Screening tecnico: le basi' : 'Technical screen: fundamentals');
        await page.screenshot({ path: path.join(OUT, `panel-${platform}-expanded-${locale}.png`) });

        await frame.locator('body').press('Escape');
        await expect.poll(async () => (await hostBox(page))?.height ?? 0).toBeLessThan(80);
        const collapsed = await panelOf(page);
        await expect(collapsed.getByTestId('panel-handle')).toBeVisible();
        await page.screenshot({ path: path.join(OUT, `panel-${platform}-collapsed-${locale}.png`) });
        await page.close();
      }
    } finally {
      await context.close();
    }
  });
}
