/** Exports of 5,000 interviews × 40 notes through the export library, in Node: time, output size, heap growth. */
import { createBackup, serializeBackup } from '../../lib/export/backup';
import { interviewsToCsv } from '../../lib/export/csv';
import { makeSyntheticBundles } from '../../lib/export/fixtures';
import { EN_LABELS } from '../../lib/export/labels';
import { interviewsToMarkdown } from '../../lib/export/markdown';
import { ms, type BenchSection } from '../support';

const NOTES_PER_INTERVIEW = 40;

export const exportsBench: BenchSection = {
  key: 'exports',
  title: 'Exports (library, in Node)',
  builds: [],
  async run({ quick, report }) {
    const interviews = quick ? 500 : 5000;
    const bundles = makeSyntheticBundles(interviews, NOTES_PER_INTERVIEW, 7);
    const figures: Record<string, { ms: number; bytes: number; peakHeapMB: number }> = {};
    for (const [name, run] of [
      ['JSON backup', () => serializeBackup(createBackup(bundles, [], Date.now()))],
      ['CSV', () => interviewsToCsv(bundles)],
      ['Markdown', () => interviewsToMarkdown(bundles, EN_LABELS)],
    ] as const) {
      global.gc?.();
      const before = process.memoryUsage().heapUsed;
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
      const start = performance.now();
      const out = run();
      const took = performance.now() - start;
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      figures[name] = { ms: took, bytes: out.length, peakHeapMB: (peak - before) / 1048576 };
      report(`export ${name}`, `${ms(took)}, ${(out.length / 1048576).toFixed(1)} MB, +${figures[name].peakHeapMB.toFixed(0)} MB heap`, '< 3000 ms', took < 3000);
    }
    return {
      data: { interviews, notesPerInterview: NOTES_PER_INTERVIEW, figures },
      note: `${interviews.toLocaleString('en')} synthetic interviews × ${NOTES_PER_INTERVIEW} notes (${(interviews * NOTES_PER_INTERVIEW).toLocaleString('en')} notes), exported by the library in Node.`,
    };
  },
};
