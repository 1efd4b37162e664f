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

/**
 * The panel page and the scripts and stylesheets it loads at start: its tags, the static imports between chunks, and
 * the app, which the page's own module imports once the shell has painted (with the files Vite preloads for it,
 * `__vite__mapDeps`, paths from the build's root). Dynamic imports deeper in the app load only on an interviewer's
 * request (the drafted follow-up's check) and are left out. `app: false`: only what comes before the shell's first
 * paint.
 */
function panelFiles({ app = true } = {}): string[] {
  const html = path.join(CHROME_DIST, 'panel.html');
  const seen = new Set<string>([html]);
  const tags = [...readFileSync(html, 'utf8').matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const entries = new Set(tags.map((ref) => path.join(CHROME_DIST, ref.replace(/^\//, ''))));
  const queue = [...tags];
  while (queue.length) {
    const ref = queue.shift()!;
    const file = path.join(CHROME_DIST, ref.replace(/^\//, ''));
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(file, 'utf8');
    const relative = (spec: string) => path.relative(CHROME_DIST, path.resolve(path.dirname(file), spec));
    for (const m of code.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)) queue.push(relative(m[1]!));
    if (!app || !entries.has(file)) continue;
    for (const m of code.matchAll(/import\(\s*[`"'](\.{1,2}\/[^`"']+\.js)[`"']\s*\)/g)) queue.push(relative(m[1]!));
    const deps = /__vite__mapDeps=.*?\[([^\]]*)\]/.exec(code)?.[1] ?? '';
    for (const m of deps.matchAll(/"([^"]+\.(?:js|css))"/g)) queue.push(m[1]!);
  }
  return [...seen];
}

export const sizes: BenchSection = {
  key: 'sizes',
  title: 'Bundle sizes',
  async run({ report }) {
    const dir = path.join(CHROME_DIST, 'content-scripts');
    const content = fileSizes(readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f)));
    const panel = fileSizes(panelFiles());
    const shell = fileSizes(panelFiles({ app: false }));
    report('call-detection script (injected after the load event; call pages get no script of ours before it)', `${kb(content.raw)} raw, ${kb(content.gzip)} gzip`, '≤ 8 kB gzip', content.gzip <= 8 * 1024);
    report('panel page at start (html, js, css; what loads only on request left out)', `${kb(panel.raw)} raw, ${kb(panel.gzip)} gzip`);
    report("of which before the panel's first paint (the page with its shell, and the module that loads the app after it)", `${kb(shell.raw)} raw, ${kb(shell.gzip)} gzip`);
    return { data: { contentScripts: content, panelPage: panel, panelShell: shell } };
  },
};
