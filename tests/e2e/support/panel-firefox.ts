import type { Frame, Page } from 'puppeteer-core';
import { openExtensionPage, serveCallPagesFirefox, waitForPanelFrame, type FirefoxSession } from './firefox';
import { fixturePage } from './pages';
import { MEETING_URL } from './panel';
import { sleep } from './wait';

/**
 * Opens the Meet fixture meeting in a new Firefox tab and returns the tab and its panel frame. Tests that start
 * an interview pass a `url` of their own (one browser serves the whole spec file: an interview running on a
 * meeting is found again by the next test on that meeting).
 * @param viewport the tab's size, set before the meeting loads (the panel is placed for it).
 */
export async function openMeetingFirefox(
  session: FirefoxSession,
  url = MEETING_URL,
  viewport?: { width: number; height: number },
): Promise<{ page: Page; frame: Frame }> {
  const page = await session.browser.newPage();
  if (viewport) await page.setViewport(viewport);
  await serveCallPagesFirefox(page, { [url]: { body: fixturePage('meet/in-call.html') } });
  await page.goto(url);
  return { page, frame: await waitForPanelFrame(page) };
}

/** The panel host's box (frame and grip) in the call page's viewport, CSS px. */
export function panelHostBoxFirefox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.$eval('[data-interview-copilot]', (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
}

/**
 * Collapses the panel with its header's "Collapse the panel" button, as the interviewer does, and waits until the
 * frame shows the handle and the host has shrunk to it (the content script resizes the host after the panel asks).
 * @throws when the handle or the small host do not come within `timeoutMs`.
 */
export async function collapsePanelFirefox(page: Page, frame: Frame, timeoutMs = 10_000): Promise<void> {
  await frame.waitForSelector('button[aria-label="Collapse the panel"]', { timeout: timeoutMs });
  await frame.click('button[aria-label="Collapse the panel"]');
  await waitForCollapsedFirefox(page, frame, timeoutMs);
}

/** Waits until the panel shows its collapsed handle and the host is handle-sized (under 80 px high). */
export async function waitForCollapsedFirefox(page: Page, frame: Frame, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await frame.waitForSelector('[data-testid="panel-handle"]', { timeout: timeoutMs });
  for (;;) {
    const { height } = await panelHostBoxFirefox(page);
    if (height < 80) return;
    if (Date.now() > deadline) throw new Error(`the panel host is still ${height} px high after collapsing`);
    await sleep(100);
  }
}

/** Expands a collapsed panel by clicking its handle and waits for the drawer (the candidate's name in its header). */
export async function expandPanelFirefox(frame: Frame, timeoutMs = 10_000): Promise<void> {
  await frame.waitForSelector('[data-testid="panel-handle"]', { timeout: timeoutMs });
  await frame.click('[data-testid="panel-handle"]');
  await frame.waitForSelector('[data-testid="candidate-name"]', { timeout: timeoutMs });
}

/** The text content of the first element matching `selector` in the frame, or null when there is none. */
export function textInFrame(frame: Frame, selector: string): Promise<string | null> {
  return frame.$eval(selector, (el) => el.textContent).catch(() => null);
}

/** Starts an interview from the panel's form (default guide and stage). */
export async function startFromPanelFirefox(frame: Frame, candidate: string): Promise<void> {
  await frame.waitForSelector('#start-candidate', { timeout: 15_000 });
  await frame.type('#start-candidate', candidate);
  await frame.waitForSelector('#start-guide option');
  await frame.click('form button[type="submit"]');
  await frame.waitForSelector('[data-testid="candidate-name"]', { timeout: 10_000 });
}

/** Every row of a table of the extension's database, read with raw IndexedDB from an extension page. */
export async function readTableFirefox(session: FirefoxSession, table: string, reader?: Page): Promise<Record<string, unknown>[]> {
  const page = reader ?? (await openExtensionPage(session, 'options.html'));
  try {
    return await page.evaluate(
      (name) =>
        new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const open = indexedDB.open('interview-copilot');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (![...db.objectStoreNames].includes(name)) {
              db.close();
              resolve([]);
              return;
            }
            const request = db.transaction(name, 'readonly').objectStore(name).getAll();
            request.onsuccess = () => {
              db.close();
              resolve(request.result as Record<string, unknown>[]);
            };
            request.onerror = () => reject(request.error);
          };
        }),
      table,
    );
  } finally {
    if (!reader) await page.close();
  }
}

/** Polls the notes table until a note with exactly `text` exists. @throws after `timeoutMs`. */
export async function waitForNoteFirefox(session: FirefoxSession, text: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const reader = await openExtensionPageRetrying(session, deadline);
  try {
    for (;;) {
      const notes = await readTableFirefox(session, 'notes', reader);
      if (notes.some((n) => n.text === text)) return;
      if (Date.now() > deadline) throw new Error(`no note "${text}" within ${timeoutMs} ms; notes: ${JSON.stringify(notes.map((n) => n.text))}`);
      await sleep(100);
    }
  } finally {
    await reader.close();
  }
}

/** Opens `options.html`, trying again while the add-on is still reloading (its pages then fail to load). */
async function openExtensionPageRetrying(session: FirefoxSession, deadline: number): Promise<Page> {
  for (;;) {
    try {
      return await openExtensionPage(session, 'options.html');
    } catch (error) {
      if (Date.now() > deadline) throw error;
      for (const page of await session.browser.pages()) {
        if (page.url().startsWith(session.origin)) await page.close().catch(() => undefined);
      }
      await sleep(300);
    }
  }
}
