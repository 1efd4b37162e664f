import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { createBackup } from '../../lib/export/backup';
import { makeSyntheticBundles, SYNTHETIC_SNAPSHOT_KEY } from '../../lib/export/fixtures';
import type { Guide } from '../../lib/guides/schema';
import { errorsOf, expect, launchChromium, newWatchedPage, serveCallPages, test } from './support/chromium';
import { fixturePage } from './support/pages';
import { screenshotPath } from './support/screenshots';
import { seedBackup } from './support/options-data';

const MEETING = 'https://meet.google.com/abc-defg-hij';
type Dump = Record<string, Record<string, unknown>[]>;

/** Sends one protocol message from an extension page, in @webext-core/messaging's wire shape. */
async function protocol<T>(page: Page, name: string, data: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ({ name, data }) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
      return runtime.sendMessage({ id: Math.floor(Math.random() * 1e6), type: name, data, timestamp: Date.now() });
    },
    { name, data },
  );
  const { res, err } = answer as { res?: { ok: boolean; value?: T; error?: unknown }; err?: unknown };
  if (err || !res?.ok) throw new Error(`${name} failed: ${JSON.stringify(err ?? res?.error)}`);
  return res.value as T;
}

/** Every row of every table, read with raw IndexedDB from an extension page, sorted so dumps compare. */
async function dumpDatabase(page: Page): Promise<Dump> {
  return page.evaluate(
    () =>
      new Promise<Dump>((resolve, reject) => {
        const open = indexedDB.open('interview-copilot');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const dump: Dump = {};
          for (const name of names) {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => {
              dump[name] = (request.result as Record<string, unknown>[]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
            };
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

async function openOptions(context: BrowserContext, extensionId: string, hash = '#/interviews'): Promise<Page> {
  const page = await newWatchedPage(context);
  await page.goto(`chrome-extension://${extensionId}/options.html${hash}`);
  // Ready once the background answered and the settings are read (a working connection shows no line).
  await expect(page.getByTestId('options')).toHaveAttribute('data-ready', 'true');
  return page;
}

async function seed(page: Page) {
  const guide = await protocol<Guide>(page, 'guides.get', { id: 'backend-engineer' });
  return protocol(page, 'data.import', { backup: seedBackup(guide) });
}

test('notes typed in the panel appear in the options page, live', async ({ context, extensionId }) => {
  await serveCallPages(context, {
    [MEETING]: { body: fixturePage('meet/in-call.html') },
    'https://meet.google.com/': { body: fixturePage('meet/home.html') },
  });
  const call = await context.newPage();
  await call.goto(MEETING);
  await expect.poll(() => call.frames().filter((f) => f.url().includes('/panel.html')).length, { timeout: 15_000 }).toBe(1);
  const panel = call.frames().find((f) => f.url().includes('/panel.html'))!;
  await panel.getByRole('textbox', { name: 'Candidate', exact: true }).fill('Dana Whitfield');
  await panel.getByRole('combobox', { name: 'Role guide', exact: true }).selectOption({ label: 'Backend Engineer (EN)' });
  await panel.getByRole('button', { name: 'Start interview', exact: true }).click();
  await expect(panel.getByTestId('candidate-name')).toHaveText('Dana Whitfield');
  const notes = panel.getByRole('textbox', { name: 'Notes', exact: true });
  await notes.fill('Drew the write path before the read path');
  await notes.press('Enter');
  await expect(panel.getByTestId('note-entries')).toContainText('Drew the write path before the read path');

  const options = await openOptions(context, extensionId);
  const errors = errorsOf(options);
  await options.getByRole('link', { name: 'Dana Whitfield' }).click();
  await expect(options).toHaveURL(/#\/interviews\/[\w-]+$/);
  const timeline = options.getByTestId('timeline');
  await expect(timeline).toContainText('Drew the write path before the read path');
  await expect(options.getByTestId('timeline-note').first()).toContainText(/^\d\d:\d\d/);

  // A note typed while the options page is open shows up there without a reload.
  await notes.fill('Chose idempotency keys for retries');
  await notes.press('Enter');
  await expect(timeline).toContainText('Chose idempotency keys for retries', { timeout: 5000 });
  expect(errors).toEqual([]);
});

test('an exported JSON backup, wiped data, then the import restores the same records', async ({ context, extensionId }) => {
  test.setTimeout(120_000); // several exports and a full import: about 20 s alone, more on a busy 2-core machine
  const page = await openOptions(context, extensionId, '#/data');
  const errors = errorsOf(page);
  await seed(page);
  await protocol(page, 'guides.save', {
    guide: { ...(await protocol<Guide>(page, 'guides.get', { id: 'backend-engineer' })), id: 'backend-platform', title: 'Backend (platform team)' },
  });
  const before = await dumpDatabase(page);
  expect(before.interviews).toHaveLength(8);
  expect(before.customGuides).toHaveLength(1);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'JSON backup' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^interviews-\d{4}-\d\d-\d\d\.json$/);
  mkdirSync(test.info().outputDir, { recursive: true });
  const file = path.join(test.info().outputDir, download.suggestedFilename());
  await download.saveAs(file);
  const text = readFileSync(file, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'interview-copilot-backup', version: 1 });

  // Typed confirmation: the button stays disabled until the word is typed exactly.
  const wipe = page.getByRole('button', { name: 'Delete everything' });
  await expect(wipe).toBeDisabled();
  await page.getByLabel('Type DELETE to confirm').fill('delete');
  await expect(wipe).toBeDisabled();
  await page.getByLabel('Type DELETE to confirm').fill('DELETE');
  await wipe.click();
  await expect(page.getByText('All data deleted (8 interviews).')).toBeVisible();
  const wiped = await dumpDatabase(page);
  expect(Object.values(wiped).every((rows) => rows.length === 0)).toBe(true);

  // A corrupted copy is refused whole on the page, before anything is sent.
  await page.getByRole('link', { name: 'Import' }).click();
  const broken = text.replace('"candidateName": "Alex Rivera"', '"candidateName": ""');
  await page.getByLabel('Or paste the backup').fill(broken);
  await expect(page.getByTestId('backup-problems')).toContainText(/interviews\[\d+\]\.candidateName/);
  await expect(page.getByRole('button', { name: 'Import this backup' })).toHaveCount(0);
  await page.getByLabel('Or paste the backup').fill('');

  await page.getByLabel('Backup file').setInputFiles(file);
  await expect(page.getByTestId('backup-summary')).toContainText('8 interviews');
  await page.getByRole('button', { name: 'Import this backup' }).click();
  await expect(page.getByTestId('import-report')).toContainText('Import finished.');
  const added = Number(await page.getByTestId('report-added').textContent());
  expect(added).toBe(Object.values(before).reduce((n, rows) => n + rows.length, 0));
  expect(await dumpDatabase(page)).toEqual(before);

  // Importing the same file again changes nothing.
  await page.getByLabel('Backup file').setInputFiles([]);
  await page.getByLabel('Backup file').setInputFiles(file);
  await page.getByRole('button', { name: 'Import this backup' }).click();
  await expect(page.getByTestId('report-added')).toHaveText('0');
  await expect(page.getByTestId('report-unchanged')).toHaveText(String(added));
  expect(await dumpDatabase(page)).toEqual(before);

  // The list shows them again.
  await page.getByRole('link', { name: 'Interviews' }).click();
  await expect(page.getByTestId('list-count')).toHaveText('Interviews: 8');
  expect(errors).toEqual([]);
});

test('the CSV export uses the delimiter chosen in Settings, with the BOM and CRLF', async ({ context, extensionId }) => {
  const page = await openOptions(context, extensionId, '#/settings');
  await seed(page);
  const group = page.getByRole('group', { name: 'Separator between columns' });
  // An English browser starts with commas.
  await expect(group.getByRole('radio', { name: 'Comma (,)' })).toBeChecked();
  await group.getByRole('radio', { name: 'Semicolon (;)' }).check();
  await expect(group.getByRole('radio', { name: 'Semicolon (;)' })).toBeChecked();

  await page.goto(`chrome-extension://${extensionId}/options.html#/data`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="csv"]').first().click()]);
  mkdirSync(test.info().outputDir, { recursive: true });
  const file = path.join(test.info().outputDir, download.suggestedFilename());
  await download.saveAs(file);
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('\uFEFFinterview_id;candidate;candidate_ref;')).toBe(true);
  expect(text.split('\r\n').filter((l) => l.includes(';note;')).length).toBeGreaterThan(0);
});

test('the guide preview shows the seed guide\'s interview tips (screenshot)', async ({ context, extensionId }) => {
  const page = await openOptions(context, extensionId, '#/guides/backend-engineer');
  const guide = await protocol<Guide>(page, 'guides.get', { id: 'backend-engineer' });
  expect(guide.tips.length).toBeGreaterThan(0);
  const tips = page.getByRole('region', { name: 'Interview tips' });
  await expect(tips.getByRole('listitem')).toHaveText(guide.tips.map((t) => t.text));
  await tips.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('options-guide-tips-en.png') });
});

test('the list works with 5,000 interviews: virtualised, search, sort, select all, scroll (timings: `npm run bench`, options-list)', async ({ context, extensionId }) => {
  test.setTimeout(180_000);
  const page = await openOptions(context, extensionId, '#/data');
  const bundles = makeSyntheticBundles(5000, 2);
  expect(bundles[0]!.interview.guideSnapshotKey).toBe(SYNTHETIC_SNAPSHOT_KEY);
  const report = await protocol<{ added: number }>(page, 'data.import', { backup: createBackup(bundles, [], Date.now()) });
  expect(report.added).toBeGreaterThan(5000);

  // A fresh page lists them all.
  const list = await newWatchedPage(context);
  const errors = errorsOf(list);
  await list.goto(`chrome-extension://${extensionId}/options.html#/interviews`);
  await list.getByTestId('interview-row').first().waitFor();
  await expect(list.getByTestId('list-count')).toHaveText('Interviews: 5000');
  // Virtualised: only the rows in view (plus overscan) are in the DOM.
  const rendered = await list.getByTestId('interview-row').count();
  expect(rendered).toBeLessThan(80);

  // Scroll to the end: the oldest interview is there.
  await list.getByTestId('interview-rows').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(list.locator('[role="row"][aria-rowindex="5001"]')).toBeVisible();

  // Search by candidate narrows the list; a date search works too.
  const name = bundles[1234]!.interview.candidateName;
  await list.getByLabel('Search').fill(name);
  const matching = bundles.filter((b) => b.interview.candidateName.toLowerCase().includes(name.toLowerCase())).length;
  await expect(list.getByTestId('list-count')).toHaveText(`Interviews: ${matching}`);
  await list.getByLabel('Search').fill('2025-01-06');
  await expect(list.getByTestId('list-count')).toHaveText('Interviews: 15');

  // Sorting by candidate puts an "A" name first; select all selects every listed interview.
  await list.getByLabel('Search').fill('');
  await expect(list.getByTestId('list-count')).toHaveText('Interviews: 5000');
  await list.getByLabel('Sort by').selectOption('candidate');
  await expect(list.getByTestId('interview-row').first()).toContainText(/^A/);
  await list.getByLabel('Select all listed interviews').check();
  await expect(list.getByTestId('list-count')).toHaveText('Selected: 5000 of 5000');
  expect(errors).toEqual([]);
});

test('screenshots of the list and the detail view, in English and Italian, with no serious accessibility problem', async () => {
  test.setTimeout(120_000);
  for (const locale of ['en-US', 'it']) {
    const lang = locale.slice(0, 2);
    const context = await launchChromium({ locale, viewport: { width: 1280, height: 860 } });
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const extensionId = new URL(worker.url()).host;
      const page = await openOptions(context, extensionId, '#/interviews');
      await seed(page);
      await expect(page.getByTestId('interview-row')).toHaveCount(8);
      await page.getByRole('checkbox').nth(2).check();
      await page.getByRole('checkbox').nth(4).check();
      await page.screenshot({ path: screenshotPath(`options-list-${lang}.png`) });
      const axeList = await new AxeBuilder({ page }).analyze();
      expect(axeList.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);

      await page.goto(`chrome-extension://${extensionId}/options.html#/interviews/seed-1`);
      await expect(page.getByTestId('timeline-note')).toHaveCount(6);
      await page.screenshot({ path: screenshotPath(`options-detail-${lang}.png`), fullPage: true });
      const axeDetail = await new AxeBuilder({ page }).analyze();
      expect(axeDetail.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);

      // The print layout hides navigation and buttons.
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByRole('navigation')).toBeHidden();
      await expect(page.getByRole('button', { name: lang === 'en' ? 'Print or save as PDF' : 'Stampa o salva come PDF' })).toBeHidden();
      await page.screenshot({ path: screenshotPath(`options-print-${lang}.png`), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
    } finally {
      await context.close();
    }
  }
});

test('the data view lists the call states detection saw, in words', async ({ context, extensionId }) => {
  await serveCallPages(context, { [MEETING]: { body: fixturePage('meet/in-call.html') } });
  const call = await context.newPage();
  await call.goto(MEETING);
  await expect.poll(() => call.frames().filter((f) => f.url().includes('/panel.html')).length, { timeout: 15_000 }).toBe(1);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#/data`);
  const row = page.getByRole('row').filter({ hasText: 'Google Meet' }).first();
  await expect(row).toContainText('In call', { timeout: 15_000 });
  await expect(row).toContainText(MEETING);
});
