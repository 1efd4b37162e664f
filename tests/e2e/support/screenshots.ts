/** Where e2e screenshots go, and which of them illustrate the docs (read by `scripts/screenshots-docs.ts` too). */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** Every screenshot the tests take lands here (untracked); `npm test` never writes into tracked files. */
export const SCREENSHOT_DIR = 'artifacts/screenshots';

/** The path for a screenshot named `name` (e.g. `popup-form-en.png`) under artifacts/screenshots, creating the folder. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, name);
}

/**
 * The docs' pictures: `docs/screenshots/<file>` ← `artifacts/screenshots/<artifact>`, and the test (title pattern)
 * that takes it. `npm run screenshots:docs` runs those tests and copies them over.
 */
export const DOCS_SCREENSHOTS: readonly { doc: string; artifact: string; test: string }[] = [
  { doc: 'panel-meet-expanded-en.png', artifact: 'panel-meet-demo-expanded-en.png', test: 'screenshots of the panel, expanded and collapsed' },
  { doc: 'panel-meet-expanded-it.png', artifact: 'panel-meet-demo-expanded-it.png', test: 'screenshots of the panel, expanded and collapsed' },
  { doc: 'panel-meet-collapsed-en.png', artifact: 'panel-meet-demo-collapsed-en.png', test: 'screenshots of the panel, expanded and collapsed' },
  { doc: 'panel-meet-collapsed-it.png', artifact: 'panel-meet-demo-collapsed-it.png', test: 'screenshots of the panel, expanded and collapsed' },
  { doc: 'panel-teams-expanded-it.png', artifact: 'panel-teams-expanded-it.png', test: 'panel on Meet, Zoom and Teams, collapsed and expanded' },
  { doc: 'panel-zoom-collapsed-en.png', artifact: 'panel-zoom-collapsed-en.png', test: 'panel on Meet, Zoom and Teams, collapsed and expanded' },
  { doc: 'popup-en.png', artifact: 'popup-form-en.png', test: 'screenshots of the popup' },
  { doc: 'popup-it.png', artifact: 'popup-form-it.png', test: 'screenshots of the popup' },
  { doc: 'options-list-en.png', artifact: 'options-list-en.png', test: 'screenshots of the list and the detail view' },
  { doc: 'options-detail-en.png', artifact: 'options-detail-en.png', test: 'screenshots of the list and the detail view' },
  { doc: 'sidepanel-en.png', artifact: 'sidepanel-en.png', test: 'side-panel mode: no overlay on the Meet call' },
  { doc: 'sidepanel-no-call-en.png', artifact: 'sidepanel-no-call-en.png', test: 'the side panel on a tab without a call says so' },
  { doc: 'panel-presenting-en.png', artifact: 'panel-presenting-en.png', test: 'presenting on Meet collapses the overlay' },
  { doc: 'options-guide-tips-en.png', artifact: 'options-guide-tips-en.png', test: 'the guide preview shows the seed guide' },
  { doc: 'panel-suggestions-en.png', artifact: 'panel-suggestions-en.png', test: 'a question asked in other words is ticked as automatic, undo works' },
  { doc: 'transcript-panel-meet-en.png', artifact: 'transcript-panel-meet-en.png', test: 'consent, live tail, speakers, search and add to notes on Meet' },
  { doc: 'debrief-en.png', artifact: 'debrief-en.png', test: "two interviewers: each one's scorecard arrives read-only" },
  { doc: 'sync-settings-en.png', artifact: 'sync-settings-en.png', test: "two interviewers: each one's scorecard arrives read-only" },
];
