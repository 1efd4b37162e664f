import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import type { Guide } from '../../lib/guides/schema';
import { docId, SYNC_TABLES, type SyncDoc, type SyncRows, type SyncTable } from '../../lib/sync/docs';
import { ADMIN, allDocs, setupTeam } from '../../scripts/sync-server.mjs';
import { extensionPageErrors, launchFirefox, openExtensionPage, type FirefoxSession } from './support/firefox';
import { SyncServerProcess } from './support/sync-server';
import { CANDIDATE, scorecardBackup, scorecardBundle, t, type Scorecard } from './support/sync-data';

/**
 * Team sync in Firefox with the real permission grant: with `extensions.webextOptionalPermissionPrompts` off,
 * Firefox grants `permissions.request` from the click without showing its prompt, so the background reaches the
 * server with the host permission (the server here answers no CORS at all).
 */

const DATABASE = 'hiring-frontend';
const ALICE = { name: 'alice', password: 'alice-pw', display: 'Alice Moreau' };
const BOB = { name: 'bob', password: 'bob-pw', display: 'Bruno Bianchi' };

const CARD_A: Scorecard = {
  id: 'ff-alice-1',
  at: Date.UTC(2026, 10, 24, 9),
  recommendation: 'yes',
  notes: ['Explained the rendering pipeline from the first byte'],
  ratings: ['yes', 'yes'],
};
const CARD_B: Scorecard = {
  id: 'ff-bob-1',
  at: Date.UTC(2026, 10, 25, 14),
  recommendation: 'strong-yes',
  notes: ['Profiled the slow list before touching it'],
  ratings: ['strong-yes', 'yes'],
};

let server: SyncServerProcess;
let session: FirefoxSession;

test.beforeAll(async () => {
  server = await SyncServerProcess.start();
  await setupTeam(server.url, DATABASE, [ALICE, BOB]);
  session = await launchFirefox({ prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
});
test.afterAll(async () => {
  await session?.close();
  await server?.dispose();
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

/** Types into the input whose label reads `label`, as the interviewer does. */
async function fill(page: Page, label: string, value: string): Promise<void> {
  const id = await page.$$eval('label', (labels, text) => labels.find((l) => l.textContent === text)?.htmlFor ?? '', label);
  if (!id) throw new Error(`no field labelled ${label}`);
  const selector = `[id="${id}"]`;
  await page.$eval(selector, (input) => ((input as HTMLInputElement).value = ''));
  await page.type(selector, value);
}

/** The teammate's interview as the server holds it after their own sync: one document per row. */
async function seedTeammate(guide: Guide): Promise<void> {
  const bundle = scorecardBundle(guide, CARD_B);
  const rows: Partial<Record<SyncTable, SyncRows[SyncTable][]>> = {
    interviews: [bundle.interview],
    notes: bundle.notes,
    criterionRatings: bundle.criterionRatings,
    guideSnapshots: [{ key: bundle.interview.guideSnapshotKey, guide, createdAt: bundle.interview.createdAt }],
  };
  const docs: SyncDoc[] = SYNC_TABLES.flatMap((table) =>
    (rows[table] ?? []).map((row) => ({ _id: docId(table, row, BOB.name), table, owner: BOB.name, ownerName: BOB.display, row })),
  );
  const response = await fetch(`${server.url}/${DATABASE}/_bulk_docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}` },
    body: JSON.stringify({ docs }),
  });
  expect(response.status).toBe(201);
}

const hasOrigin = (page: Page, pattern: string) =>
  page.evaluate((pattern) => (globalThis as unknown as { browser: typeof chrome }).browser.permissions.contains({ origins: [pattern] }), pattern);

test('Firefox: turning sync on grants exactly the server host; the interview goes up, the teammate’s comes down read-only', async () => {
  test.setTimeout(180_000);
  const page = await openExtensionPage(session, 'options.html#/sync');
  const errors = extensionPageErrors(page);
  await page.waitForSelector('[data-testid="sync-status"]', { timeout: 10_000 });
  const guide = await protocol<Guide>(page, 'guides.get', { id: 'backend-engineer' });
  await protocol(page, 'data.import', { backup: scorecardBackup(guide, CARD_A) });
  await seedTeammate(guide);
  expect(await hasOrigin(page, 'http://127.0.0.1/*')).toBe(false);

  await fill(page, t('en', 'sync.form.serverUrl'), server.url);
  await fill(page, t('en', 'sync.form.database'), DATABASE);
  await fill(page, t('en', 'sync.form.username'), ALICE.name);
  await fill(page, t('en', 'sync.form.password'), ALICE.password);
  await fill(page, t('en', 'sync.form.displayName'), ALICE.display);
  await page.click('form[aria-labelledby="team-sync-title"] button[type="submit"]');

  // The real grant, from the click: the background then reaches the server without CORS.
  await page.waitForSelector('[data-testid="sync-status"][data-state="synced"]', { timeout: 90_000 });
  expect(await hasOrigin(page, 'http://127.0.0.1/*')).toBe(true);
  expect(server.requests.filter((r) => r.method === 'OPTIONS')).toEqual([]);
  const mine = (await allDocs(server.url, DATABASE)).filter((d) => d.owner === ALICE.name);
  expect(mine.map((d) => d._id)).toContain(`interview:${CARD_A.id}`);
  expect(mine.map((d) => d._id)).toContain(`interview:${CARD_A.id}:note:${CARD_A.id}-note-0`);

  // The debrief holds both scorecards; the teammate's is read-only.
  await page.evaluate(() => (location.hash = '#/debrief'));
  const open = t('en', 'debrief.open').replace('$1', '2');
  await page.waitForFunction((text) => [...document.querySelectorAll('button')].some((b) => b.textContent === text), { timeout: 60_000 }, open);
  await page.$$eval('button', (buttons, text) => (buttons.find((b) => b.textContent === text) as HTMLButtonElement).click(), open);
  await page.waitForSelector('[data-testid="debrief-scorecard"]');
  const cards = await page.$$eval('[data-testid="debrief-scorecard"]', (nodes) => nodes.map((n) => n.textContent ?? ''));
  expect(cards).toHaveLength(2);
  expect(cards.find((c) => c.includes(BOB.display))).toContain(t('en', 'debrief.readOnly'));
  expect(cards.find((c) => c.includes(ALICE.display))).not.toContain(t('en', 'debrief.readOnly'));
  expect(await page.$eval('[data-testid="debrief"]', (n) => n.textContent)).toContain(CARD_B.notes[0]);
  expect(await page.$eval('[data-testid="debrief"]', (n) => n.textContent)).toContain(CANDIDATE.name);

  // Turning off gives the origin back.
  await page.evaluate(() => (location.hash = '#/sync'));
  await page.waitForSelector('[data-testid="sync-status"]');
  await page.$$eval('button', (buttons, text) => (buttons.find((b) => b.textContent === text) as HTMLButtonElement).click(), t('en', 'sync.form.turnOff'));
  await page.waitForSelector('[data-testid="sync-status"][data-state="off"]');
  await page.waitForFunction(
    (pattern) => (globalThis as unknown as { browser: typeof chrome }).browser.permissions.contains({ origins: [pattern] }).then((has) => !has),
    { timeout: 10_000 },
    'http://127.0.0.1/*',
  );
  expect(errors).toEqual([]);
});
