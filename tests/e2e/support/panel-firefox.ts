import type { Frame, Page } from 'puppeteer-core';
import { openExtensionPage, serveCallPagesFirefox, waitForPanelFrame, type FirefoxSession } from './firefox';
import { fixturePage } from './pages';
import { MEETING_URL } from './panel';
import { sleep } from './wait';

/** Opens the Meet fixture meeting in a new Firefox tab and returns the tab and its panel frame. */
export async function openMeetingFirefox(session: FirefoxSession): Promise<{ page: Page; frame: Frame }> {
  const page = await session.browser.newPage();
  await serveCallPagesFirefox(page, { [MEETING_URL]: { body: fixturePage('meet/in-call.html') } });
  await page.goto(MEETING_URL);
  return { page, frame: await waitForPanelFrame(page) };
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
