import { expect, test } from '@playwright/test';
import { extensionIdOf, serviceWorker } from './support/launch';
import { MEETING_URL, openMeeting, readDatabase } from './support/panel';
import { CONTROL_NEEDLE, expectSpyHearsAndFinds, plantControlText, CHROMIUM_OWN_HOSTS, SPY_PATH, foreignProxyTraffic, launchChromiumBehindProxy, leaks, serveSpiedPagesChromium, spiedPage, spyReport, startRecordingProxy } from './support/privacy';

/**
 * Privacy probes over one full interview on a Meet call served with the strict CSP + Trusted Types policy:
 * no request leaves the browser, the call page's own script finds none of the typed text anywhere it can
 * look, its key listeners hear none of the panel's keys, and the page records no CSP violation.
 * Every typed character goes through the real keyboard path (CDP input events to the focused frame).
 */

const CANDIDATE = 'Ottoline Vasquez-Brandt';
const NOTE = 'Zephyrine remark 58213 about the counter-offer';
const QUESTION_NOTE = 'Quillwort answer on sharding 77406';
const SUMMARY = 'Marrowby summary 31975 hire with care';
const NEEDLES = [CANDIDATE, NOTE, 'Zephyrine', '58213', QUESTION_NOTE, 'Quillwort', SUMMARY, 'Marrowby'];
const Q1 = 'When would you choose a relational database over a document store, and when the other way round?';

test('a full interview leaks nothing to the call page or the network (strict CSP, Trusted Types)', async () => {
  const proxy = await startRecordingProxy();
  const context = await launchChromiumBehindProxy(proxy.port);
  try {
    const requests: string[] = [];
    await serveSpiedPagesChromium(context, { [MEETING_URL]: spiedPage('meet/in-call.html', { strict: true }) }, requests);
    const extensionId = await extensionIdOf(context);
    const { page, frame } = await openMeeting(context);
    expect(await page.evaluate(() => typeof (window as unknown as { __callPageSpy?: unknown }).__callPageSpy)).toBe('object');

    // Start: the candidate's name is typed key by key into the panel.
    await frame.getByRole('textbox', { name: 'Candidate', exact: true }).click();
    await page.keyboard.type(CANDIDATE);
    await frame.getByRole('combobox', { name: 'Role guide', exact: true }).selectOption({ label: 'Backend Engineer (EN)' });
    await page.keyboard.press('Enter');
    await expect(frame.getByTestId('candidate-name')).toHaveText(CANDIDATE);

    // Panel keys: j moves, a marks asked, 3 rates; a note on the question, typed.
    await frame.locator('#question-relational-vs-document-store').focus();
    for (const key of ['a', '3', 'j', 'a', '1', 'k']) await page.keyboard.press(key);
    await expect(frame.getByRole('checkbox', { name: `Asked: ${Q1}` })).toBeChecked();
    await frame.getByRole('textbox', { name: `Note on: ${Q1}` }).click();
    await page.keyboard.type(QUESTION_NOTE);

    // A red flag, then the free note.
    await frame.getByRole('region', { name: 'Red flags' }).getByRole('checkbox').first().check();
    await frame.getByRole('textbox', { name: 'Notes', exact: true }).click();
    await page.keyboard.type(NOTE);
    await page.keyboard.press('Enter');
    await expect(frame.getByTestId('note-entries')).toContainText(NOTE);

    // Wrap up and end.
    await frame.getByRole('button', { name: 'End the interview and wrap up' }).click();
    await frame.getByRole('radiogroup', { name: 'Overall recommendation' }).getByRole('radio', { name: 'Yes', exact: true }).click();
    await frame.getByRole('textbox', { name: 'Summary', exact: true }).click();
    await page.keyboard.type(SUMMARY);
    await frame.getByRole('button', { name: 'End interview', exact: true }).click();
    await expect(frame.getByRole('heading', { name: 'Interview ended' })).toBeVisible();

    // The text did reach the extension's own database (so the probes below looked for something real).
    const db = await readDatabase(context, extensionId);
    expect(db.notes?.map((n) => n.text)).toEqual([NOTE]);
    expect(db.questionStates?.find((q) => q.questionId === 'relational-vs-document-store')).toMatchObject({ asked: true, rating: 'yes', note: QUESTION_NOTE });
    expect(db.interviews?.[0]).toMatchObject({ candidateName: CANDIDATE, summary: SUMMARY, state: 'ended' });
    expect(db.redFlagChecks?.filter((r) => r.checked)).toHaveLength(1);

    // (2)–(4): the call page's own script.
    const report = await spyReport(page, NEEDLES);
    expect(report.found).toEqual([]);
    expect(report.keys).toEqual([]);
    expect(report.violations).toEqual([]);
    // The call site's origin has no database at all: the extension's lives under its own origin.
    expect(report.databases).toEqual([]);
    // The panel's closed shadow root hides its frame from the DOM walk; window.frames does not list it either.
    expect(report.walked).toEqual({ frames: 1, shadowRoots: 0, blockedFrames: 0 });

    // (1): every request, as Playwright saw it (pages, frames, workers) and as the proxy saw what escaped.
    // The panel frame may load from its `use_dynamic_url` alias (`chrome-extension://<random>/`): any
    // chrome-extension: origin is ours, as this profile has no other extension.
    expect(leaks(requests, [MEETING_URL, `https://meet.google.com${SPY_PATH}`], 'chrome-extension:/')).toEqual([]);
    // The served URLs were asked for once each, by the page's own load: a request of ours to them would be a second.
    expect(requests.filter((u) => u === MEETING_URL)).toHaveLength(1);
    expect(requests.filter((u) => u === `https://meet.google.com${SPY_PATH}`)).toHaveLength(1);
    expect(requests.some((u) => /^chrome-extension:\/\/[^/]+\/chunks\/panel-/.test(u))).toBe(true);
    // What went around Playwright's interception to the proxy is Chromium's own traffic, never the extension's.
    expect(foreignProxyTraffic(proxy.seen, CHROMIUM_OWN_HOSTS, NEEDLES)).toEqual([]);

    // Controls, each seen by the path its check above reads. Requests from the panel frame and from the background
    // (its service worker) are reported to Playwright, which `leaks` reads:
    await frame.evaluate(() => fetch('https://leak.example/from-panel').catch(() => undefined));
    const worker = await serviceWorker(context);
    await worker.evaluate(() => fetch('https://leak.example/from-background').catch(() => undefined));
    await expect.poll(() => leaks(requests, [], 'chrome-extension:/')).toEqual(expect.arrayContaining(['https://leak.example/from-panel', 'https://leak.example/from-background']));
    // and what goes around Playwright (a WebSocket from the background) reaches the proxy, which sees an HTTPS
    // connection to the call host as `CONNECT meet.google.com:443` — reported, since the call host is not one of
    // Chromium's own hosts (its preconnects are off: see launchChromiumBehindProxy).
    await worker.evaluate(() => {
      const socket = new WebSocket('wss://meet.google.com/control-from-background');
      socket.onerror = () => undefined;
    });
    await expect.poll(() => foreignProxyTraffic(proxy.seen, CHROMIUM_OWN_HOSTS, NEEDLES)).toEqual(['CONNECT meet.google.com:443']);

    // Controls: the same spy does hear the page's own keys and does find text the page itself can reach.
    await page.locator('button[aria-label="Leave call"]').focus();
    await page.keyboard.press('x');
    await page.evaluate(plantControlText, CONTROL_NEEDLE);
    expectSpyHearsAndFinds(await spyReport(page, [CONTROL_NEEDLE]));
  } finally {
    await context.close();
    await proxy.close();
  }
});
