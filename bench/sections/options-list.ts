/**
 * The options page with 5,000 interviews × 40 notes: first render, scroll to the oldest, search, select all, and the
 * "export all" path through the protocol. Interaction times are measured inside the page, from the action to the
 * DOM showing its result (polled each animation frame).
 */
import type { Page } from 'playwright-core';
import { createBackup } from '../../lib/export/backup';
import { makeSyntheticBundles } from '../../lib/export/fixtures';
import { median, ms, type BenchSection } from '../support';

const NOTES_PER_INTERVIEW = 40;
/** Targets: a list that answers a scroll, a search or a click within half a second feels immediate to work in. */
const INTERACTION_TARGET_MS = 500;
const FIRST_RENDER_TARGET_MS = 1000;

/**
 * Runs `act` in the page and resolves with the ms until `done` (a JS expression) holds, checked each animation
 * frame. Written as a string: tsx's name-keeping helper (`__name`) does not exist inside the page.
 */
async function timeInPage(page: Page, act: string, done: string): Promise<number> {
  await page.bringToFront();
  return (await page.evaluate(`new Promise((resolve, reject) => {
    const start = performance.now();
    ${act};
    const tick = () => {
      if (${done}) resolve(performance.now() - start);
      else if (performance.now() - start > 60000) reject(new Error('never happened: ' + ${JSON.stringify(done)}));
      else requestAnimationFrame(tick);
    };
    tick();
  })`)) as number;
}

const countText = `document.querySelector('[data-testid="list-count"]').textContent`;

export const optionsList: BenchSection = {
  key: 'options-list',
  title: 'Options page with 5,000 interviews',
  async run({ quick, report, withExtension }) {
    const interviews = quick ? 500 : 5000;
    const { context, extensionId } = await withExtension();
    const bundles = makeSyntheticBundles(interviews, NOTES_PER_INTERVIEW, 7);
    const seeder = await context.newPage();
    await seeder.goto(`chrome-extension://${extensionId}/options.html`);
    const backup = createBackup(bundles, [], Date.now());
    const tables = ['guideSnapshots', 'interviews', 'notes', 'questionStates', 'redFlagChecks', 'criterionRatings'] as const;
    const seedStart = performance.now();
    for (const table of tables) {
      const all = backup[table] as unknown[];
      for (let i = 0; i < all.length; i += 20_000) {
        await seeder.evaluate(
          ({ table, rows }) =>
            new Promise<void>((resolve, reject) => {
              const open = indexedDB.open('interview-copilot');
              open.onsuccess = () => {
                const tx = open.result.transaction(table, 'readwrite');
                for (const row of rows) tx.objectStore(table).put(row);
                tx.oncomplete = () => {
                  open.result.close();
                  resolve();
                };
                tx.onerror = () => reject(tx.error);
              };
            }),
          { table, rows: all.slice(i, i + 20_000) },
        );
      }
    }
    const seedMs = performance.now() - seedStart;
    report(`seeding ${interviews} interviews × ${NOTES_PER_INTERVIEW} notes (raw IndexedDB)`, ms(seedMs));

    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const start = Date.now();
    await page.goto(`chrome-extension://${extensionId}/options.html#/interviews`);
    await page.getByTestId('interview-row').first().waitFor({ timeout: 60_000 });
    const firstRenderMs = Date.now() - start;
    const rendered = await page.getByTestId('interview-row').count();
    await page.getByTestId('list-count').filter({ hasText: `Interviews: ${interviews}` }).waitFor({ timeout: 60_000 });
    report('rows in the DOM', String(rendered), '< 200 (virtualised)', rendered < 200);
    // The first opening comes right after 200,000 rows were written, while the browser's IndexedDB store is still
    // settling them; an interviewer opens the page later. Five later openings, each in a new tab, give the median.
    const later: number[] = [];
    for (let i = 0; i < (quick ? 2 : 5); i++) {
      const again = await context.newPage();
      await again.setViewportSize({ width: 1280, height: 900 });
      const at = Date.now();
      await again.goto(`chrome-extension://${extensionId}/options.html#/interviews`);
      await again.getByTestId('interview-row').first().waitFor({ timeout: 60_000 });
      later.push(Date.now() - at);
      await again.close();
    }
    report('first render (navigation to first rows), first opening right after seeding', ms(firstRenderMs));
    report(
      `first render (navigation to first rows), median of ${later.length} later openings (spread)`,
      `${ms(median(later))} (${ms(Math.min(...later))}–${ms(Math.max(...later))})`,
      `≤ ${FIRST_RENDER_TARGET_MS} ms`,
      median(later) <= FIRST_RENDER_TARGET_MS,
    );

    const scrollMs = await timeInPage(
      page,
      `const rows = document.querySelector('[data-testid="interview-rows"]'); rows.scrollTo(0, rows.scrollHeight)`,
      `document.querySelector('[role="row"][aria-rowindex="${interviews + 1}"]')`,
    );
    report('scroll to the oldest interview (last row shown)', ms(scrollMs), `≤ ${INTERACTION_TARGET_MS} ms`, scrollMs <= INTERACTION_TARGET_MS);

    const name = bundles[Math.min(1234, interviews - 1)]!.interview.candidateName;
    const searchMs = await timeInPage(
      page,
      `const box = document.getElementById('interview-search');
       Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(box, ${JSON.stringify(name)});
       box.dispatchEvent(new Event('input', { bubbles: true }))`,
      `${countText} !== 'Interviews: ${interviews}'`,
    );
    report('search by candidate (typed to filtered list)', ms(searchMs), `≤ ${INTERACTION_TARGET_MS} ms`, searchMs <= INTERACTION_TARGET_MS);
    await page.getByLabel('Search').fill('');
    await page.getByTestId('list-count').filter({ hasText: `Interviews: ${interviews}` }).waitFor();

    const selectAllMs = await timeInPage(
      page,
      `document.querySelector('[aria-label="Select all listed interviews"]').click()`,
      `${countText} === 'Selected: ${interviews} of ${interviews}'`,
    );
    report(`select all ${interviews} listed interviews`, ms(selectAllMs), `≤ ${INTERACTION_TARGET_MS} ms`, selectAllMs <= INTERACTION_TARGET_MS);

    // The options page's "export all" path: the id list, then `data.export` in batches of 500 (the message cap).
    const exportStart = Date.now();
    const size = (await page.evaluate(`(async () => {
      let id = 1;
      let bytes = 0;
      const answer = await chrome.runtime.sendMessage({ id: id++, type: 'interviews.list', data: { limit: 1000000 }, timestamp: Date.now() });
      if (!answer || !answer.res || !answer.res.ok) throw new Error('interviews.list failed');
      const ids = answer.res.value.items.map((x) => x.id);
      for (let i = 0; i < ids.length; i += 500) {
        const part = await chrome.runtime.sendMessage({ id: id++, type: 'data.export', data: { ids: ids.slice(i, i + 500), allGuides: i === 0 }, timestamp: Date.now() });
        if (!part || !part.res || !part.res.ok) throw new Error('data.export failed');
        bytes += JSON.stringify(part.res.value).length;
      }
      return bytes;
    })()`)) as number;
    const exportMs = Date.now() - exportStart;
    report('data.export of everything through the protocol (batches of 500)', `${ms(exportMs)}, ${(size / 1048576).toFixed(1)} MB`);
    await page.close();
    await seeder.close();
    return {
      data: { interviews, notesPerInterview: NOTES_PER_INTERVIEW, seedMs, firstRenderMs, laterRenderMs: later, rowsInDom: rendered, scrollMs, searchMs, selectAllMs, protocolExportMs: exportMs, protocolExportBytes: size },
      note: `Reading everything back through the protocol (the options page's *export all*) takes far longer than the library export because each batch of 500 interviews is copied through runtime messaging.`,
    };
  },
};
