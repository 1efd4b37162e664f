import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import type { Guide } from '../../lib/guides/schema';
import { extensionPageErrors, launchFirefox, openExtensionPage, type FirefoxSession } from './support/firefox';
import { seedBackup } from './support/options-data';
import { screenshotPath } from './support/screenshots';
import { sleep } from './support/wait';

let session: FirefoxSession;
test.beforeAll(async () => {
  session = await launchFirefox();
});
test.afterAll(async () => {
  await session?.close();
});

/** Sends one protocol message from an extension page, in @webext-core/messaging's wire shape. */
async function protocol<T>(page: Page, name: string, data: unknown): Promise<T> {
  const answer = await page.evaluate(
    async (name, data) => {
      const runtime = (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser.runtime;
      return runtime.sendMessage({ id: Math.floor(Math.random() * 1e6), type: name, data, timestamp: Date.now() });
    },
    name,
    data as never,
  );
  const { res, err } = answer as { res?: { ok: boolean; value?: T; error?: unknown }; err?: unknown };
  if (err || !res?.ok) throw new Error(`${name} failed: ${JSON.stringify(err ?? res?.error)}`);
  return res.value as T;
}

const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '');

async function waitForText(page: Page, selector: string, expected: string | RegExp, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await text(page, selector).catch(() => '');
    if (typeof expected === 'string' ? value.includes(expected) : expected.test(value)) return value;
    if (Date.now() > deadline) throw new Error(`${selector}: expected ${String(expected)}, got "${value}"`);
    await sleep(100);
  }
}

test('the options page lists an interview, shows its detail, and a backup exported then wiped imports back the same', async () => {
  const page = await openExtensionPage(session, 'options.html#/interviews');
  const errors = extensionPageErrors(page);
  await page.waitForSelector('[data-testid="options"][data-ready="true"]', { timeout: 10_000 });

  const guide = await protocol<Guide>(page, 'guides.get', { id: 'backend-engineer' });
  await protocol(page, 'data.import', { backup: seedBackup(guide) });
  await waitForText(page, '[data-testid="list-count"]', 'Interviews: 8');
  const rows = await page.$$eval('[data-testid="interview-row"] a', (links) => links.map((a) => a.textContent));
  expect(rows).toContain('Alex Rivera');

  // Detail view through the list's link.
  await page.$$eval('[data-testid="interview-row"] a', (links) => (links.find((a) => a.textContent === 'Alex Rivera') as HTMLAnchorElement).click());
  await page.waitForSelector('[data-testid="interview-detail"]');
  await waitForText(page, '[data-testid="timeline"]', 'Normalised the order schema');
  expect(await text(page, '#interview-title')).toBe('Alex Rivera');

  // Export: the Data page's JSON backup produces a download link named by content and date.
  const backup = await protocol<Record<string, unknown[]>>(page, 'data.export', {});
  expect(backup.interviews).toHaveLength(8);
  await page.evaluate(() => (location.hash = '#/data'));
  // The detail view has export buttons too: wait for the Data page's own form, or the click may land on the
  // detail view's button while it is being replaced (seen once in CI: the click hit nothing).
  await page.waitForSelector('#wipe-confirm');
  expect(await page.$$eval('[data-testid="interview-detail"]', (nodes) => nodes.length)).toBe(0);
  await page.evaluate(() => {
    // Firefox offers no download event over BiDi here: catch the generated link instead of letting it navigate.
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (this.download) document.body.dataset.lastDownload = this.download;
      else original.call(this);
    };
  });
  await page.click('button[data-export="json"]');
  await page.waitForFunction(() => document.body.dataset.lastDownload !== undefined, { timeout: 10_000 });
  expect(await page.evaluate(() => document.body.dataset.lastDownload)).toMatch(/^interviews-\d{4}-\d\d-\d\d\.json$/);

  // Wipe with the typed word, then import through the Import page's paste box.
  await page.type('#wipe-confirm', 'DELETE');
  await page.click('form button[type="submit"]');
  await page.waitForFunction(() => document.body.textContent?.includes('All data deleted (8 interviews).'), { timeout: 10_000 });
  expect((await protocol<{ total: number }>(page, 'interviews.list', {})).total).toBe(0);

  await page.evaluate(() => (location.hash = '#/import'));
  await page.waitForSelector('#backup-paste');
  // Typing 60 kB key by key is slow; set the value the way React sees a paste.
  await page.$eval(
    '#backup-paste',
    (el, value) => {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      setter.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    JSON.stringify(backup),
  );
  await waitForText(page, '[data-testid="backup-summary"]', '8 interviews');
  await page.$$eval('button', (buttons) => (buttons.find((b) => b.textContent === 'Import this backup') as HTMLButtonElement).click());
  await waitForText(page, '[data-testid="import-report"]', 'Import finished.');
  const after = await protocol<Record<string, unknown[]>>(page, 'data.export', {});
  const strip = (b: Record<string, unknown>) => ({ ...b, exportedAt: '' });
  expect(strip(after)).toEqual(strip(backup));
  expect(errors).toEqual([]);
  await page.close();
});

test('the options page\'s guide preview shows the seed guide\'s interview tips in Firefox (issue 12, item 4)', async () => {
  const page = await openExtensionPage(session, 'options.html#/guides/backend-engineer');
  const errors = extensionPageErrors(page);
  await page.waitForSelector('[data-testid="options"][data-ready="true"]', { timeout: 10_000 });
  const guide = await protocol<Guide>(page, 'guides.get', { id: 'backend-engineer' });
  expect(guide.tips.length).toBeGreaterThan(0);
  await page.waitForSelector('[data-testid="guide-tips"] li', { timeout: 10_000 });
  // The region is named by its heading, and lists every tip of the seed guide, in order.
  const shown = await page.$eval('[data-testid="guide-tips"]', (section) => ({
    heading: document.getElementById(section.getAttribute('aria-labelledby') ?? '')?.textContent ?? null,
    tips: [...section.querySelectorAll('li')].map((li) => li.textContent),
  }));
  expect(shown).toEqual({ heading: 'Interview tips', tips: guide.tips.map((t) => t.text) });
  await page.$eval('[data-testid="guide-tips"]', (el) => el.scrollIntoView());
  await page.screenshot({ path: screenshotPath('options-guide-tips-firefox-en.png') });
  expect(errors).toEqual([]);
  await page.close();
});
