import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { replayJournal } from '../../lib/background/journal-replay';
import { dispatch } from '../../lib/background/router';
import { createJournal } from '../../lib/client/journal';
import { createSaveQueue, type SaveQueue } from '../../lib/client/save-queue';
import { EN_LABELS, interviewsToCsv, interviewToMarkdown, parseBackup, serializeBackup } from '../../lib/export';
import { buildExport } from '../../lib/export/build';
import { noteEntries } from '../../stores/panel';
import { ENV, makeServices, panelSender } from './support/services';
import { handlerCaller, panelStoreOver, reportMeetCall } from './support/panel';

/**
 * Issue 17, item 6: drafts stay drafts. What is typed in the panel's Notes box is saved from the first keystroke
 * (nothing typed is lost) as a draft: a new panel (after an extension reload) gives it back to the box rather than
 * listing it as an entered, timestamped note, and the Markdown/CSV exports leave it out until it is entered.
 */
let env: ReturnType<typeof makeServices>;
let queue: SaveQueue;
let fakeCall: ReturnType<typeof handlerCaller>;

/** A panel store as a panel (re)loaded in tab 7 creates it, with its session read. */
async function openPanel() {
  const store = panelStoreOver(env, fakeCall, { queue });
  await store.getState().refreshSession();
  return store;
}

let panel: Awaited<ReturnType<typeof openPanel>>;
const dbNotes = () => env.db.notes.toArray();

beforeEach(async () => {
  env = makeServices();
  fakeCall = handlerCaller(env);
  queue = createSaveQueue({ debounceMs: 20, retryMs: 30 });
  await reportMeetCall(env);
  panel = await openPanel();
  expect(await panel.getState().startInterview({ candidateName: 'Alex Rivera', guideId: 'test-guide', stageId: 'screen' })).toBeNull();
});

/** The interview's bundle as the background reads it now. */
async function storedBundle() {
  const id = panel.getState().session!.interview!.interview.id;
  return fakeCall('interviews.get', { id });
}

describe('Notes box drafts (issue 17)', () => {
  it('a half-typed note comes back in the Notes box of a reloaded panel, as a draft, not as an entry', async () => {
    env.advance(65_000);
    const began = env.now;
    panel.getState().typeNote('Half-typed thought about B-tr');
    await vi.waitFor(async () => expect((await dbNotes()).map((n) => [n.text, n.draft])).toEqual([['Half-typed thought about B-tr', true]]));

    // The extension reloads: a new panel reads the session.
    panel.getState().dispose();
    const reloaded = await openPanel();
    expect(reloaded.getState().draft).toEqual({ id: (await dbNotes())[0]!.id, text: 'Half-typed thought about B-tr', startedAt: began });
    expect(noteEntries(reloaded.getState())).toEqual([]);

    // Typing on continues the same draft (no second row), and Enter enters it, dated from when typing began.
    env.advance(4000);
    reloaded.getState().typeNote('Half-typed thought about B-trees');
    expect(reloaded.getState().commitNote()).toBe(true);
    await vi.waitFor(async () => expect((await dbNotes()).map((n) => [n.text, n.draft, n.createdAt])).toEqual([['Half-typed thought about B-trees', undefined, began]]));
    reloaded.getState().dispose();
    const again = await openPanel();
    expect(again.getState().draft).toBeNull();
    expect(noteEntries(again.getState()).map((n) => n.text)).toEqual(['Half-typed thought about B-trees']);
  });

  it('an entry edited before its entering landed stays entered', async () => {
    panel.getState().typeNote('Entered');
    expect(panel.getState().commitNote()).toBe(true);
    const [id] = Object.keys(panel.getState().localNotes);
    panel.getState().editNote(id!, 'Entered, then edited');
    await vi.waitFor(async () => expect((await dbNotes()).map((n) => [n.text, n.draft])).toEqual([['Entered, then edited', undefined]]));
  });

  it('Alt+Enter on a draft leaves one entered note and no draft', async () => {
    panel.getState().typeNote('Hesitated');
    await vi.waitFor(async () => expect(await dbNotes()).toHaveLength(1));
    expect(panel.getState().commitNote({ earlier: true })).toBe(true);
    await vi.waitFor(async () => expect((await dbNotes()).map((n) => [n.text, n.draft])).toEqual([['Hesitated', undefined]]));
  });

  it('ending the interview enters what is in the Notes box, so the scorecard has it', async () => {
    panel.getState().typeNote('Last words before End');
    expect(await panel.getState().endInterview()).toBeNull();
    expect((await dbNotes()).map((n) => [n.text, n.draft])).toEqual([['Last words before End', undefined]]);
  });

  it('Markdown and CSV exports leave a draft out; the JSON backup keeps it, marked draft', async () => {
    panel.getState().typeNote('Entered note');
    expect(panel.getState().commitNote()).toBe(true);
    env.advance(1000);
    panel.getState().typeNote('Draft still being typed');
    await vi.waitFor(async () => expect((await dbNotes()).map((n) => [n.text, n.draft ?? false]).sort()).toEqual([['Draft still being typed', true], ['Entered note', false]]));
    const bundle = await storedBundle();

    const markdown = interviewToMarkdown(bundle, EN_LABELS);
    expect(markdown).toContain('Entered note');
    expect(markdown).not.toContain('Draft still being typed');
    const csv = interviewsToCsv([bundle]);
    expect(csv).toContain('Entered note');
    expect(csv).not.toContain('Draft still being typed');

    const backup = await fakeCall('data.export', {});
    expect(buildExport('md', backup, EN_LABELS, new Date(env.now)).text).not.toContain('Draft still being typed');
    const json = buildExport('json', backup, EN_LABELS, new Date(env.now)).text;
    const parsed = parseBackup(json);
    expect(parsed.ok && parsed.backup.notes.map((n) => [n.text, n.draft ?? false]).sort()).toEqual([['Draft still being typed', true], ['Entered note', false]]);
    expect(serializeBackup(backup)).toBe(json);
  });

  it('a draft journaled before a reload is replayed as a draft', async () => {
    const journalQueue = createSaveQueue({ debounceMs: 10_000, journal: createJournal(fakeBrowser.storage.local) });
    queue = journalQueue;
    panel.getState().dispose();
    panel = await openPanel();
    panel.getState().typeNote('Cut off by the reload');
    await vi.waitFor(async () => expect(Object.keys(await fakeBrowser.storage.local.get(null))).toHaveLength(1));
    journalQueue.dispose();
    expect(await dbNotes()).toEqual([]);
    await replayJournal(fakeBrowser.storage.local, (name, input) => dispatch(name, input, panelSender(7), env.handlers, ENV), () => env.now);
    expect((await dbNotes()).map((n) => [n.text, n.draft])).toEqual([['Cut off by the reload', true]]);
    const reloaded = await openPanel();
    expect(reloaded.getState().draft?.text).toBe('Cut off by the reload');
  });
});
