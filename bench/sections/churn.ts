/** Long tasks on the call page's main thread during heavy DOM churn, with and without the extension, side by side. */
import type { BrowserContext } from 'playwright-core';
import { MEETING, ms, type BenchSection } from '../support';

async function churnLongTasks(context: BrowserContext, seconds: number) {
  const page = await context.newPage();
  await page.goto(MEETING);
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask' });
    const s = document.createElement('script');
    s.src = '/bench-churn.js';
    document.head.append(s);
  });
  await page.waitForTimeout(seconds * 1000);
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  await page.close();
  return { count: tasks.length, totalMs: tasks.reduce((a, b) => a + b, 0) };
}

export const churn: BenchSection = {
  key: 'churn',
  title: 'Long tasks during DOM churn',
  async run({ quick, report, withExtension, withoutExtension }) {
    const seconds = quick ? 5 : 60;
    const [withExt, without] = [(await withExtension()).context, await withoutExtension()];
    const [w, wo] = await Promise.all([churnLongTasks(withExt, seconds), churnLongTasks(without, seconds)]);
    report(`long tasks in ${seconds} s of churn, with the extension`, `${w.count} (${ms(w.totalMs)})`, 'no more than without (±1)', w.count <= wo.count + 1);
    report(`long tasks in ${seconds} s of churn, without the extension`, `${wo.count} (${ms(wo.totalMs)})`);
    return { data: { seconds, withExtension: w, withoutExtension: wo } };
  },
};
