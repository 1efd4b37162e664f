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
 * The panel page and every script and stylesheet it loads: its tags, then, from each script, static imports,
 * dynamic imports (the app is imported once the shell has painted) and the files Vite preloads with them
 * (`__vite__mapDeps`, paths from the build's root). `dynamic: false`: only what comes before the shell's first
 * paint (the page and its static imports).
 */
function panelFiles({ dynamic = true } = {}): string[] {
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
      const relative = (spec: string) => path.relative(CHROME_DIST, path.resolve(path.dirname(file), spec));
      for (const m of code.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)) queue.push(relative(m[1]!));
      if (!dynamic) continue;
      for (const m of code.matchAll(/import\(\s*[`"'](\.{1,2}\/[^`"']+\.js)[`"']\s*\)/g)) queue.push(relative(m[1]!));
      const deps = /__vite__mapDeps=.*?\[([^\]]*)\]/.exec(code)?.[1] ?? '';
      for (const m of deps.matchAll(/"([^"]+\.(?:js|css))"/g)) queue.push(m[1]!);
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
    const panel = fileSizes(panelFiles());
    const shell = fileSizes(panelFiles({ dynamic: false }));
    report('call-detection script (injected after the load event; call pages get no script of ours before it)', `${kb(content.raw)} raw, ${kb(content.gzip)} gzip`, '≤ 8 kB gzip', content.gzip <= 8 * 1024);
    report('panel page (html, js, css)', `${kb(panel.raw)} raw, ${kb(panel.gzip)} gzip`);
    report("of which before the panel's first paint (the page with its shell, and the module that loads the app after it)", `${kb(shell.raw)} raw, ${kb(shell.gzip)} gzip`);
    return { data: { contentScripts: content, panelPage: panel, panelShell: shell } };
  },
};
