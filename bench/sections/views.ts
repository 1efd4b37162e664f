/**
 * How fast the views follow the interviewer's clicks across pages (figures that used to be timed assertions in the
 * popup and side-panel e2e tests, issue 18):
 * - Start in the popup → the panel in the call tab shows the chosen stage's first question;
 * - Settings → Meet "In the side panel" → the overlay leaves the call page (and back: "Over the call" → it returns).
 * Both moments are taken in the pages themselves with `Date.now()` (one machine clock), so the polling that only
 * finds the result adds nothing.
 */
import type { Frame, Page } from 'playwright-core';
import { bundledGuide } from '../../tests/e2e/support/popup';
import { MEETING, median, ms, quantile, type BenchSection } from '../support';

/** The panel frame of a call page once it rendered. */
async function panelOf(page: Page): Promise<Frame> {
  for (let t = 0; t < 500; t++) {
    const frame = page.frames().find((f) => f.url().includes('/panel.html') && !f.isDetached());
    if (frame && (await frame.$('#root > *').catch(() => null))) return frame;
    await page.waitForTimeout(20);
  }
  throw new Error('panel did not render');
}

/** Waits (polling every 10 ms, at most 10 s) until `check` resolves to a number; returns it. */
async function until(check: () => Promise<number | null | undefined>, what: string): Promise<number> {
  for (let t = 0; t < 1000; t++) {
    const value = await check().catch(() => null);
    if (typeof value === 'number') return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${what} never happened`);
}

export const views: BenchSection = {
  key: 'views',
  title: 'Views following each other',
  async run({ quick, report, withExtension }) {
    const samples = quick ? 3 : 20;
    const { context, extensionId } = await withExtension();
    const stages = bundledGuide('backend-engineer').stages;

    // Popup Start → panel shows the stage.
    const startToPanel: number[] = [];
    for (let i = 0; i < samples; i++) {
      const stage = stages[i % stages.length]!;
      const question = stage.questions?.[0]?.text ?? stage.title;
      const call = await context.newPage();
      await call.goto(`${MEETING}?bench=${i}`);
      const frame = await panelOf(call);
      // The panel page records when the question's text first appears in it.
      await frame.evaluate((text) => {
        const seen = window as unknown as { benchShownAt?: number };
        if (document.body.innerText.includes(text)) throw new Error('the panel shows the question before Start');
        new MutationObserver(() => {
          if (seen.benchShownAt === undefined && document.body.innerText.includes(text)) seen.benchShownAt = Date.now();
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
      }, question);
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      const tabId = await popup.evaluate(async (url) => (await chrome.tabs.query({ url: `${url}*` }))[0]?.id, MEETING);
      await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
      await popup.locator('[data-testid="popup"][data-ready="true"]').waitFor();
      await popup.getByLabel('Candidate name').fill(`Bench ${i}`);
      await popup.locator('input[name="guide"][value="backend-engineer"]').check();
      await popup.getByRole('combobox', { name: /^Stage/ }).selectOption(stage.id);
      const button = popup.getByRole('button', { name: 'Start interview' });
      await button.evaluate((b) => b.addEventListener('click', () => ((window as unknown as { benchClickedAt: number }).benchClickedAt = Date.now()), true));
      await button.click();
      const clickedAt = await popup.evaluate(() => (window as unknown as { benchClickedAt: number }).benchClickedAt);
      const shownAt = await until(() => frame.evaluate(() => (window as unknown as { benchShownAt?: number }).benchShownAt), 'the stage in the panel');
      startToPanel.push(shownAt - clickedAt);
      // End it, so the next call starts from an empty panel.
      const interviewId = await popup.evaluate(async (id) => {
        const wire = (await chrome.runtime.sendMessage({ id: 1, type: 'session.get', data: { tabId: id }, timestamp: Date.now() })) as {
          res?: { value?: { interview?: { interview?: { id: string } } } };
        };
        return wire.res?.value?.interview?.interview?.id;
      }, tabId);
      if (interviewId) await popup.evaluate(async (id) => chrome.runtime.sendMessage({ id: 2, type: 'interviews.end', data: { id }, timestamp: Date.now() }), interviewId);
      await popup.close();
      await call.close();
    }
    report(`popup Start to the panel showing the chosen stage, median of ${samples}`, ms(median(startToPanel)));
    report(`popup Start to the panel showing the chosen stage, p95 of ${samples}`, ms(quantile(startToPanel, 0.95)), '≤ 1000 ms', quantile(startToPanel, 0.95) <= 1000);

    // Settings → side panel → the overlay leaves the call page; → over the call → it is back.
    const call = await context.newPage();
    await call.goto(MEETING);
    await panelOf(call);
    await call.evaluate(() => {
      const seen = window as unknown as { benchGoneAt?: number; benchBackAt?: number };
      new MutationObserver(() => {
        const present = document.querySelector('[data-interview-copilot]') !== null;
        if (!present) seen.benchGoneAt ??= Date.now();
        else seen.benchBackAt ??= Date.now();
      }).observe(document.documentElement, { childList: true });
    });
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#settings`);
    const group = options.getByTestId('panel-mode-meet');
    await group.evaluate((g) => g.addEventListener('change', () => ((window as unknown as { benchChangedAt: number }).benchChangedAt = Date.now()), true));
    const gone: number[] = [];
    const back: number[] = [];
    for (let i = 0; i < samples; i++) {
      await call.evaluate(() => ((window as unknown as { benchGoneAt?: number }).benchGoneAt = undefined));
      await group.getByRole('radio', { name: 'In the side panel' }).check();
      const changedAt = await options.evaluate(() => (window as unknown as { benchChangedAt: number }).benchChangedAt);
      gone.push((await until(() => call.evaluate(() => (window as unknown as { benchGoneAt?: number }).benchGoneAt), 'the overlay leaving')) - changedAt);
      await call.evaluate(() => ((window as unknown as { benchBackAt?: number }).benchBackAt = undefined));
      await group.getByRole('radio', { name: 'Over the call' }).check();
      const changedBackAt = await options.evaluate(() => (window as unknown as { benchChangedAt: number }).benchChangedAt);
      back.push((await until(() => call.evaluate(() => (window as unknown as { benchBackAt?: number }).benchBackAt), 'the overlay coming back')) - changedBackAt);
    }
    report(`Settings → side panel to the overlay gone from the call page, median of ${samples}`, ms(median(gone)));
    report(`Settings → side panel to the overlay gone from the call page, p95 of ${samples}`, ms(quantile(gone, 0.95)), '≤ 1000 ms', quantile(gone, 0.95) <= 1000);
    report(`Settings → over the call to the overlay back, p95 of ${samples}`, ms(quantile(back, 0.95)));
    await options.close();
    await call.close();
    return { data: { samples, startToPanel, gone, back } };
  },
};
