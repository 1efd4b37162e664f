// `npm run screenshots:docs`: refreshes the pictures in docs/screenshots/ (the only command that writes there).
// Builds the Chrome extension (unless SKIP_BUILD=1), runs the e2e tests that take those pictures (they write into
// artifacts/screenshots/ like every test run), then copies each one listed in tests/e2e/support/screenshots.ts.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DOCS_SCREENSHOTS, SCREENSHOT_DIR } from '../tests/e2e/support/screenshots';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const run = (command: string, args: string[]) => {
  console.log(`▶ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (process.env.SKIP_BUILD !== '1') run('npx', ['wxt', 'build']);
for (const { artifact } of DOCS_SCREENSHOTS) rmSync(path.join(SCREENSHOT_DIR, artifact), { force: true });
const titles = [...new Set(DOCS_SCREENSHOTS.map((s) => s.test))];
run('npx', ['playwright', 'test', '--project=chromium', '--workers=1', '--grep', titles.map(escape).join('|')]);
mkdirSync('docs/screenshots', { recursive: true });
const missing = DOCS_SCREENSHOTS.filter((s) => !existsSync(path.join(SCREENSHOT_DIR, s.artifact)));
if (missing.length) {
  console.error(`✖ not taken: ${missing.map((s) => s.artifact).join(', ')}`);
  process.exit(1);
}
for (const { doc, artifact } of DOCS_SCREENSHOTS) copyFileSync(path.join(SCREENSHOT_DIR, artifact), path.join('docs/screenshots', doc));
console.log(`Copied ${DOCS_SCREENSHOTS.length} screenshots into docs/screenshots/.`);
