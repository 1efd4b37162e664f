/**
 * `npm start`: builds the extension, opens Chromium with it loaded on a demo call page served under a real
 * Google Meet URL (no account, no network). With a display it opens a window and waits until you close it;
 * without one it runs headless, saves screenshots of the call page with the panel, the popup and the options
 * page, and prints their paths.
 */
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MissingBrowserError } from '../tests/e2e/support/browsers';
import { extensionIdOf, launchChromium, serveCallPages } from '../tests/e2e/support/launch';
import { fixturePage } from '../tests/e2e/support/pages';

const DEMO_URL = 'https://meet.google.com/abc-defg-hij';
const headed = Boolean(process.env.DISPLAY) && process.env.HEADLESS !== '1';

async function main() {
  if (process.env.SKIP_BUILD !== '1') execSync('npx wxt build', { stdio: 'inherit' });
  const context = await launchChromium({ headless: !headed, locale: process.env.DEMO_LOCALE });
  await serveCallPages(context, {
    [DEMO_URL]: { body: fixturePage('meet/in-call.html') },
    'https://meet.google.com/': { body: fixturePage('meet/home.html') },
  });
  const extensionId = await extensionIdOf(context);
  const call = context.pages()[0] ?? (await context.newPage());
  await call.goto(DEMO_URL);
  console.log(`\nDemo call open at ${DEMO_URL} with the extension ${extensionId} loaded.`);

  if (headed) {
    console.log('Close the browser window to stop.');
    await new Promise<void>((resolve) => context.on('close', () => resolve()));
    return;
  }

  const out = path.resolve('artifacts/screenshots');
  mkdirSync(out, { recursive: true });
  await call.waitForTimeout(2000);
  const shots: string[] = [];
  const callShot = path.join(out, 'start-call-with-panel.png');
  await call.screenshot({ path: callShot });
  shots.push(callShot);
  for (const [view, size] of [
    ['popup', { width: 400, height: 600 }],
    ['options', { width: 1280, height: 800 }],
  ] as const) {
    const page = await context.newPage();
    await page.setViewportSize(size);
    await page.goto(`chrome-extension://${extensionId}/${view}.html`);
    if (view === 'popup') {
      // Opened as a tab, the popup's "current tab" would be itself: point it at the demo call, as a click on the
      // toolbar button over the call would.
      const callTab = await page.evaluate(async () => (await chrome.tabs.query({ url: 'https://meet.google.com/*' }))[0]?.id);
      if (callTab !== undefined) await page.goto(`chrome-extension://${extensionId}/popup.html?tabId=${callTab}`);
    }
    await page.waitForTimeout(1000);
    const file = path.join(out, `start-${view}.png`);
    await page.screenshot({ path: file, fullPage: view === 'options' });
    shots.push(file);
  }
  await context.close();
  console.log('\nNo display found, so Chromium ran headless. Screenshots:');
  for (const shot of shots) console.log(`  ${shot}`);
}

main().catch((error: unknown) => {
  if (error instanceof MissingBrowserError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
