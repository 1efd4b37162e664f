import type { Frame, Page } from 'playwright-core';
import { fixtureBody } from '../fixtures/pages/index';
import { expect, launchChromium, extensionIdOf, test } from './support/chromium';
import { MEETING_URL, expectShellPaintedFirst, openMeeting, panelFrame, readDatabase, readPanelStartTimings, serveMeet, startFromPanel } from './support/panel';
import { screenshotPath } from './support/screenshots';

const Q1 = 'When would you choose a relational database over a document store, and when the other way round?';

test.beforeEach(async ({ context }) => {
  await serveMeet(context);
});

/** Rows of a table of the dump, typed loosely for assertions. */
type Row = Record<string, unknown>;

async function questionText(frame: Frame, index: number): Promise<string> {
  return (await frame.locator('article[id^="question-"] p[id^="question-text-"]').nth(index).textContent()) ?? '';
}

test('a full interview from the panel: start, ask, rate, flag, note, end, wrap up, all in the database', async ({ context, extensionId }) => {
  const { page, frame, errors } = await openMeeting(context);

  // Start from the panel.
  await expect(frame.getByRole('button', { name: 'Start interview', exact: true })).toBeVisible();
  await expect(frame.getByRole('combobox', { name: 'Stage', exact: true })).toHaveValue('technical-screen');
  await startFromPanel(frame, 'Alex Rivera');
  await expect(frame.getByLabel('Call: In call')).toBeVisible();
  await expect(frame.getByTestId('stage-timer')).toHaveText(/^\d\d:\d\d of 45:00$/);
  await expect(frame.getByTestId('next-question')).toContainText(Q1);

  // Ask and rate the first question, with a note.
  await frame.getByRole('checkbox', { name: `Asked: ${Q1}` }).check();
  const rating = frame.getByRole('radiogroup', { name: `Rating: ${Q1}` });
  await rating.getByRole('radio', { name: 'Strong yes' }).click();
  await expect(rating.getByRole('radio', { name: 'Strong yes' })).toHaveAttribute('aria-checked', 'true');
  await frame.getByRole('textbox', { name: `Note on: ${Q1}` }).fill('Weighs joins against flexible documents');

  // The keyboard: j moves to the next question, a marks it asked, 2 rates it "no".
  const q2 = (await questionText(frame, 1)).replace(/^2\./, '').replace(/Core$/, '').trim();
  await frame.locator('#question-relational-vs-document-store').focus();
  await page.keyboard.press('j');
  await expect(frame.locator('#question-slow-query-diagnosis')).toHaveAttribute('data-focused', 'true');
  await page.keyboard.press('a');
  await expect(frame.getByRole('checkbox', { name: `Asked: ${q2}` })).toBeChecked();
  await page.keyboard.press('2');
  await expect(frame.getByRole('radiogroup', { name: `Rating: ${q2}` }).getByRole('radio', { name: 'No', exact: true })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await page.keyboard.press('?');
  await expect(frame.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(frame.getByRole('dialog')).toHaveCount(0);

  // What to look for: rate the first criterion with evidence.
  const criterion = 'Data modelling: designs sound schemas and can say when a relational or a non-relational store is the better fit';
  await frame.getByRole('radiogroup', { name: `Rating: ${criterion}` }).getByRole('radio', { name: 'Yes', exact: true }).click();
  await frame.getByRole('textbox', { name: `Evidence for: ${criterion}` }).fill('Normalised the order schema unprompted');

  // Red flags: a global one and a stage one, with a note.
  const flags = frame.getByRole('region', { name: 'Red flags' });
  const flagBoxes = flags.getByRole('checkbox');
  expect(await flagBoxes.count()).toBe(8);
  await flagBoxes.nth(0).check();
  await flagBoxes.nth(5).check();
  await frame.getByRole('textbox', { name: /^Note on red flag:/ }).first().fill('Said tests slow the team down');

  // Free notes: Enter adds an entry with its offset; Alt+Enter dates one five seconds earlier.
  const notes = frame.getByRole('textbox', { name: 'Notes', exact: true });
  await notes.click();
  await page.keyboard.type('Explained B-tree indexes clearly');
  await page.keyboard.press('Enter');
  await expect(notes).toHaveValue('');
  await expect(frame.getByTestId('note-entries')).toContainText('Explained B-tree indexes clearly');
  await expect(frame.getByTestId('note-entries').locator('li').first()).toContainText(/^\d\d:\d\d/);
  await page.keyboard.type('Hesitated on isolation levels');
  await page.keyboard.press('Alt+Enter');
  await expect(frame.getByTestId('note-entries')).toContainText('Hesitated on isolation levels');
  // An entry can be edited.
  const entries = frame.getByTestId('note-entries');
  await entries.locator('li', { hasText: 'Explained B-tree indexes clearly' }).getByRole('button', { name: /^Edit note at/ }).click();
  await frame.getByRole('textbox', { name: /^Note at/ }).fill('Explained B-tree and hash indexes clearly');
  await page.keyboard.press('Enter');
  await expect(frame.getByTestId('note-entries')).toContainText('Explained B-tree and hash indexes clearly');

  // End: the wrap-up lists what is unrated, asks for the recommendation and a summary.
  await frame.getByRole('button', { name: 'End the interview and wrap up' }).click();
  await expect(frame.getByRole('heading', { name: 'Wrap-up' })).toBeVisible();
  await expect(frame.getByTestId('unrated')).toContainText('The overall recommendation');
  await expect(frame.getByTestId('unrated')).toContainText('API design in REST');
  await frame.getByRole('radiogroup', { name: 'Overall recommendation' }).getByRole('radio', { name: 'Yes', exact: true }).click();
  await frame.getByRole('textbox', { name: 'Summary', exact: true }).fill('Solid fundamentals; probe concurrency next round.');
  await expect(frame.getByTestId('unrated')).not.toContainText('The overall recommendation');
  await frame.getByRole('button', { name: 'End interview', exact: true }).click();
  await expect(frame.getByRole('heading', { name: 'Interview ended' })).toBeVisible();

  // Everything is in the extension's database.
  const db = await readDatabase(context, extensionId);
  const interviews = db.interviews as Row[];
  expect(interviews).toHaveLength(1);
  const interview = interviews[0]!;
  expect(interview).toMatchObject({
    candidateName: 'Alex Rivera',
    guideId: 'backend-engineer',
    currentStageId: 'technical-screen',
    platform: 'meet',
    meetingId: 'abc-defg-hij',
    state: 'ended',
    recommendation: 'yes',
    summary: 'Solid fundamentals; probe concurrency next round.',
  });
  expect(interview.endedAt).toEqual(expect.any(Number));
  const questions = Object.fromEntries((db.questionStates as Row[]).map((r) => [r.questionId, r]));
  expect(questions['relational-vs-document-store']).toMatchObject({ asked: true, rating: 'strong-yes', note: 'Weighs joins against flexible documents' });
  expect(questions['slow-query-diagnosis']).toMatchObject({ asked: true, rating: 'no' });
  expect(db.criterionRatings).toEqual([
    expect.objectContaining({ criterionId: 'data-modelling', rating: 'yes', note: 'Normalised the order schema unprompted' }),
  ]);
  const checked = (db.redFlagChecks as Row[]).filter((r) => r.checked);
  expect(checked).toHaveLength(2);
  expect(checked.map((r) => r.note)).toContain('Said tests slow the team down');
  const noteRows: Record<string, Row> = Object.fromEntries((db.notes as Row[]).map((n) => [n.text, n]));
  expect(Object.keys(noteRows).sort()).toEqual(['Explained B-tree and hash indexes clearly', 'Hesitated on isolation levels']);
  for (const n of Object.values(noteRows) as Row[]) expect(n.offsetMs).toEqual(expect.any(Number));
  // The Alt+Enter entry is dated five seconds before its typing began, so at least 5 s before it was saved.
  const earlier = noteRows['Hesitated on isolation levels']!;
  expect(Number(earlier.updatedAt) - Number(earlier.createdAt)).toBeGreaterThanOrEqual(5000);
  expect(Number(earlier.createdAt)).toBeLessThan(Number(noteRows['Explained B-tree and hash indexes clearly']!.createdAt));
  expect(errors).toEqual([]);
});

test('keys typed in the panel never reach the call page, and the page cannot find the note text', async ({ context }) => {
  const { page, frame } = await openMeeting(context);
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenKeys: string[] }).seenKeys = seen;
    for (const type of ['keydown', 'keypress', 'keyup', 'input', 'beforeinput']) {
      window.addEventListener(type, (event) => seen.push(`${type}:${(event as KeyboardEvent).key ?? ''}`), true);
      document.addEventListener(type, (event) => seen.push(`${type}:${(event as KeyboardEvent).key ?? ''}`), true);
    }
  });
  await startFromPanel(frame, 'Jordan Secret-Candidate');
  const secret = 'Confidential remark 7431 about salary expectations';
  await frame.getByRole('textbox', { name: 'Notes', exact: true }).click();
  await page.keyboard.type(secret);
  await page.keyboard.press('Enter');
  await frame.locator('#question-relational-vs-document-store').focus();
  for (const key of ['j', 'k', 'a', '3', 'Escape']) await page.keyboard.press(key);
  await expect(frame.getByTestId('note-entries').or(frame.getByTestId('panel-handle'))).toBeVisible();

  const seen = () => page.evaluate(() => (window as unknown as { seenKeys: string[] }).seenKeys);
  expect(await seen()).toEqual([]);
  /** What the call page can find of `needle`: its text, storage, databases, the panel's shadow root and frame. */
  const search = (needle: string) =>
    page.evaluate(async (needle) => {
      const iframes = [...document.querySelectorAll('iframe')];
      const host = document.querySelector('[data-interview-copilot]');
      const storage = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie];
      const databases = (await indexedDB.databases?.()) ?? [];
      return {
        inText: (document.body.innerText + document.documentElement.textContent).includes(needle.slice(0, 20)),
        inStorage: storage.some((s) => s.includes(needle.slice(-4))),
        databases: databases.map((d) => d.name),
        openShadow: host?.shadowRoot ?? null,
        frameDocs: iframes.map((f) => f.contentDocument === null),
        inUrl: iframes.some((f) => f.src.includes(needle.slice(-4))) || location.href.includes(needle.slice(-4)),
      };
    }, needle);
  expect(await search(secret)).toEqual({ inText: false, inStorage: false, databases: [], openShadow: null, frameDocs: [], inUrl: false });

  // Controls: the same listeners hear a key typed in the page itself, and the same search finds text the page holds.
  await page.locator('button[aria-label="Leave call"]').focus();
  await page.keyboard.press('x');
  expect(await seen()).toEqual(expect.arrayContaining(['keydown:x', 'keyup:x']));
  const control = 'Control remark 9902 kept by the page';
  await page.evaluate((text) => {
    document.body.append(Object.assign(document.createElement('p'), { textContent: text }));
    localStorage.setItem('control', text);
  }, control);
  expect(await search(control)).toMatchObject({ inText: true, inStorage: true });
});

test('the panel paints its shell before its app script runs, and the shell gives way to the panel (issue 12, item 5)', async ({ context, extensionId }) => {
  const { frame } = await openMeeting(context);
  await expect(frame.getByRole('button', { name: 'Start interview', exact: true })).toBeVisible();
  // The frame's first contentful paint is the shell's, drawn before the React app's script even started.
  expectShellPaintedFirst(await frame.evaluate(readPanelStartTimings));
  // Once the panel shows, the shell is gone, and no loading line is left beside the panel.
  await expect(frame.getByTestId('panel-shell')).toBeHidden();
  await expect(frame.locator('[data-loading]')).toHaveCount(0);

  // The shell on its own, to look at: the panel page with scripts off, so nothing replaces it.
  const still = await context.newPage();
  await still.setViewportSize({ width: 360, height: 692 });
  const cdp = await context.newCDPSession(still);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  await still.goto(`chrome-extension://${extensionId}/panel.html?platform=meet`);
  await expect(still.getByTestId('panel-shell')).toBeVisible();
  await still.screenshot({ path: screenshotPath('panel-shell.png') });
  await still.close();
});

test('collapses to a handle with the stage and timer, and expands again', async ({ context }) => {
  const { page, frame } = await openMeeting(context);
  await startFromPanel(frame, 'Priya Nair');
  await frame.getByRole('button', { name: 'Collapse the panel' }).first().click();
  const handle = frame.getByTestId('panel-handle');
  await expect(handle).toBeVisible();
  await expect(handle).toContainText('Technical screen: fundamentals');
  await expect(handle).toContainText(/\d\d:\d\d of 45:00/);
  // Whose interview it is, too (issue 12, item 6).
  await expect(handle.getByTestId('handle-candidate')).toHaveText('· Priya Nair');
  await handle.click();
  await expect(frame.getByTestId('candidate-name')).toHaveText('Priya Nair');
  // Esc collapses, even from the Notes box.
  await frame.getByRole('textbox', { name: 'Notes', exact: true }).click();
  await page.keyboard.type('draft');
  await page.keyboard.press('Escape');
  await expect(frame.getByTestId('panel-handle')).toBeVisible();
});

test('after the call ends the stage timer stops and "Next" is no longer suggested (issue 12, item 6)', async ({ context }) => {
  const { page, frame } = await openMeeting(context);
  await startFromPanel(frame, 'Lee Leaver');
  const timer = frame.getByTestId('stage-timer');
  await expect(frame.getByTestId('next-question')).toContainText(Q1);
  // During the call the timer runs.
  const during = await timer.textContent();
  expect(during).toMatch(/^\d\d:\d\d of 45:00$/);
  await expect(timer).not.toHaveText(during!, { timeout: 5000 });

  // The call app moves to its "left" screen, as Meet does when the interviewer leaves.
  await page.evaluate((html) => {
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    document.body.replaceChildren(...Array.from(parsed.body.childNodes, (node) => document.importNode(node, true)));
  }, fixtureBody('meet/left.html'));
  await expect(frame.getByRole('heading', { name: 'Wrap-up' })).toBeVisible({ timeout: 15_000 });
  await expect(frame.locator('[data-call-state]')).toHaveAttribute('data-call-state', 'left');
  // The timer settles at the call's end as the background recorded it (CI once saw it show 00:04 with the "left" state,
  // then 00:05 once the recorded end arrived), then stays: two readings 2.1 s apart must agree. A running timer never
  // passes this.
  await expect(async () => {
    const stopped = await timer.textContent();
    expect(stopped).toMatch(/^\d\d:\d\d of 45:00$/);
    await page.waitForTimeout(2100);
    expect(await timer.textContent()).toBe(stopped);
  }).toPass({ timeout: 15_000 });
  await expect(frame.getByTestId('next-question')).toHaveCount(0);
  await expect(frame.getByTestId('pacing-hint')).toHaveCount(0);
  await expect(frame.getByText('Every question that fits the time is asked.')).toHaveCount(0);
});

type Box = { x: number; y: number; width: number; height: number };

const hostBox = (page: Page) => page.locator('[data-interview-copilot]').boundingBox();

/** The box lies wholly inside the viewport. */
function expectInside(box: Box, viewport: { width: number; height: number }): void {
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
}

/** Whether two boxes share any area. */
const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function screenshots(lang: 'en' | 'it') {
  const context = await launchChromium({ locale: lang === 'it' ? 'it' : 'en-US', viewport: { width: 1280, height: 800 } });
  try {
    await serveMeet(context);
    const extensionId = await extensionIdOf(context);
    void extensionId;
    const { page, frame } = await openMeeting(context);
    const labels = lang === 'it' ? { candidate: 'Candidato', guide: 'Guida al ruolo', start: 'Inizia il colloquio' } : { candidate: 'Candidate', guide: 'Role guide', start: 'Start interview' };
    await page.screenshot({ path: screenshotPath(`panel-meet-start-${lang}.png`) });
    await frame.getByRole('textbox', { name: labels.candidate, exact: true }).fill('Alex Rivera');
    await frame.getByRole('combobox', { name: labels.guide, exact: true }).selectOption(lang === 'it' ? 'backend-engineer-it' : 'backend-engineer');
    await frame.getByRole('button', { name: labels.start, exact: true }).click();
    await frame.getByTestId('candidate-name').waitFor();
    await frame.locator('#question-relational-vs-document-store input[type=checkbox]').check();
    await frame.locator('#question-relational-vs-document-store [role=radio]').nth(3).click();
    await frame.locator('#question-relational-vs-document-store textarea').fill(lang === 'it' ? 'Confronta bene join e documenti' : 'Weighs joins against flexible documents');
    await frame.locator('#question-slow-query-diagnosis').focus();
    await frame.locator('#notes-box').fill(lang === 'it' ? 'Spiega gli indici B-tree con chiarezza' : 'Explained B-tree indexes clearly');
    await frame.locator('#notes-box').press('Enter');
    await expect(frame.getByTestId('note-entries')).toContainText(lang === 'it' ? 'Spiega gli indici B-tree' : 'Explained B-tree indexes');
    await expect(frame.locator('html')).toHaveAttribute('lang', lang);
    const viewport = page.viewportSize()!;
    const controls = (await page.getByRole('toolbar', { name: 'Call controls' }).boundingBox())!;
    // The expanded drawer: wide enough, inside the window, and clear of the call's control bar.
    const expanded = (await hostBox(page))!;
    expect(expanded.width).toBeGreaterThanOrEqual(320);
    expectInside(expanded, viewport);
    expect(overlaps(expanded, controls)).toBe(false);
    await page.screenshot({ path: screenshotPath(`panel-meet-demo-expanded-${lang}.png`) });
    await page.keyboard.press('Escape');
    await frame.getByTestId('panel-handle').waitFor();
    // Collapsed: a small handle, inside the window and off the control bar, showing the stage.
    await expect.poll(async () => (await hostBox(page))?.height ?? 0).toBeLessThan(80);
    const collapsed = (await hostBox(page))!;
    expectInside(collapsed, viewport);
    expect(overlaps(collapsed, controls)).toBe(false);
    await expect(frame.getByTestId('panel-handle')).toContainText(lang === 'it' ? 'Screening tecnico: le basi' : 'Technical screen: fundamentals');
    await page.screenshot({ path: screenshotPath(`panel-meet-demo-collapsed-${lang}.png`) });
  } finally {
    await context.close();
  }
}

test('screenshots of the panel, expanded and collapsed, in English and Italian: inside the window, clear of the call controls', async () => {
  test.setTimeout(120_000);
  await screenshots('en');
  await screenshots('it');
});

test('at 1280×800 the drawer leaves the call\'s main speaker visible (issue 12, item 6)', async ({ context }) => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(MEETING_URL);
  const frame = await panelFrame(page);
  await expect(frame.getByRole('button', { name: 'Start interview', exact: true })).toBeVisible();
  // The main speaker: the fixture's speaking participant tile (the other participant, not the self view).
  const speaker = (await page.locator('.tile.speaking[data-participant-id]').boundingBox())!;
  const panel = (await page.locator('[data-interview-copilot]').boundingBox())!;
  console.log(`1280x800: main speaker ${JSON.stringify(speaker)}, panel ${JSON.stringify(panel)}`);
  const overlapX = Math.min(speaker.x + speaker.width, panel.x + panel.width) - Math.max(speaker.x, panel.x);
  const overlapY = Math.min(speaker.y + speaker.height, panel.y + panel.height) - Math.max(speaker.y, panel.y);
  expect(overlapX > 0 && overlapY > 0, 'the drawer overlaps the main speaker').toBe(false);
  // Nor does it cover the call's control bar.
  expect(panel.y + panel.height).toBeLessThanOrEqual(800 - 80);
  await page.screenshot({ path: screenshotPath('panel-1280x800-main-speaker.png') });
  await page.close();
});
