import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import type { Frame, Page } from 'playwright-core';
import { expect, test } from './support/chromium';
import { openMeeting, readDatabase, serveMeet, startFromPanel } from './support/panel';
import { bundledGuide } from './support/popup';

/**
 * Accessibility of the panel and the options page (axe-core: zero serious or critical violations), and a
 * keyboard-only interview in the panel. The popup's axe checks live in popup.chromium.spec.ts (form,
 * running interview, end confirmation: zero violations of any impact); the options list and detail views
 * are checked in options.chromium.spec.ts with seeded interviews.
 *
 * The panel frame sits in a closed shadow root of the call page, where AxeBuilder's frame walk
 * (`axe.utils.getFrameContexts` from the top document) cannot reach it, and opening `panel.html` in a tab
 * of its own would lose the call tab's session (no interview, no call state). So axe-core is injected into
 * the panel frame itself, in the call tab, and run on its document: the exact DOM the interviewer uses.
 */

type Row = Record<string, unknown>;

/** Serious and critical axe violations of a frame's document, as `rule: targets`. */
async function axeFrame(frame: Frame): Promise<string[]> {
  await frame.evaluate(axe.source);
  const violations = await frame.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const results = await run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

/** Serious and critical axe violations of an extension page. */
async function axePage(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.beforeEach(async ({ context }) => {
  await serveMeet(context);
});

test('panel: start form, running interview, shortcuts help, wrap-up, ended and collapsed have no serious axe violation', async ({ context }) => {
  const { page, frame } = await openMeeting(context);
  await expect(frame.getByRole('button', { name: 'Start interview', exact: true })).toBeVisible();
  expect(await axeFrame(frame), 'start form').toEqual([]);

  await startFromPanel(frame, 'Alex Rivera');
  const q1 = frame.locator('article[id^="question-"]').first();
  await q1.getByRole('checkbox').check();
  await q1.getByRole('radio').nth(3).click();
  await frame.getByRole('region', { name: 'Red flags' }).getByRole('checkbox').first().check();
  await frame.getByRole('textbox', { name: 'Notes', exact: true }).fill('Explained B-tree indexes clearly');
  await frame.getByRole('textbox', { name: 'Notes', exact: true }).press('Enter');
  await expect(frame.getByTestId('note-entries')).toContainText('Explained B-tree indexes clearly');
  expect(await axeFrame(frame), 'running interview').toEqual([]);

  await frame.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(frame.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(await axeFrame(frame), 'shortcuts help').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(frame.getByRole('dialog')).toHaveCount(0);

  await frame.getByRole('button', { name: 'Collapse the panel' }).first().click();
  await expect(frame.getByTestId('panel-handle')).toContainText(/\d\d:\d\d/);
  expect(await axeFrame(frame), 'collapsed, interview running').toEqual([]);
  await frame.getByTestId('panel-handle').click();

  await frame.getByRole('button', { name: 'End the interview and wrap up' }).click();
  await expect(frame.getByRole('heading', { name: 'Wrap-up' })).toBeVisible();
  expect(await axeFrame(frame), 'wrap-up').toEqual([]);

  await frame.getByRole('button', { name: 'End interview', exact: true }).click();
  await expect(frame.getByRole('heading', { name: 'Interview ended' })).toBeVisible();
  expect(await axeFrame(frame), 'ended').toEqual([]);

  await frame.getByRole('button', { name: 'Collapse the panel' }).first().click();
  await expect(frame.getByTestId('panel-handle')).toBeVisible();
  expect(await axeFrame(frame), 'collapsed, interview ended').toEqual([]);
});

test('options page: interviews, role guides, import, settings and data views have no serious axe violation', async ({ context, extensionId }) => {
  const page = await context.newPage();
  for (const view of ['interviews', 'guides', 'guides/backend-engineer', 'import', 'settings', 'data']) {
    await page.goto(`chrome-extension://${extensionId}/options.html#/${view}`);
    await expect(page.getByTestId('options')).toHaveAttribute('data-ready', 'true');
    await expect(page.locator('main h1, main h2').first()).toBeVisible();
    expect(await axePage(page), view).toEqual([]);
  }
});

/** The focused element of the panel frame, described by tag, id, role, type, section and name; null when the frame has no focus. */
function focused(frame: Frame): Promise<string | null> {
  return frame.evaluate(() => {
    if (!document.hasFocus()) return null;
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const section = el.closest('section')?.querySelector('h2')?.textContent?.trim() ?? '';
    const group = el.closest('[role="radiogroup"]')?.getAttribute('aria-label') ?? '';
    const name = (el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '').trim().slice(0, 80);
    const role = el.getAttribute('role');
    const type = el.getAttribute('type');
    return `${el.localName}${el.id ? `#${el.id}` : ''}${role ? `[role=${role}]` : ''}${type ? `[type=${type}]` : ''} section="${section}" group="${group}" name="${name}"`;
  });
}

/** Presses `key` until the panel's focused element matches `target`; returns how many presses it took. */
async function pressUntil(page: Page, frame: Frame, key: string, target: RegExp, max = 80): Promise<number> {
  const path: (string | null)[] = [];
  for (let i = 1; i <= max; i += 1) {
    await page.keyboard.press(key);
    const now = await focused(frame);
    path.push(now);
    if (now && target.test(now)) return i;
  }
  throw new Error(`${key} never reached ${target} in ${max} presses; focus went: ${path.join(' → ')}`);
}

test('keyboard only: a whole interview from Tab into the panel to "Interview ended", all in the database', async ({ context, extensionId }) => {
  const { page, frame } = await openMeeting(context);
  const candidate = 'Kai Keyboard';
  const note = 'Reasoned about index selectivity aloud';
  const summary = 'Clear thinker; wants a deeper systems round.';

  // From the call page, Tab reaches the panel's start form.
  await pressUntil(page, frame, 'Tab', /^input#start-candidate/);
  await page.keyboard.type(candidate);
  await page.keyboard.press('Enter');
  await expect(frame.getByTestId('candidate-name')).toHaveText(candidate);

  // Questions: j moves, a marks asked, 1–4 rates.
  await page.keyboard.press('j');
  await expect.poll(() => focused(frame)).toMatch(/^article#question-/);
  await page.keyboard.press('a');
  await page.keyboard.press('4');
  await page.keyboard.press('j');
  await page.keyboard.press('a');
  await page.keyboard.press('2');

  // A red flag: Tab to it, Space ticks it.
  await pressUntil(page, frame, 'Tab', /\[type=checkbox\] section="Red flags"/);
  await page.keyboard.press('Space');
  await expect(frame.getByRole('region', { name: 'Red flags' }).getByRole('checkbox').first()).toBeChecked();

  // n opens the Notes box; Enter adds the note.
  await page.keyboard.press('n');
  await expect.poll(() => focused(frame)).toMatch(/^textarea#notes-box/);
  await page.keyboard.type(note);
  await page.keyboard.press('Enter');
  await expect(frame.getByTestId('note-entries')).toContainText(note);

  // Back to the header's End button, Enter opens the wrap-up.
  await pressUntil(page, frame, 'Shift+Tab', /name="End the interview and wrap up"/, 150);
  await page.keyboard.press('Enter');
  await expect(frame.getByRole('heading', { name: 'Wrap-up' })).toBeVisible();

  // Recommendation: Tab into the radio group, arrows move, Space chooses; then the summary; then End.
  await pressUntil(page, frame, 'Tab', /\[role=radio\].*group="Overall recommendation"/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => focused(frame)).toMatch(/name="Yes"/);
  await page.keyboard.press('Space');
  await pressUntil(page, frame, 'Tab', /^textarea.*name="Summary"/);
  await page.keyboard.type(summary);
  await pressUntil(page, frame, 'Tab', /^button.*name="End interview"/);
  await page.keyboard.press('Enter');
  await expect(frame.getByRole('heading', { name: 'Interview ended' })).toBeVisible();

  const db = await readDatabase(context, extensionId);
  const interview = (db.interviews as Row[])[0]!;
  expect(interview).toMatchObject({ candidateName: candidate, state: 'ended', recommendation: 'yes', summary });
  const stage = bundledGuide(String(interview.guideId)).stages.find((s) => s.id === interview.currentStageId)!;
  const [first, second] = stage.questions!.map((q) => q.id!);
  const states = Object.fromEntries((db.questionStates as Row[]).map((r) => [r.questionId, r]));
  expect(states[first!]).toMatchObject({ asked: true, rating: 'strong-yes' });
  expect(states[second!]).toMatchObject({ asked: true, rating: 'no' });
  expect((db.redFlagChecks as Row[]).filter((r) => r.checked)).toHaveLength(1);
  expect((db.notes as Row[]).map((n) => n.text)).toEqual([note]);
});
