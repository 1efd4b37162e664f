/**
 * Call page loads with and without the extension, interleaved so background noise hits both sides alike, and how
 * soon the panel is visible after the page's `load` event (the background injects the call-detection script only
 * once the browser reports the tab loaded; lib/background/inject.ts). Each load opens a tab of its own and starts
 * from a quiet browser (see `loadOnce` and `SETTLE_MS`).
 *
 * "Visible" is the panel frame's first contentful paint: its shell (entrypoints/panel/index.html), an outline of the
 * panel drawn before the React app's script runs, where the app's "Loading…" line used to be the first paint. The
 * row after it gives the time to the app's first real view (start form or interview), so both are on record.
 */
import type { BrowserContext } from 'playwright-core';
import { MEETING, UNMATCHED, median, ms, quantile, type BenchSection } from '../support';

/**
 * Navigation timing of one load in a new tab of `context` (closed afterwards, unless `keep`): DOMContentLoaded and
 * load end, in ms since navigation start. Every series opens its page the way an interviewer opens a call link, in a
 * tab of its own: reusing one tab would add the previous page's teardown (with or without a panel in it) or a
 * cross-site process switch to some series and not to others.
 */
async function loadOnce(context: BrowserContext, url = MEETING, keep = false) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { dcl: nav.domContentLoadedEventStart, load: nav.loadEventEnd, origin: performance.timeOrigin };
  });
  if (!keep) await page.close();
  return { ...timing, page };
}

/** What "visible" means in this table; always printed under it. */
const VISIBLE_NOTE = `**What "panel visible" measures.** The panel frame's first contentful paint. The panel page paints a
shell first (entrypoints/panel/index.html: a still outline of the panel in plain HTML and CSS, hidden from screen
readers, which hear the app's loading line) and loads the React app only after that paint; before this design the first paint was the
app's "Loading…" line, drawn after all of its script had run. The next row, the panel's first view, is when the app
shows the start form or the running interview (a User Timing mark in components/panel/PanelApp.tsx).`;

const MISSED_NOTE = `**Where a load figure is missed.** Call pages get no script of ours before their \`load\` event: the
background injects the call-detection script once the browser reports the tab loaded (lib/background/inject.ts).
The second-browser ratio also counts the whole browser being busier with an extension loaded, and the spread of every
row shows the noise of this shared 2-core machine (other work running during the bench widens it).`;

/**
 * Quiet time before each measured load, the same for all three kinds: a call page is opened once, not right after
 * another page's panel started or was torn down in the same browser, so each load starts from a quiet browser.
 */
const SETTLE_MS = 750;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/** `min–max` of a series, for the spread next to a median. */
const spread = (values: number[]) => `${ms(Math.min(...values))}–${ms(Math.max(...values))}`;

export const loads: BenchSection = {
  key: 'loads',
  title: 'Call page loads',
  async run({ quick, report, withExtension, withoutExtension }) {
    const LOADS = quick ? 4 : 20;
    const a = (await withExtension()).context;
    const b = await withoutExtension();
    const loadWith: number[] = [];
    const loadWithout: number[] = [];
    const loadUnmatched: number[] = [];
    const panelAfterLoad: number[] = [];
    const contentAfterLoad: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const w = await loadOnce(a, MEETING, true);
      loadWith.push(w.load);
      const frame = await (async () => {
        for (let t = 0; t < 300; t++) {
          const f = w.page.frames().find((x) => x.url().includes('/panel.html'));
          if (f && (await f.$('#root > *').catch(() => null))) return f;
          await w.page.waitForTimeout(10);
        }
        throw new Error('panel did not render');
      })();
      // The frame's first contentful paint (its shell, entrypoints/panel/index.html), and the app's first view
      // beyond its loading line (the `panel:content` mark, components/panel/PanelApp.tsx).
      const { visibleAt, contentAt } = await frame.evaluate(async () => {
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        for (let t = 0; t < 300 && performance.getEntriesByName('panel:content').length === 0; t++) await new Promise((r) => setTimeout(r, 10));
        const content = performance.getEntriesByName('panel:content')[0];
        return {
          visibleAt: performance.timeOrigin + (paint ? paint.startTime : performance.now()),
          contentAt: performance.timeOrigin + (content ? content.startTime : performance.now()),
        };
      });
      panelAfterLoad.push(visibleAt - (w.origin + w.load));
      contentAfterLoad.push(contentAt - (w.origin + w.load));
      await w.page.close();
      await settle();
      loadWithout.push((await loadOnce(b)).load);
      await settle();
      // The same page in the same browser (extension loaded) at a host no call script is injected into: what the
      // extension's own work on a call page costs, apart from running a second browser.
      loadUnmatched.push((await loadOnce(a, UNMATCHED)).load);
      await settle();
    }
    const ratio = median(loadWith) / median(loadWithout);
    const sameBrowserRatio = median(loadWith) / median(loadUnmatched);
    report(`panel visible after the page's load event, median of ${LOADS} (spread)`, `${ms(median(panelAfterLoad))} (${spread(panelAfterLoad)})`, '≤ 300 ms', median(panelAfterLoad) <= 300);
    report(`panel visible after the page's load event, p95 of ${LOADS}`, ms(quantile(panelAfterLoad, 0.95)));
    report(
      `panel's first view (start form or interview) drawn after the page's load event, median of ${LOADS} (spread; p95)`,
      `${ms(median(contentAfterLoad))} (${spread(contentAfterLoad)}; ${ms(quantile(contentAfterLoad, 0.95))})`,
    );
    report(
      `call page load time, with / without the extension (medians of ${LOADS} alternating runs, second browser without it; spread)`,
      `${ms(median(loadWith))} / ${ms(median(loadWithout))} = ${ratio.toFixed(3)} (${spread(loadWith)} / ${spread(loadWithout)})`,
      '≤ 1.05',
      ratio <= 1.05,
    );
    report(
      `call page load time, call host / unmatched host in the same browser (medians of ${LOADS} alternating runs; spread)`,
      `${ms(median(loadWith))} / ${ms(median(loadUnmatched))} = ${sameBrowserRatio.toFixed(3)} (${spread(loadWith)} / ${spread(loadUnmatched)})`,
      '≤ 1.05',
      sameBrowserRatio <= 1.05,
    );
    return {
      data: { loads: LOADS, loadWith, loadWithout, loadUnmatched, panelAfterLoad, contentAfterLoad, ratio, sameBrowserRatio },
      note: ratio > 1.05 || sameBrowserRatio > 1.05 || median(panelAfterLoad) > 300 ? `${VISIBLE_NOTE}\n\n${MISSED_NOTE}` : VISIBLE_NOTE,
    };
  },
};
