/** Note latency: from a key pressed in the panel's notes to the row committed by the background. */
import { MEETING, median, ms, quantile, rowStampedAt, type BenchSection } from '../support';

export const notes: BenchSection = {
  key: 'notes',
  title: 'Note latency',
  async run({ quick, report, withExtension }) {
    const samples = quick ? 20 : 200;
    const { context, extensionId } = await withExtension();
    const page = await context.newPage();
    await page.goto(MEETING);
    const frame = await (async () => {
      for (let t = 0; t < 500; t++) {
        const f = page.frames().find((x) => x.url().includes('/panel.html'));
        if (f && (await f.$('#root > *').catch(() => null))) return f;
        await page.waitForTimeout(20);
      }
      throw new Error('panel did not render');
    })();
    await frame.getByRole('textbox', { name: 'Candidate', exact: true }).fill('Bench Candidate');
    await frame.getByRole('combobox', { name: 'Role guide', exact: true }).selectOption({ label: 'Backend Engineer (EN)' });
    await frame.getByRole('button', { name: 'Start interview', exact: true }).click();
    const box = frame.getByRole('textbox', { name: 'Notes', exact: true });
    await box.waitFor();
    await box.click();
    const reader = await context.newPage();
    await reader.goto(`chrome-extension://${extensionId}/options.html`);
    await page.bringToFront();
    const latencies: number[] = [];
    let typed = '';
    // The row's `updatedAt` is stamped by the background when it commits, so keystroke-to-row latency is that
    // stamp minus the moment the key was pressed (same machine clock); polling only finds the row.
    const committedAt = (text: string) => rowStampedAt(reader, 'notes', 'updatedAt', text);
    for (let i = 0; i < samples; i++) {
      typed += 'abcdefghij'[i % 10]!;
      const pressedAt = Date.now();
      await page.keyboard.type(typed.at(-1)!);
      let at: number | null = null;
      for (let tries = 0; at === null && tries < 500; tries++) {
        at = await committedAt(typed);
        if (at === null) await page.waitForTimeout(10);
      }
      if (at === null) throw new Error(`note "${typed}" never reached the database`);
      latencies.push(at - pressedAt);
    }
    report(`keystroke to committed row, median of ${samples}`, ms(median(latencies)));
    report(`keystroke to committed row, p95 of ${samples}`, ms(quantile(latencies, 0.95)), '< 500 ms', quantile(latencies, 0.95) < 500);
    await page.close();
    await reader.close();
    return { data: { samples, latencies, median: median(latencies), p95: quantile(latencies, 0.95) } };
  },
};
