import type { BrowserContext, Frame, Page } from 'playwright-core';
import { expect } from '@playwright/test';
import { errorsOf, newWatchedPage, serveCallPages } from './launch';
import { fixturePage } from './pages';

/** The Meet meeting the panel tests use, served from `tests/fixtures/pages/meet/in-call.html`. */
export const MEETING_URL = 'https://meet.google.com/abc-defg-hij';

/** Serves the Meet fixtures (in call, home) under their real URLs. */
export function serveMeet(context: BrowserContext): Promise<void> {
  return serveCallPages(context, {
    [MEETING_URL]: { body: fixturePage('meet/in-call.html') },
    'https://meet.google.com/': { body: fixturePage('meet/home.html') },
  });
}

/** The panel's frame in a call page, once its React root rendered. */
export async function panelFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    // The content script may replace its first mount (e.g. once the background answered its first report), so
    // take a frame that rendered and is still attached a moment later.
    const frames = page.frames().filter((f) => f.url().includes('/panel.html') && !f.isDetached());
    const frame = frames.length === 1 ? frames[0]! : null;
    if (frame) {
      const ready = await frame.waitForSelector('#root > *', { timeout: 2000 }).then(
        () => true,
        () => false,
      );
      if (ready) {
        await page.waitForTimeout(300);
        if (!frame.isDetached()) return frame;
      }
    }
    if (Date.now() > deadline) throw new Error(`expected one rendered panel frame, found ${frames.length}`);
    await page.waitForTimeout(100);
  }
}

/**
 * Opens the meeting in a new tab and returns the tab, its panel frame, and the tab's errors (uncaught and console,
 * the panel frame's included) collected from before the navigation.
 */
export async function openMeeting(context: BrowserContext): Promise<{ page: Page; frame: Frame; errors: string[] }> {
  const page = await newWatchedPage(context);
  await page.goto(MEETING_URL);
  return { page, frame: await panelFrame(page), errors: errorsOf(page) };
}

/** Every row of every table of the extension's database, read with raw IndexedDB from an extension page. */
export type DatabaseDump = Record<string, Record<string, unknown>[]>;

/**
 * Reads the whole `interview-copilot` database from an extension page (`options.html`), the way any view of
 * the extension's own origin sees it. Opens the page if `page` is not given.
 */
export async function readDatabase(context: BrowserContext, extensionId: string, page?: Page): Promise<DatabaseDump> {
  let reader = page;
  if (!reader) {
    reader = context.pages().find((p) => p.url().startsWith(`chrome-extension://${extensionId}/options.html`));
    if (!reader) {
      reader = await context.newPage();
      await reader.goto(`chrome-extension://${extensionId}/options.html`);
    }
  }
  return reader.evaluate(
    () =>
      new Promise<DatabaseDump>((resolve, reject) => {
        const open = indexedDB.open('interview-copilot');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          if (names.length === 0) {
            db.close();
            resolve({});
            return;
          }
          const tx = db.transaction(names, 'readonly');
          const dump: DatabaseDump = {};
          for (const name of names) {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => (dump[name] = request.result as Record<string, unknown>[]);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(dump);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Starts an interview from the panel's start form. */
export async function startFromPanel(frame: Frame, candidate: string, guideTitle = 'Backend Engineer (EN)'): Promise<void> {
  await frame.getByRole('textbox', { name: 'Candidate', exact: true }).fill(candidate);
  await frame.getByRole('combobox', { name: 'Role guide', exact: true }).selectOption({ label: guideTitle });
  await frame.getByRole('button', { name: 'Start interview', exact: true }).click();
  await expect(frame.getByTestId('candidate-name')).toHaveText(candidate);
}

/** The panel frame's start, in the frame's own clock (ms); null for what did not happen. */
export interface PanelStartTimings {
  /** The frame's first contentful paint. */
  firstPaint: number | null;
  /** The React app's script started (User Timing mark `panel:app`, entrypoints/panel/boot.tsx). */
  app: number | null;
  /** The app showed more than its loading line (mark `panel:content`, components/panel/PanelApp.tsx). */
  content: number | null;
}

/** Reads {@link PanelStartTimings}; runs inside the panel frame (pass it to Playwright's or puppeteer's `evaluate`). */
export function readPanelStartTimings(): PanelStartTimings {
  return {
    firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    app: performance.getEntriesByName('panel:app')[0]?.startTime ?? null,
    content: performance.getEntriesByName('panel:content')[0]?.startTime ?? null,
  };
}

/**
 * The panel's first paint was its shell's: before the app's script started, which came before the app's first view
 * (issue 12, item 5).
 */
export function expectShellPaintedFirst(timings: PanelStartTimings): void {
  expect(timings.firstPaint).not.toBeNull();
  expect(timings.app).not.toBeNull();
  expect(timings.firstPaint!).toBeLessThan(timings.app!);
  expect(timings.content!).toBeGreaterThan(timings.app!);
}
