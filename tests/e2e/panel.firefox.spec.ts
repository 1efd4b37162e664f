import { expect, test } from '@playwright/test';
import { launchFirefox, type FirefoxSession } from './support/firefox';
import { openMeetingFirefox, readTableFirefox, startFromPanelFirefox, waitForNoteFirefox } from './support/panel-firefox';

let session: FirefoxSession;
test.beforeAll(async () => {
  session = await launchFirefox();
});
test.afterAll(async () => {
  await session?.close();
});

test('starts an interview and adds a note from the panel on a Meet call', async () => {
  const { page, frame } = await openMeetingFirefox(session);
  await startFromPanelFirefox(frame, 'Morgan Firefox');
  expect(await frame.$eval('[data-call-state]', (el) => el.getAttribute('data-call-state'))).toBe('in-call');
  await frame.focus('#notes-box');
  await page.keyboard.type('Walked through the cache invalidation plan');
  await page.keyboard.press('Enter');
  await frame.waitForSelector('[data-testid="note-entries"]', { timeout: 10_000 });
  expect(await frame.$eval('[data-testid="note-entries"]', (el) => el.textContent)).toContain('Walked through the cache invalidation plan');
  expect(await frame.$eval('#notes-box', (el) => (el as HTMLTextAreaElement).value)).toBe('');
  await waitForNoteFirefox(session, 'Walked through the cache invalidation plan');
  const interviews = await readTableFirefox(session, 'interviews');
  expect(interviews.map((i) => [i.candidateName, i.platform, i.meetingId, i.state])).toContainEqual(['Morgan Firefox', 'meet', 'abc-defg-hij', 'active']);
  await page.close();
});
