/** Bundle sizes: what call tabs are given to parse (content scripts) and what the panel page loads. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROME_DIST } from '../../tests/e2e/support/launch';
import { kb, type BenchSection } from '../support';

function fileSizes(files: string[]) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const data = readFileSync(file);
    raw += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return { raw, gzip, files: files.map((f) => path.relative(CHROME_DIST, f)) };
}

/** The panel page and every script and stylesheet it loads, following static imports between chunks. */
function panelFiles(): string[] {
  const html = path.join(CHROME_DIST, 'panel.html');
  const seen = new Set<string>([html]);
  const queue = [...readFileSync(html, 'utf8').matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  while (queue.length) {
    const ref = queue.shift()!;
    const file = path.join(CHROME_DIST, ref.replace(/^\//, ''));
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.js')) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)) queue.push(path.relative(CHROME_DIST, path.resolve(path.dirname(file), m[1]!)));
    }
  }
  return [...seen];
}

export const sizes: BenchSection = {
  key: 'sizes',
  title: 'Bundle sizes',
  async run({ report }) {
    const dir = path.join(CHROME_DIST, 'content-scripts');
    const content = fileSizes(readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f)));
    const loader = fileSizes([path.join(CHROME_DIST, 'call-loader.js')]);
    const panel = fileSizes(panelFiles());
    report('call loader (the only script call pages get before their load event)', `${loader.raw} B raw, ${loader.gzip} B gzip`, '≤ 1 kB raw', loader.raw <= 1024);
    report('call-detection script (injected after the load event)', `${kb(content.raw)} raw, ${kb(content.gzip)} gzip`, '≤ 8 kB gzip', content.gzip <= 8 * 1024);
    report('panel page (html, js, css)', `${kb(panel.raw)} raw, ${kb(panel.gzip)} gzip`);
    return { data: { callLoader: loader, contentScripts: content, panelPage: panel } };
  },
};
