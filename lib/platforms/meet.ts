/** Google Meet meeting path: `/<xxx>-<xxxx>-<xxx>` in lowercase letters (shared/docs/platforms.md). */
const MEET_MEETING_PATH = /^\/[a-z]{3}-[a-z]{4}-[a-z]{3}\/?$/;

/** Whether `url` is a Google Meet meeting (not the home page, `/landing` or other paths). */
export function isMeetMeetingUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.hostname === 'meet.google.com' && MEET_MEETING_PATH.test(parsed.pathname);
  } catch {
    return false;
  }
}
