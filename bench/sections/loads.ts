/**
 * Call page loads with and without the extension, interleaved so background noise hits both sides alike, and how
 * soon the panel is visible after the page's DOMContentLoaded.
 */
import type { Page } from 'playwright-core';
import { MEETING, UNMATCHED, median, ms, quantile, type BenchSection } from '../support';

/** Navigation timing of one load: DOMContentLoaded and load end, in ms since navigation start. */
async function loadOnce(page: Page, url = MEETING) {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { dcl: nav.domContentLoadedEventStart, load: nav.loadEventEnd, origin: performance.timeOrigin };
  });
}

const MISSED_NOTE = `**Missed: the load-time ratio.** The demo call page loads in 35–70 ms, and on matched hosts Chromium injects the
content script between \`DOMContentLoaded\` and \`load\`; its parse and start-up (even on a page where it does nothing)
add 10–60 ms there, and run-to-run noise on this 2-core machine is ±50%. The content script already does all of its
work after the page's \`load\` event; what remains is the injection itself. A real call page takes seconds to load, so
the same cost is a few per cent there. Shrinking the injected script further (a loader that imports the rest after
\`load\`) is the next step.`;

export const loads: BenchSection = {
  key: 'loads',
  title: 'Call page loads',
  async run({ quick, report, withExtension, withoutExtension }) {
    const LOADS = quick ? 4 : 20;
    const a = await (await withExtension()).context.newPage();
    const b = await (await withoutExtension()).newPage();
    const loadWith: number[] = [];
    const loadWithout: number[] = [];
    const loadUnmatched: number[] = [];
    const panelAfterDcl: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const w = await loadOnce(a);
      loadWith.push(w.load);
      const frame = await (async () => {
        for (let t = 0; t < 300; t++) {
          const f = a.frames().find((x) => x.url().includes('/panel.html'));
          if (f && (await f.$('#root > *').catch(() => null))) return f;
          await a.waitForTimeout(10);
        }
        throw new Error('panel did not render');
      })();
      const visibleAt = await frame.evaluate(() => {
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return performance.timeOrigin + (paint ? paint.startTime : performance.now());
      });
      panelAfterDcl.push(visibleAt - (w.origin + w.dcl));
      loadWithout.push((await loadOnce(b)).load);
      // The same page in the same browser (extension loaded) at a host no content script matches: what the
      // extension's own work on a call page costs, apart from running a second browser.
      loadUnmatched.push((await loadOnce(a, UNMATCHED)).load);
    }
    const ratio = median(loadWith) / median(loadWithout);
    const sameBrowserRatio = median(loadWith) / median(loadUnmatched);
    report(`panel visible after DOMContentLoaded, median of ${LOADS}`, ms(median(panelAfterDcl)), '≤ 300 ms', median(panelAfterDcl) <= 300);
    report(`panel visible after DOMContentLoaded, p95 of ${LOADS}`, ms(quantile(panelAfterDcl, 0.95)), '≤ 300 ms', quantile(panelAfterDcl, 0.95) <= 300);
    report('call page load time, with / without the extension (median; second browser without it)', `${ms(median(loadWith))} / ${ms(median(loadWithout))} = ${ratio.toFixed(3)}`, '≤ 1.05', ratio <= 1.05);
    report('call page load time, call host / unmatched host in the same browser (median)', `${ms(median(loadWith))} / ${ms(median(loadUnmatched))} = ${sameBrowserRatio.toFixed(3)}`, '≤ 1.05', sameBrowserRatio <= 1.05);
    await a.close();
    await b.close();
    return {
      data: { loads: LOADS, loadWith, loadWithout, loadUnmatched, panelAfterDcl, ratio, sameBrowserRatio },
      note: ratio > 1.05 || sameBrowserRatio > 1.05 ? MISSED_NOTE : undefined,
    };
  },
};
