import { expect, test } from '@playwright/test';
import type { BrowserContext, Page } from 'playwright-core';
import type { InterviewBundle } from '../../lib/db/records';
import type { Guide } from '../../lib/guides/schema';
import type { SyncStatus } from '../../lib/sync/status';
import { allDocs, setupTeam } from '../../scripts/sync-server.mjs';
import { errorsOf, extensionIdOf, launchChromium, newWatchedPage } from './support/launch';
import { screenshotPath } from './support/screenshots';
import { SyncServerProcess } from './support/sync-server';
import { CANDIDATE, scorecardBackup, scorecardBundle, t, type Scorecard } from './support/sync-data';

/**
 * Team sync between two Chromium profiles (two interviewers) through the CouchDB-protocol test server
 * (scripts/sync-server.mjs, a child process on a random port with its data in a temporary folder).
 *
 * Headless Chromium cannot answer `permissions.request` (it would show the browser's prompt), so the options
 * page's call is replaced by one that records the origin asked for and says yes, and the server answers with
 * CORS (without the host permission the worker's requests are cross-origin). The Firefox spec grants the real
 * permission. Waits are on states (the status the page shows, requests the server saw), never on time.
 */

const DATABASE = 'hiring-backend';
const ALICE = { name: 'alice', password: 'alice-pw', display: 'Alice Moreau' };
const BOB = { name: 'bob', password: 'bob-pw', display: 'Bruno Bianchi' };
/** An account the server knows that is not a member of the team's database. */
const CAROL = { name: 'carol', password: 'carol-pw', display: 'Carol' };
const DARIO = { name: 'dario', password: 'dario-pw', display: 'Dario Ferri' };
/** Syncing waits on the other profile's next cycles (every 3 s while its worker runs, else the 1-minute alarm). */
const ARRIVAL = { timeout: 90_000 };

const CARD_A: Scorecard = {
  id: 'sync-alice-1',
  at: Date.UTC(2026, 10, 24, 9),
  recommendation: 'yes',
  notes: ['Walked through the outbox pattern for the order events', 'Asked how on-call works before we asked her'],
  ratings: ['yes', 'strong-yes', 'no'],
  redFlagNote: 'Blamed the previous team for the outage',
};
const CARD_B: Scorecard = {
  id: 'sync-bob-1',
  at: Date.UTC(2026, 10, 25, 14),
  recommendation: 'no',
  notes: ['Index design was vague: no composite index for the hot query'],
  ratings: ['no', 'yes', 'no'],
};

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

interface Profile {
  context: BrowserContext;
  page: Page;
  locale: 'en' | 'it';
}

/** A new browser profile with the extension, its options page open on Team sync, the permission prompt stubbed. */
async function openProfile(locale: 'en' | 'it' = 'en'): Promise<Profile> {
  const context = await launchChromium({ locale: locale === 'it' ? 'it' : 'en-US', viewport: { width: 1100, height: 900 } });
  const id = await extensionIdOf(context);
  // Actions wait for their element no longer than assertions do (a missing label fails instead of hanging).
  context.setDefaultTimeout(15_000);
  const page = await newWatchedPage(context);
  await page.goto(`chrome-extension://${id}/options.html#/sync`);
  // The status comes from the background: the page is connected once it shows.
  await expect(page.getByTestId('sync-status')).toBeVisible();
  await page.evaluate(() => {
    const w = window as unknown as { requestedOrigins: string[]; chrome: { permissions: { request: unknown } } };
    w.requestedOrigins = [];
    // Says yes as the user would in the prompt headless Chromium cannot show; the origin asked for is kept.
    w.chrome.permissions.request = (permissions: { origins?: string[] }) => {
      w.requestedOrigins.push(...(permissions.origins ?? []));
      return Promise.resolve(true);
    };
  });
  return { context, page, locale };
}

async function seed(profile: Profile, card: Scorecard): Promise<Guide> {
  const guide = await protocol<Guide>(profile.page, 'guides.get', { id: 'backend-engineer' });
  const report = await protocol<{ added: number }>(profile.page, 'data.import', { backup: scorecardBackup(guide, card) });
  expect(report.added).toBeGreaterThan(0);
  return guide;
}

/** Fills Settings → Team sync and turns sync on, as the interviewer does. */
async function turnOn(profile: Profile, server: SyncServerProcess, user: { name: string; password: string; display: string }): Promise<void> {
  const { page, locale } = profile;
  await page.getByLabel(t(locale, 'sync.form.serverUrl'), { exact: true }).fill(server.url);
  await page.getByLabel(t(locale, 'sync.form.database'), { exact: true }).fill(DATABASE);
  await page.getByLabel(t(locale, 'sync.form.username'), { exact: true }).fill(user.name);
  await page.getByLabel(t(locale, 'sync.form.password'), { exact: true }).fill(user.password);
  await page.getByLabel(t(locale, 'sync.form.displayName'), { exact: true }).fill(user.display);
  await page.getByRole('button', { name: t(locale, 'sync.form.turnOn') }).click();
}

async function turnOff(profile: Profile): Promise<void> {
  await profile.page.getByRole('button', { name: t(profile.locale, 'sync.form.turnOff') }).click();
  await expect(statusOf(profile)).toHaveAttribute('data-state', 'off');
}

const statusOf = (profile: Profile) => profile.page.getByTestId('sync-status');

/** Waits until the status shows a completed, clean cycle with nothing waiting. */
async function waitSynced(profile: Profile): Promise<void> {
  await expect(statusOf(profile)).toHaveAttribute('data-state', 'synced', ARRIVAL);
  await expect(profile.page.getByTestId('sync-waiting')).toHaveText('0', ARRIVAL);
}

/** Opens the candidate's debrief in the options page. */
async function openDebrief(profile: Profile, scorecards: number): Promise<void> {
  const { page, locale } = profile;
  await page.evaluate(() => (location.hash = '#/debrief'));
  // A debrief opened earlier stays open: back to the candidates first.
  const back = page.getByRole('button', { name: t(locale, 'debrief.back') });
  if (await back.isVisible()) await back.click();
  const group = page.getByTestId('debrief-groups').locator('li').filter({ hasText: CANDIDATE.name });
  // The group lists every interviewer once their interview arrived.
  await expect(group.getByRole('button', { name: t(locale, 'debrief.open').replace('$1', String(scorecards)) })).toBeVisible(ARRIVAL);
  await group.getByRole('button').click();
  await expect(page.getByTestId('debrief-scorecard')).toHaveCount(scorecards);
}

const scorecard = (profile: Profile, interviewer: string) => profile.page.getByTestId('debrief-scorecard').filter({ hasText: interviewer });

/** How many documents a scorecard's rows make on the server (one per row, plus the guide snapshot). */
function documentsOf(bundle: InterviewBundle): number {
  return 1 + bundle.notes.length + bundle.criterionRatings.length + bundle.redFlagChecks.length + bundle.questionStates.length + 1;
}

test.describe.serial('team sync between two Chromium profiles', () => {
  let server: SyncServerProcess;
  let a: Profile;
  let b: Profile;
  let guide: Guide;

  test.beforeAll(async () => {
    server = await SyncServerProcess.start({ cors: true });
    await setupTeam(server.url, DATABASE, [ALICE, BOB, CAROL, DARIO], { members: [ALICE.name, BOB.name, DARIO.name] });
  });
  test.afterAll(async () => {
    await a?.context.close();
    await b?.context.close();
    await server?.dispose();
  });

  test('two interviewers: each one\'s scorecard arrives read-only in the other\'s debrief', async () => {
    test.setTimeout(240_000);
    a = await openProfile();
    b = await openProfile();
    guide = await seed(a, CARD_A);
    await seed(b, CARD_B);

    await turnOn(a, server, ALICE);
    await turnOn(b, server, BOB);
    // Exactly the server's origin is asked for, in the click.
    expect(await a.page.evaluate(() => (window as unknown as { requestedOrigins: string[] }).requestedOrigins)).toEqual(['http://127.0.0.1/*']);
    await waitSynced(a);
    await waitSynced(b);

    await openDebrief(b, 2);
    await expect(scorecard(b, ALICE.display)).toContainText(t('en', 'debrief.readOnly'));
    await expect(scorecard(b, BOB.display)).not.toContainText(t('en', 'debrief.readOnly'));
    await expect(b.page.getByTestId('debrief')).toContainText(CARD_A.notes[0]!);
    await expect(b.page.getByTestId('debrief')).toContainText(CARD_A.redFlagNote!);
    // Criteria × interviewers: one column per interviewer.
    await expect(b.page.locator('table thead th')).toHaveText([t('en', 'debrief.criterion'), ALICE.display, BOB.display]);
    await b.page.screenshot({ path: screenshotPath('debrief-en.png'), fullPage: true });

    await openDebrief(a, 2);
    await expect(scorecard(a, BOB.display)).toContainText(t('en', 'debrief.readOnly'));
    await expect(a.page.getByTestId('debrief')).toContainText(CARD_B.notes[0]!);
    // What came down from the server is not "waiting to be sent".
    await a.page.evaluate(() => (location.hash = '#/sync'));
    await expect(statusOf(a)).toHaveAttribute('data-state', 'synced');
    await expect(a.page.getByTestId('sync-waiting')).toHaveText('0');
    await expect(a.page.getByTestId('sync-problem')).toHaveCount(0);
    await a.page.screenshot({ path: screenshotPath('sync-settings-en.png'), fullPage: true });

    // A teammate's interview cannot be changed here.
    await expect(protocol(b.page, 'notes.upsert', { id: 'bob-writes-alice', interviewId: CARD_A.id, text: 'not mine' })).rejects.toThrow(/forbidden|read-only/);

    // On the server: one document per row, each with its writer.
    const docs = await allDocs(server.url, DATABASE);
    expect(docs).toHaveLength(documentsOf(scorecardBundle(guide, CARD_A)) + documentsOf(scorecardBundle(guide, CARD_B)));
    for (const doc of docs) expect(doc.owner).toBe(doc._id.includes(CARD_A.id) || doc._id.startsWith(`snapshot:${ALICE.name}:`) ? ALICE.name : BOB.name);
    expect(errorsOf(a.page)).toEqual([]);
    expect(errorsOf(b.page)).toEqual([]);
  });

  test('edits made while the server is down arrive once it is back; a crash in the middle of the upload loses and duplicates nothing', async () => {
    test.setTimeout(240_000);
    await a.page.evaluate(() => (location.hash = '#/sync'));
    await waitSynced(a);
    await server.kill();

    const offlineNote = 'Written offline: strong instincts on idempotent consumers';
    await protocol(a.page, 'notes.upsert', { id: 'sync-alice-offline', interviewId: CARD_A.id, text: offlineNote });
    await protocol(a.page, 'interviews.update', { id: CARD_A.id, patch: { recommendation: 'strong-yes' } });
    await expect(statusOf(a)).toHaveAttribute('data-problem', 'unreachable', ARRIVAL);
    await expect(a.page.getByTestId('sync-problem')).toContainText(t('en', 'sync.problem.unreachable'));
    await expect(a.page.getByTestId('sync-waiting')).not.toHaveText('0');
    await a.page.screenshot({ path: screenshotPath('sync-status-offline-en.png'), fullPage: true });

    // Back on the same folder and port, but it dies after storing the first upload and before answering it.
    const before = server.requests.length;
    await server.restart({ cors: true, crashOnBulkDocs: 1 });
    expect((await server.exited()).signal).toBe('SIGKILL');
    // (Requests of the other profile may come in while the upload is handled: look for it, not at the last one.)
    const uploads = server.requests.slice(before).filter((r) => r.method === 'POST' && r.path.includes('/_bulk_docs'));
    expect(uploads.map((r) => r.user)).toEqual([ALICE.name]);

    await server.restart({ cors: true });
    await waitSynced(a);

    // The teammate sees the offline edits.
    await openDebrief(b, 2);
    await expect(b.page.getByTestId('debrief')).toContainText(offlineNote, ARRIVAL);
    const aliceCopy = await protocol<InterviewBundle>(b.page, 'interviews.get', { id: CARD_A.id });
    expect(aliceCopy.interview.recommendation).toBe('strong-yes');
    expect(aliceCopy.notes.map((n) => n.text).sort()).toEqual([...CARD_A.notes, offlineNote].sort());

    // Nothing twice, nothing in conflict: still one document per row.
    const docs = await allDocs(server.url, DATABASE);
    expect(docs.filter((d) => d._id === `interview:${CARD_A.id}:note:sync-alice-offline`)).toHaveLength(1);
    expect(docs.filter((d) => d._conflicts?.length)).toEqual([]);
    expect(docs).toHaveLength(documentsOf(scorecardBundle(guide, CARD_A)) + 1 + documentsOf(scorecardBundle(guide, CARD_B)));
    const own = await protocol<InterviewBundle>(a.page, 'interviews.get', { id: CARD_A.id });
    expect(own.notes).toHaveLength(CARD_A.notes.length + 1);
    expect(errorsOf(a.page)).toEqual([]);
  });

  test('a wrong password and a database without access are said in plain words (Italian interface)', async () => {
    test.setTimeout(240_000);
    const c = await openProfile('it');
    try {
      await turnOn(c, server, { ...ALICE, password: 'not-her-password' });
      await expect(statusOf(c)).toHaveAttribute('data-problem', 'wrong-password', ARRIVAL);
      await expect(c.page.getByTestId('sync-problem')).toContainText(t('it', 'sync.problem.wrongPassword'));
      await c.page.screenshot({ path: screenshotPath('sync-problem-it.png'), fullPage: true });
      await turnOff(c);

      await turnOn(c, server, CAROL);
      await expect(statusOf(c)).toHaveAttribute('data-problem', 'no-access', ARRIVAL);
      await expect(c.page.getByTestId('sync-problem')).toContainText(t('it', 'sync.problem.noAccess'));
      await turnOff(c);

      // A member of the team sees both teammates' scorecards, read-only.
      await turnOn(c, server, DARIO);
      await waitSynced(c);
      await c.page.screenshot({ path: screenshotPath('sync-settings-it.png'), fullPage: true });
      await openDebrief(c, 2);
      await expect(scorecard(c, ALICE.display)).toContainText(t('it', 'debrief.readOnly'));
      await expect(scorecard(c, BOB.display)).toContainText(t('it', 'debrief.readOnly'));
      await c.page.screenshot({ path: screenshotPath('debrief-it.png'), fullPage: true });
      expect(errorsOf(c.page)).toEqual([]);
    } finally {
      await c.context.close();
    }
  });

  test('deletions reach the teammates: a deleted note and a deleted interview leave their debrief and stay deleted on the server', async () => {
    test.setTimeout(240_000);
    await a.page.evaluate(() => (location.hash = '#/sync'));
    await b.page.evaluate(() => (location.hash = '#/sync'));
    await waitSynced(a);
    await waitSynced(b);
    const gone = CARD_A.notes[1]!;
    const kept = CARD_A.notes[0]!;

    // Alice deletes one of her notes; Bob deletes his whole interview.
    const deletedNote = await protocol<{ deleted: boolean }>(a.page, 'notes.delete', { id: `${CARD_A.id}-note-1` });
    expect(deletedNote.deleted).toBe(true);
    const deletedInterview = await protocol<{ deleted: number }>(b.page, 'interviews.delete', { ids: [CARD_B.id] });
    expect(deletedInterview.deleted).toBe(1);
    await waitSynced(a);
    await waitSynced(b);

    // Bob's copy of Alice's interview loses the note (the control: the note she kept is still there).
    await expect
      .poll(async () => (await protocol<InterviewBundle>(b.page, 'interviews.get', { id: CARD_A.id })).notes.map((n) => n.text), ARRIVAL)
      .not.toContain(gone);
    const aliceCopy = await protocol<InterviewBundle>(b.page, 'interviews.get', { id: CARD_A.id });
    expect(aliceCopy.notes.map((n) => n.text)).toContain(kept);
    // Alice's debrief has one scorecard left: her own.
    await openDebrief(a, 1);
    await expect(scorecard(a, BOB.display)).toHaveCount(0);
    await expect(a.page.getByTestId('debrief')).not.toContainText(CARD_B.notes[0]!);
    await expect(protocol(a.page, 'interviews.get', { id: CARD_B.id })).rejects.toThrow();

    // On the server none of Bob's interview is live any more, and the deleted note is gone; nothing in conflict.
    const docs = await allDocs(server.url, DATABASE);
    expect(docs.filter((d) => d._id.startsWith(`interview:${CARD_B.id}`))).toEqual([]);
    expect(docs.filter((d) => d._id === `interview:${CARD_A.id}:note:${CARD_A.id}-note-1`)).toEqual([]);
    expect(docs.filter((d) => d._id === `interview:${CARD_A.id}:note:${CARD_A.id}-note-0`)).toHaveLength(1);
    expect(docs.filter((d) => d._conflicts?.length)).toEqual([]);

    // Later cycles do not bring them back (a full round on both sides after the deletions landed).
    const from = server.requests.length;
    await server.waitFor('two more cycles of each profile', () => [ALICE.name, BOB.name].every((user) => server.requestsOf(user, from).filter((r) => r.path.includes('/_changes')).length >= 2), 60_000);
    expect((await protocol<InterviewBundle>(b.page, 'interviews.get', { id: CARD_A.id })).notes.map((n) => n.text)).not.toContain(gone);
    expect((await allDocs(server.url, DATABASE)).filter((d) => d._id.startsWith(`interview:${CARD_B.id}`))).toEqual([]);
    expect(errorsOf(a.page)).toEqual([]);
    expect(errorsOf(b.page)).toEqual([]);
  });

  test('turning sync off stops every request and forgets the credentials', async () => {
    test.setTimeout(240_000);
    await a.page.evaluate(() => (location.hash = '#/sync'));
    await waitSynced(a);
    await turnOff(a);
    const from = server.requests.length;

    // Things that would send at once with sync on: an edit, and "sync now".
    await protocol(a.page, 'notes.upsert', { id: 'sync-alice-after-off', interviewId: CARD_A.id, text: 'Kept here only' });
    const status = await protocol<SyncStatus>(a.page, 'sync.now', {});
    expect(status.state).toBe('off');
    // The other profile keeps syncing: two of its cycles later, nothing came from this one.
    await server.waitFor('two more cycles of the other profile', () => server.requestsOf(BOB.name, from).filter((r) => r.path.includes('/_changes')).length >= 2, 60_000);
    expect(server.requests.slice(from).filter((r) => r.user !== BOB.name)).toEqual([]);

    const stored = await a.page.evaluate(() => (globalThis as unknown as { chrome: typeof chrome }).chrome.storage.local.get('syncConfig'));
    expect(stored.syncConfig).toMatchObject({ enabled: false, username: '', password: '' });
    await expect(a.page.getByText(t('en', 'sync.state.off'))).toBeVisible();
  });
});
