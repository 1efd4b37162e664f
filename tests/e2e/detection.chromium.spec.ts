import type { BrowserContext, Frame, Page } from '@playwright/test';
import { URLS, WAITING_SCREENS, detectionPages, fixtureBody } from '../fixtures/pages/index';
import { fixturePage } from './support/pages';
import { expect, serveCallPages, serviceWorker, test } from './support/chromium';
import { sendToTab, waitForLooks } from './support/content-state';
import { trustedTypesViolation } from './support/controls';

/**
 * Call detection and the panel frame on every platform's fixtures, served under the real call URLs.
 * State is read the way the background will: `content.state` sent to the tab's top frame.
 */

interface ContentState {
  platform: string;
  state: string;
  meetingId: string | null;
  mounted: boolean;
  collapsed: boolean;
  dock: string;
  problem: string | null;
  looks: number;
  readyStateAtStart: string;
}

const stateOf = (context: BrowserContext, page: Page) => sendToTab<ContentState>(context, page, 'content.state');
const hostCount = (page: Page) => page.locator('[data-interview-copilot]').count();
const panelFrames = (page: Page) => page.frames().filter((f) => f.url().includes('/panel.html'));

/** Plays a single-page app's state change: the body is re-rendered, the URL stays (or was pushed before). */
async function render(target: Page | Frame, file: string): Promise<void> {
  await target.evaluate((html) => {
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    document.body.replaceChildren(...Array.from(parsed.body.childNodes, (node) => document.importNode(node, true)));
  }, fixtureBody(file));
}

async function pushUrl(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => history.pushState(null, '', p), path);
}

async function expectState(context: BrowserContext, page: Page, expected: Partial<ContentState>): Promise<void> {
  await expect.poll(async () => stateOf(context, page).catch((e: Error) => ({ error: e.message })), { timeout: 15_000 }).toMatchObject(expected);
}

/**
 * Exactly one panel host and one loaded panel frame. Frames are looked up afresh on each poll: the
 * background re-injects the content script when it installs, which replaces an early frame.
 */
async function expectOnePanel(page: Page): Promise<void> {
  await expect
    .poll(async () => {
      const frames = panelFrames(page);
      if (frames.length !== 1) return `${frames.length} panel frames`;
      const rendered = await frames[0]!.locator('#root > *').count().catch(() => 0);
      return rendered > 0 ? 'ready' : 'loading';
    })
    .toBe('ready');
  expect(await hostCount(page)).toBe(1);
}

/**
 * The panel iframe's box on the page. The iframe sits in a closed shadow root, out of reach of page
 * locators; its owner element is reached through the frame instead. The grip is the 14×44 px strip beside
 * it, on the side facing the page.
 */
async function panelBox(page: Page) {
  const owner = await panelFrames(page)[0]!.frameElement();
  const box = (await owner.boundingBox())!;
  return { ...box, title: await owner.getAttribute('title') };
}

function gripCenter(box: { x: number; y: number; width: number }, dock: 'left' | 'right') {
  return { x: dock === 'right' ? box.x - 7 : box.x + box.width + 7, y: box.y + 22 };
}

/** No panel host and no panel frame, checked after detection has looked at the page twice more. */
async function expectNoPanel(context: BrowserContext, page: Page): Promise<void> {
  const state = await waitForLooks(context, page);
  expect(state.mounted).toBe(false);
  expect(await hostCount(page)).toBe(0);
  expect(panelFrames(page)).toHaveLength(0);
}

test.beforeEach(async ({ context }) => {
  await serveCallPages(context, detectionPages());
});

test.describe('Google Meet', () => {
  test('home → meeting by client-side navigation, lobby → in call → left → rejoin, home again', async ({ context }) => {
    const page = await context.newPage();
    await page.goto(URLS.meet.home);
    await expectNoPanel(context, page);
    await expectState(context, page, { platform: 'meet', state: 'none', mounted: false });

    await pushUrl(page, '/abc-defg-hij');
    await render(page, 'meet/lobby.html');
    await expectState(context, page, { state: 'lobby', meetingId: 'abc-defg-hij', mounted: true });
    await expectOnePanel(page);
    const frame = panelFrames(page)[0]!;

    await render(page, 'meet/in-call.html');
    await expectState(context, page, { state: 'in-call' });
    await render(page, 'meet/left.html');
    await expectState(context, page, { state: 'left', mounted: true });
    await render(page, 'meet/lobby.html');
    await expectState(context, page, { state: 'lobby' });
    await render(page, 'meet/in-call.html');
    await expectState(context, page, { state: 'in-call' });
    // The same panel frame all along: never unmounted or doubled by state changes.
    expect(panelFrames(page)).toEqual([frame]);
    await expectOnePanel(page);

    await pushUrl(page, '/');
    await render(page, 'meet/home.html');
    await expectState(context, page, { state: 'none', mounted: false });
    expect(await hostCount(page)).toBe(0);

    await page.goBack();
    await render(page, 'meet/in-call.html');
    await expectState(context, page, { state: 'in-call', mounted: true });
    await expectOnePanel(page);
  });

  for (const [name, url, state] of [
    ['lobby', URLS.meet.lobby, 'lobby'],
    ['in call', URLS.meet.inCall, 'in-call'],
  ] as const) {
    test(`loads straight into the ${name}`, async ({ context }) => {
      const page = await context.newPage();
      await page.goto(url);
      await expectOnePanel(page);
      await expectState(context, page, { state, mounted: true });
    });
  }

  test('a left screen loaded on its own is a meeting in an unknown state', async ({ context }) => {
    const page = await context.newPage();
    await page.goto(URLS.meet.left);
    await expectOnePanel(page);
    await expectState(context, page, { state: 'unknown', mounted: true });
  });

  test('no panel on /landing', async ({ context }) => {
    const page = await context.newPage();
    await page.goto(URLS.meet.landing);
    await expectNoPanel(context, page);
  });
});

test.describe('Zoom', () => {
  test('regional host: lobby → in call → left, one panel', async ({ context }) => {
    const page = await context.newPage();
    await page.goto(URLS.zoom.lobby);
    await expectState(context, page, { platform: 'zoom', state: 'lobby', meetingId: '87654321012', mounted: true });
    await expectOnePanel(page);
    await render(page, 'zoom/in-call.html');
    await expectState(context, page, { state: 'in-call' });
    await render(page, 'zoom/left.html');
    await expectState(context, page, { state: 'left' });
    await expectOnePanel(page);
  });

  test('the call inside the #webclient frame: detected, panel in the top frame only', async ({ context }) => {
    const page = await context.newPage();
    await page.goto(URLS.zoom.webclient);
    await expectState(context, page, { state: 'lobby', meetingId: '12345678901' });
    const webclient = page.frames().find((f) => f.url() === URLS.zoom.webclientFrame)!;
    expect(webclient).toBeTruthy();
    await render(webclient, 'zoom/in-call.html');
    await expectState(context, page, { state: 'in-call' });
    await expectOnePanel(page);
    expect(await webclient.locator('[data-interview-copilot]').count()).toBe(0);
    expect(panelFrames(page)[0]!.parentFrame()).toBe(page.mainFrame());
  });

  test('in call on app.zoom.us', async ({ context }) => {
    const page = await context.newPage();
    await page.goto(URLS.zoom.inCall);
    await expectState(context, page, { state: 'in-call', mounted: true });
    await expectOnePanel(page);
  });

  for (const url of [URLS.zoom.home, URLS.zoom.launcher]) {
    test(`no panel on ${url}`, async ({ context }) => {
      const page = await context.newPage();
      await page.goto(url);
      await expectNoPanel(context, page);
    });
  }
});

test.describe('Microsoft Teams', () => {
  test('teams.microsoft.com hash routes: chat → meetup-join (pre-join → in call → left) → chat', async ({ context }) => {
    const page = await context.newPage();
    await page.goto(URLS.teams.app);
    await expectNoPanel(context, page);
    await page.evaluate((hash) => (location.hash = hash), new URL(URLS.teams.meetupHash).hash);
    await render(page, 'teams/prejoin.html');
    await expectState(context, page, { platform: 'teams', state: 'lobby', meetingId: '19:meeting_Zm9vYmFy@thread.v2', mounted: true });
    await expectOnePanel(page);
    await render(page, 'teams/in-call.html');
    await expectState(context, page, { state: 'in-call' });
    await render(page, 'teams/left.html');
    await expectState(context, page, { state: 'left' });
    await page.evaluate(() => (location.hash = '#/conversations'));
    await render(page, 'teams/app.html');
    await expectState(context, page, { state: 'none', mounted: false });
    expect(await hostCount(page)).toBe(0);
  });

  test('teams.live.com meeting link: pre-join then call', async ({ context }) => {
    const page = await context.newPage();
    await page.goto(URLS.teams.liveMeet);
    await expectState(context, page, { state: 'lobby', meetingId: '9312345678901' });
    await expectOnePanel(page);
    await render(page, 'teams/in-call.html');
    await expectState(context, page, { state: 'in-call' });
  });

  test('teams.cloud.microsoft app: a call without a meeting URL mounts the panel, its end removes it', async ({ context }) => {
    const page = await context.newPage();
    await page.goto(URLS.teams.cloudApp);
    await expectNoPanel(context, page);
    await render(page, 'teams/in-call.html');
    await expectState(context, page, { state: 'in-call', meetingId: null, mounted: true });
    await expectOnePanel(page);
    await render(page, 'teams/app.html');
    // Left in the app (not a call page any more) with no interview waiting for its wrap-up: the panel goes.
    await expectState(context, page, { state: 'left', mounted: false });
    await page.evaluate(() => (location.hash = '#/calendarv2'));
    await expectState(context, page, { state: 'none', mounted: false });
  });
});

test.describe('government clouds', () => {
  test('Zoom for Government and Teams GCC High / DoD web clients are detected and get the panel', async ({ context }) => {
    const zoom = await context.newPage();
    await zoom.goto(URLS.zoom.gov);
    await expectState(context, zoom, { platform: 'zoom', state: 'in-call', meetingId: '16009918351', mounted: true });
    await expectOnePanel(zoom);

    const gcc = await context.newPage();
    await gcc.goto(URLS.teams.gccHigh);
    await expectState(context, gcc, { platform: 'teams', state: 'lobby', meetingId: '19:meeting_Z292@thread.v2' });
    await expectOnePanel(gcc);

    const dod = await context.newPage();
    await dod.goto(URLS.teams.dodApp);
    await expectNoPanel(context, dod);
    await render(dod, 'teams/in-call.html');
    await expectState(context, dod, { platform: 'teams', state: 'in-call', meetingId: null, mounted: true });
    await expectOnePanel(dod);
  });
});

test.describe('strict CSP and Trusted Types', () => {
  for (const [platform, url] of Object.entries({ meet: URLS.meet.strict, zoom: URLS.zoom.strict, teams: URLS.teams.strict })) {
    test(`${platform}: the panel loads with zero violations`, async ({ context }) => {
      const page = await context.newPage();
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { __violations: string[] }).__violations = seen;
        document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const response = await page.goto(url);
      expect(response?.headers()['content-security-policy']).toContain('require-trusted-types-for');
      await expectState(context, page, { platform, state: 'in-call', mounted: true });
      await expectOnePanel(page);
      await sendToTab(context, page, 'content.command', { command: 'collapse' });
      await sendToTab(context, page, 'content.command', { command: 'expand' });
      await waitForLooks(context, page);
      const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
      expect(await violations()).toEqual([]);
      // Control: a deliberate Trusted Types violation in the page is recorded by the same listener.
      await page.evaluate(trustedTypesViolation);
      await expect.poll(violations).toEqual([expect.stringMatching(/^require-trusted-types-for/)]);
    });
  }
});

test.describe('background', () => {
  test('receives each state change through calls.report (session.get shows it)', async ({ context, extensionId }) => {
    const page = await context.newPage();
    await page.goto(URLS.meet.lobby);
    await expectOnePanel(page);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const tabState = () =>
      popup.evaluate(async (url) => {
        const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
        const wire = (await chrome.runtime.sendMessage({ id: 1, type: 'session.get', data: { tabId: tab?.id }, timestamp: Date.now() })) as {
          res?: { ok: boolean; value?: { tab: { state: string; meetingId: string; platform: string } | null } };
        };
        return wire.res?.ok ? wire.res.value?.tab : wire;
      }, URLS.meet.lobby);
    await expect.poll(tabState, { timeout: 15_000 }).toMatchObject({ platform: 'meet', state: 'lobby', meetingId: 'lob-bylo-bby' });
    await render(page, 'meet/in-call.html');
    await expect.poll(tabState, { timeout: 15_000 }).toMatchObject({ state: 'in-call' });
    await render(page, 'meet/left.html');
    await expect.poll(tabState, { timeout: 15_000 }).toMatchObject({ state: 'left' });
  });
});

test.describe('after the page load', () => {
  test('nothing of ours runs in a call page until its load event; then the background brings the panel', async ({ context, extensionId }) => {
    // The page's load event waits for an image that is held back until the test releases it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const url = 'https://meet.google.com/slo-wloa-dxx';
    const body = fixturePage('meet/in-call.html').replace('</body>', '<img src="/held-image.png" alt=""></body>');
    await context.route('https://meet.google.com/**', async (route) => {
      const requested = route.request().url();
      if (requested.endsWith('/held-image.png')) {
        await held;
        await route.fulfill({ status: 404, body: '' });
      } else if (requested === url) {
        await route.fulfill({ contentType: 'text/html; charset=utf-8', body });
      } else {
        await route.fallback();
      }
    });
    const page = await context.newPage();
    // Every execution context the page gets, by origin: an isolated world of ours would be one with our origin.
    const cdp = await context.newCDPSession(page);
    const ours: string[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context: created }) => {
      if (created.origin === `chrome-extension://${extensionId}`) ours.push(created.name);
    });
    await cdp.send('Runtime.enable');
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    // The page has its DOM but not its `load` event: no panel, no world of ours (the manifest has no content script).
    expect(await page.evaluate(() => document.readyState)).not.toBe('complete');
    expect(await hostCount(page)).toBe(0);
    expect(ours).toEqual([]);
    release();
    await expectOnePanel(page);
    await expectState(context, page, { state: 'in-call', mounted: true });
    // Control for the context record: the call-detection script's world is seen by the same record once injected.
    expect(ours.length).toBeGreaterThan(0);
    await cdp.detach();
    // No fixed wait decides this: the call-detection script itself says the page had loaded when it started. Any
    // injection before `load` makes it start while the held image keeps the page 'interactive'.
    expect((await stateOf(context, page)).readyStateAtStart).toBe('complete');
  });
});

test.describe('waiting to be let in', () => {
  for (const screen of WAITING_SCREENS) {
    test(`${screen.name}: "Waiting to join" until admitted; the call starts at admission`, async ({ context, extensionId }) => {
      const page = await context.newPage();
      await page.goto(screen.url);
      await expectOnePanel(page);
      await expectState(context, page, { platform: screen.platform, state: 'lobby', mounted: true });
      await expect.poll(() => panelFrames(page)[0]!.locator('body').innerText()).toContain('Waiting to join');
      if (screen.platform === 'meet') await page.screenshot({ path: `artifacts/screenshots/waiting-${screen.url.split('/').pop()}.png` });
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      const tabInfo = () =>
        popup.evaluate(async (url) => {
          const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
          const wire = (await chrome.runtime.sendMessage({ id: 1, type: 'session.get', data: { tabId: tab?.id }, timestamp: Date.now() })) as {
            res?: { ok: boolean; value?: { tab: { state: string; callStartedAt: number | null } | null } };
          };
          return wire.res?.value?.tab ?? null;
        }, page.url());
      await expect.poll(tabInfo).toMatchObject({ state: 'lobby', callStartedAt: null });
      // Still waiting after several more looks at the page.
      expect(await waitForLooks(context, page, 3)).toMatchObject({ state: 'lobby' });
      const admittedAt = await page.evaluate(() => Date.now());
      await render(page, screen.admitted);
      await expectState(context, page, { state: 'in-call' });
      await expect.poll(async () => (await tabInfo())?.callStartedAt ?? null).not.toBeNull();
      expect((await tabInfo())!.callStartedAt!).toBeGreaterThanOrEqual(admittedAt);
      await expect.poll(() => panelFrames(page)[0]!.locator('body').innerText()).toContain('In call');
      await popup.close();
    });
  }
});

test.describe('panel frame', () => {
  test('expanded drawer leaves the control bar free; collapse, dock and position are remembered per platform', async ({ context }) => {
    const page = await context.newPage();
    await page.goto(URLS.meet.inCall);
    await expectOnePanel(page);
    // Named from the background's answer to the tab's first report (the call page makes no i18n lookup).
    await expect.poll(async () => (await panelBox(page)).title).toBe('Interview panel');
    let box = await panelBox(page);
    expect(new URL(panelFrames(page)[0]!.url()).search).toBe('?platform=meet');
    const viewport = page.viewportSize()!;
    expect(box.width).toBe(360);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height - 96);
    expect(box.x + box.width).toBeGreaterThan(viewport.width - 40);

    expect(await sendToTab(context, page, 'content.command', { command: 'toggle' })).toEqual({ mounted: true, collapsed: true });
    await expect.poll(async () => (await panelBox(page)).height).toBe(44);
    box = await panelBox(page);
    expect(box.width).toBe(220);

    // Drag the grip down and onto the left half: docks left, lower.
    const grip = gripCenter(box, 'right');
    await page.mouse.move(grip.x, grip.y);
    await page.mouse.down();
    await page.mouse.move(200, grip.y + 200, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await panelBox(page)).x).toBeLessThan(60);
    const dragged = await panelBox(page);
    expect(dragged.y).toBeGreaterThan(box.y + 150);
    await expectState(context, page, { collapsed: true, dock: 'left' });

    await page.reload();
    await expectOnePanel(page);
    await expectState(context, page, { collapsed: true, dock: 'left' });
    expect(Math.abs((await panelBox(page)).y - dragged.y)).toBeLessThan(2);

    // Another platform keeps its own layout.
    const zoom = await context.newPage();
    await zoom.goto(URLS.zoom.inCall);
    await expectState(context, zoom, { platform: 'zoom', collapsed: false, dock: 'right' });
  });

  test('the Settings "Default side of the panel" docks the panel on platforms it was never moved on', async ({ context, extensionId }) => {
    // Meet gets a layout of its own first (docked right by hand).
    const meet = await context.newPage();
    await meet.goto(URLS.meet.inCall);
    await expectOnePanel(meet);
    await sendToTab(context, meet, 'content.command', { command: 'dock-right' });
    await expectState(context, meet, { dock: 'right' });

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#settings`);
    const side = options.getByRole('group', { name: 'Default side of the panel' });
    await expect(side).toContainText('Where the panel opens on a call platform you have not moved it on yet.');
    await side.getByRole('radio', { name: 'Left' }).check();
    await expect.poll(() => options.evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { panelSide?: string })?.panelSide)).toBe('left');

    // Zoom, never moved: the panel opens on the left.
    const zoom = await context.newPage();
    await zoom.goto(URLS.zoom.inCall);
    await expectOnePanel(zoom);
    await expectState(context, zoom, { platform: 'zoom', dock: 'left' });
    expect((await panelBox(zoom)).x).toBeLessThan(60);
    // Meet keeps the place it was given.
    await meet.reload();
    await expectOnePanel(meet);
    await expectState(context, meet, { dock: 'right' });
    expect((await panelBox(meet)).x).toBeGreaterThan(meet.viewportSize()!.width / 2);
  });

  test('keys on the grip move and dock the panel', async ({ context }) => {
    const page = await context.newPage();
    await page.goto(URLS.meet.inCall);
    await expectOnePanel(page);
    const before = await panelBox(page);
    const grip = gripCenter(before, 'right');
    await page.mouse.click(grip.x, grip.y);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await panelBox(page)).x).toBeLessThan(60);
    expect((await panelBox(page)).y).toBe(before.y + 24);
    await expectState(context, page, { dock: 'left' });
  });

  test('follows a fullscreen element and comes back', async ({ context }) => {
    const page = await context.newPage();
    await page.goto(URLS.meet.inCall);
    await expectOnePanel(page);
    await page.evaluate(() => document.querySelector('main')!.requestFullscreen());
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-interview-copilot]')?.parentElement?.tagName)).toBe('MAIN');
    await page.evaluate(() => document.exitFullscreen());
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-interview-copilot]')?.parentElement?.tagName)).toBe('HTML');
    await expectOnePanel(page);
  });

  test('a re-injected script replaces the first instance: one panel, and it still answers', async ({ context }) => {
    const page = await context.newPage();
    await page.goto(URLS.meet.inCall);
    await expectOnePanel(page);
    const first = panelFrames(page)[0]!;
    const worker = await serviceWorker(context);
    await worker.evaluate(async (url) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === url)!;
      await chrome.scripting.executeScript({ target: { tabId: tab.id! }, files: ['content-scripts/content.js'] });
    }, page.url());
    // The new instance's panel is a different frame; the first one is gone.
    await expect.poll(() => panelFrames(page).some((f) => f !== first)).toBe(true);
    await expectOnePanel(page);
    expect(panelFrames(page)[0]).not.toBe(first);
    expect(first.isDetached()).toBe(true);
    expect(await hostCount(page)).toBe(1);
    expect(await sendToTab(context, page, 'content.command', { command: 'collapse' })).toEqual({ mounted: true, collapsed: true });
    await expectState(context, page, { state: 'in-call', collapsed: true });
  });

  test('add-note opens the panel by hand where detection found no meeting', async ({ context }) => {
    const page = await context.newPage();
    await page.goto(URLS.teams.app);
    await expectNoPanel(context, page);
    expect(await sendToTab(context, page, 'content.command', { command: 'add-note' })).toEqual({ mounted: true, collapsed: false });
    await expectOnePanel(page);
  });
});
