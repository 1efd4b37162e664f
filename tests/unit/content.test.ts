// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://meet.google.com/"}
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPageLoad, startCallDetection, type CallDetectionEnv, type CallReport } from '../../lib/content/call-detection';
import { DEFAULT_LAYOUT, FRAME_SIZE, frameBox, layoutKey, loadLayout, parseLayout, saveLayout, type LayoutStorage } from '../../lib/content/layout';
import { PANEL_HOST_ATTR, mountPanelFrame } from '../../lib/content/panel-frame';

const VIEWPORT = { width: 1280, height: 800 };

function memoryStorage(initial: Record<string, unknown> = {}): LayoutStorage & { items: Record<string, unknown> } {
  const items = { ...initial };
  return {
    items,
    get: async (key) => (key in items ? { [key]: items[key] } : {}),
    set: async (next) => void Object.assign(items, next),
  };
}

const hosts = () => document.querySelectorAll(`[${PANEL_HOST_ATTR}]`);
const px = (value: string) => Number.parseFloat(value);

beforeEach(() => {
  document.body.replaceChildren();
  for (const host of document.querySelectorAll(`[${PANEL_HOST_ATTR}]`)) host.remove();
  history.replaceState(null, '', 'https://meet.google.com/');
});

describe('frame layout', () => {
  it('leaves the bottom 96 px free for the call controls when expanded', () => {
    const box = frameBox(DEFAULT_LAYOUT, VIEWPORT);
    expect(box.frameWidth).toBe(FRAME_SIZE.drawerWidth);
    expect(box.top + box.height).toBe(VIEWPORT.height - FRAME_SIZE.controlBarReserve);
  });

  it('shrinks to the small handle when collapsed', () => {
    const box = frameBox({ ...DEFAULT_LAYOUT, collapsed: true, top: 300 }, VIEWPORT);
    expect([box.frameWidth, box.frameHeight, box.top]).toEqual([FRAME_SIZE.handleWidth, FRAME_SIZE.handleHeight, 300]);
  });

  it('keeps the frame on screen and the drawer at its minimum height', () => {
    expect(frameBox({ ...DEFAULT_LAYOUT, top: 5000 }, VIEWPORT).height).toBe(FRAME_SIZE.minDrawerHeight);
    expect(frameBox({ ...DEFAULT_LAYOUT, top: -50 }, VIEWPORT).top).toBe(FRAME_SIZE.margin);
    const handle = frameBox({ ...DEFAULT_LAYOUT, collapsed: true, top: 5000 }, VIEWPORT);
    expect(handle.top + handle.height).toBeLessThanOrEqual(VIEWPORT.height);
  });

  it('reads stored layouts field by field, falling back to defaults', () => {
    expect(parseLayout({ dock: 'left', top: 200, collapsed: true })).toEqual({ dock: 'left', top: 200, collapsed: true });
    expect(parseLayout({ dock: 'up', top: 'x', collapsed: 1 })).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout(null)).toEqual(DEFAULT_LAYOUT);
  });

  it('remembers the layout per platform in the given extension storage', async () => {
    const storage = memoryStorage();
    await saveLayout(storage, 'zoom', { dock: 'left', top: 140, collapsed: true });
    expect(storage.items[layoutKey('zoom')]).toEqual({ dock: 'left', top: 140, collapsed: true });
    expect(await loadLayout(storage, 'zoom')).toEqual({ dock: 'left', top: 140, collapsed: true });
    expect(await loadLayout(storage, 'meet')).toEqual(DEFAULT_LAYOUT);
  });

  it('never throws when storage fails', async () => {
    const broken: LayoutStorage = { get: () => Promise.reject(new Error('gone')), set: () => Promise.reject(new Error('gone')) };
    expect(await loadLayout(broken, 'teams')).toEqual(DEFAULT_LAYOUT);
    await expect(saveLayout(broken, 'teams', DEFAULT_LAYOUT)).resolves.toBeUndefined();
  });
});

describe('mountPanelFrame', () => {
  const labels = { frameTitle: 'Interview panel', gripLabel: 'Move' };
  const options = { src: 'about:blank', labels, layout: DEFAULT_LAYOUT };

  it('puts one titled iframe in a closed shadow root', () => {
    const frame = mountPanelFrame(document, options);
    expect(hosts()).toHaveLength(1);
    expect(frame.host.shadowRoot).toBeNull();
    expect(frame.iframe.title).toBe('Interview panel');
    expect(document.querySelector('iframe')).toBeNull();
  });

  it('removes an orphan host left by an earlier script instance', () => {
    const first = mountPanelFrame(document, options);
    const second = mountPanelFrame(document, options);
    expect(hosts()).toHaveLength(1);
    expect(first.host.isConnected).toBe(false);
    expect(second.host.isConnected).toBe(true);
  });

  it('collapses, expands and docks without replacing the iframe', () => {
    const frame = mountPanelFrame(document, options);
    const iframe = frame.iframe;
    frame.setLayout({ collapsed: true, dock: 'left' });
    expect(px(iframe.style.width)).toBe(FRAME_SIZE.handleWidth);
    expect(px(iframe.style.height)).toBe(FRAME_SIZE.handleHeight);
    expect(frame.host.style.left).toBe(`${FRAME_SIZE.margin}px`);
    expect(frame.host.style.right).toBe('auto');
    frame.setLayout({ collapsed: false });
    expect(px(iframe.style.width)).toBe(FRAME_SIZE.drawerWidth);
    expect(frame.iframe).toBe(iframe);
  });

  it('moves and docks by keyboard on the grip, and tells the owner', () => {
    const changes: string[] = [];
    const frame = mountPanelFrame(document, { ...options, layout: { ...DEFAULT_LAYOUT, top: 100 }, onLayoutChange: (l) => changes.push(`${l.dock}:${l.top}`) });
    // The grip sits just before the iframe in the closed shadow root, which the test reaches through the frame handle.
    const grip = frame.iframe.previousElementSibling as HTMLElement;
    const press = (key: string) => grip.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    press('ArrowDown');
    press('ArrowLeft');
    press('Enter');
    press('x');
    expect(changes).toEqual(['right:124', 'left:124', 'right:124']);
    expect(grip.getAttribute('aria-label')).toBe('Move');
    expect(grip.getAttribute('tabindex')).toBe('0');
  });

  it('says the grip can be dragged: a tooltip in words (EN, IT) and the grab cursor, grabbing while dragged (issue 12, item 6)', () => {
    const frame = mountPanelFrame(document, options);
    const grip = frame.iframe.previousElementSibling as HTMLElement;
    expect(grip.title).toBe(labels.gripLabel);
    expect(grip.style.cursor).toBe('grab');
    grip.dispatchEvent(new PointerEvent('pointerdown', { clientY: 50, pointerId: 1, bubbles: true, cancelable: true }));
    expect(grip.style.cursor).toBe('grabbing');
    grip.dispatchEvent(new PointerEvent('pointerup', { clientY: 60, pointerId: 1, bubbles: true }));
    expect(grip.style.cursor).toBe('grab');
    const label = (lang: string) => (parse(readFileSync(path.resolve('locales', `${lang}.yml`), 'utf8')) as { content: { gripLabel: string } }).content.gripLabel;
    expect(label('en')).toMatch(/^Drag to move/);
    expect(label('it')).toMatch(/^Trascina per spostare/);
  });

  it('styles the host with !important so page rules cannot hide it', () => {
    const frame = mountPanelFrame(document, options);
    expect(frame.host.style.getPropertyPriority('position')).toBe('important');
    expect(frame.host.style.getPropertyValue('position')).toBe('fixed');
  });

  it('moves into a fullscreen element and back', () => {
    const frame = mountPanelFrame(document, options);
    const stage = document.createElement('div');
    document.body.append(stage);
    frame.followFullscreen(stage);
    expect(frame.host.parentElement).toBe(stage);
    frame.followFullscreen(null);
    expect(frame.host.parentElement).toBe(document.documentElement);
    const video = document.createElement('video');
    document.body.append(video);
    frame.followFullscreen(video);
    expect(frame.host.parentElement).toBe(document.documentElement);
  });
});

interface Harness {
  env: CallDetectionEnv;
  reports: CallReport[];
  tick: () => void;
  storage: ReturnType<typeof memoryStorage>;
}

function harness(overrides: Partial<CallDetectionEnv> = {}): Harness {
  const reports: CallReport[] = [];
  const storage = memoryStorage();
  let now = 1_000_000;
  const env: CallDetectionEnv = {
    window,
    panelUrl: (platform) => `about:blank#platform=${platform}`,
    report: async (report) => {
      reports.push(report);
      return { panel: 'overlay' };
    },
    storage,
    setInterval: () => 0,
    addEventListener: (target, type, handler) => target.addEventListener(type, handler),
    now: () => (now += 1000),
    ...overrides,
  };
  return { env, reports, storage, tick: () => undefined };
}

function meetInCall(): void {
  const icon = document.createElement('i');
  icon.className = 'google-symbols';
  icon.textContent = 'call_end';
  const tile = document.createElement('div');
  tile.dataset.participantId = 'spaces/x/devices/1';
  tile.append(document.createElement('video'));
  document.body.append(icon, tile);
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs `body` while every shadow root the script attaches is kept, so that a test can read the panel frames that sit
 * in the script's closed shadow roots (`frames()` lists them in order).
 */
async function withFramesRead(body: (frames: () => HTMLIFrameElement[]) => Promise<void>): Promise<void> {
  const roots: ShadowRoot[] = [];
  const attach = Element.prototype.attachShadow;
  const spy = vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
  try {
    await body(() => roots.flatMap((root) => Array.from(root.querySelectorAll('iframe'))));
  } finally {
    spy.mockRestore();
  }
}

describe('startCallDetection', () => {
  afterEach(() => vi.useRealTimers());

  it('does nothing off the call hosts', () => {
    history.replaceState(null, '', 'https://meet.google.com/');
    const h = harness({ window: { location: { href: 'https://example.com/' }, document } as unknown as Window });
    expect(startCallDetection(h.env)).toBeNull();
  });

  it('mounts on SPA arrival at a meeting, never twice, and unmounts on leaving it', async () => {
    const h = harness();
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    expect(hosts()).toHaveLength(0);

    history.pushState(null, '', '/abc-defg-hij');
    meetInCall();
    detection.tick();
    detection.tick();
    detection.tick();
    expect(hosts()).toHaveLength(1);
    const iframe = detection.state();
    expect(iframe).toMatchObject({ platform: 'meet', state: 'in-call', meetingId: 'abc-defg-hij', mounted: true });

    history.pushState(null, '', '/');
    detection.tick();
    // Kept until the background answers the report of leaving (a wrap-up may be pending): it holds nothing here.
    expect(hosts()).toHaveLength(1);
    await flush();
    await flush();
    expect(hosts()).toHaveLength(0);
    expect(detection.state()).toMatchObject({ state: 'none', mounted: false });

    history.pushState(null, '', '/abc-defg-hij');
    detection.tick();
    expect(hosts()).toHaveLength(1);
    detection.stop();
    expect(hosts()).toHaveLength(0);
  });

  it('keeps the panel on a page that is no longer a call while the background holds it, and lets it go on a recheck', async () => {
    let hold = true;
    const h = harness({
      report: async (report) => {
        h.reports.push(report);
        return { panel: 'overlay', hold: report.meetingId === null && hold };
      },
    });
    history.replaceState(null, '', '/abc-defg-hij');
    meetInCall();
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    await flush();
    expect(hosts()).toHaveLength(1);

    history.pushState(null, '', '/');
    document.body.replaceChildren();
    for (let i = 0; i < 4; i++) {
      detection.tick();
      await flush();
    }
    expect(detection.state()).toMatchObject({ state: 'none', mounted: true });
    expect(hosts()).toHaveLength(1);

    hold = false;
    const sent = h.reports.length;
    detection.recheck();
    await flush();
    await flush();
    expect(h.reports.length).toBe(sent + 1);
    expect(hosts()).toHaveLength(0);
    detection.stop();
  });

  it('reports each change to the background, and not on non-meeting pages', async () => {
    const h = harness();
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    detection.tick();
    await flush();
    expect(h.reports).toEqual([]);

    history.pushState(null, '', '/abc-defg-hij?authuser=1');
    meetInCall();
    detection.tick();
    await flush();
    detection.tick();
    await flush();
    expect(h.reports).toEqual([
      { platform: 'meet', state: 'in-call', meetingId: 'abc-defg-hij', url: 'https://meet.google.com/abc-defg-hij?authuser=1', collapsed: false },
    ]);

    detection.command('collapse');
    await flush();
    expect(h.reports.at(-1)).toMatchObject({ state: 'in-call', collapsed: true });

    history.pushState(null, '', '/');
    detection.tick();
    await flush();
    expect(h.reports.at(-1)).toMatchObject({ state: 'none', meetingId: null });
  });

  it('keeps the panel when the background cannot be reached', async () => {
    const h = harness({ report: () => Promise.reject(new Error('not implemented yet')) });
    history.replaceState(null, '', '/abc-defg-hij');
    meetInCall();
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    await flush();
    detection.tick();
    expect(hosts()).toHaveLength(1);
  });

  it('hides the overlay when the background answers hidden', async () => {
    const h = harness({ report: async () => ({ panel: 'hidden' }) });
    history.replaceState(null, '', '/abc-defg-hij');
    meetInCall();
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    await flush();
    await flush();
    expect(hosts()).toHaveLength(0);
  });

  it('runs commands and remembers the layout per platform', async () => {
    const h = harness();
    history.replaceState(null, '', '/abc-defg-hij');
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    expect(detection.command('toggle')).toEqual({ mounted: true, collapsed: true });
    expect(detection.command('toggle')).toEqual({ mounted: true, collapsed: false });
    detection.command('dock-left');
    detection.command('collapse');
    await flush();
    expect(h.storage.items[layoutKey('meet')]).toMatchObject({ dock: 'left', collapsed: true });
    expect(detection.state()).toMatchObject({ dock: 'left', collapsed: true });
    expect(() => detection.command('explode' as never)).toThrow(/Unknown panel command/);
  });

  it('starts from the remembered layout', async () => {
    const h = harness();
    await h.storage.set({ [layoutKey('meet')]: { dock: 'left', top: 200, collapsed: true } });
    history.replaceState(null, '', '/abc-defg-hij');
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    expect(detection.state()).toMatchObject({ mounted: true, collapsed: true, dock: 'left' });
  });

  it('docks on the panelSide setting where the platform has no remembered layout, and follows its changes', async () => {
    let settingsListener: ((value: unknown) => void) | undefined;
    const h = harness({ watchSettings: (listener) => (settingsListener = listener) });
    await h.storage.set({ settings: { panelSide: 'left' } });
    history.replaceState(null, '', '/abc-defg-hij');
    meetInCall();
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    expect(detection.state()).toMatchObject({ mounted: true, dock: 'left' });
    expect((hosts()[0] as HTMLElement).style.getPropertyValue('left')).toBe('12px');
    // The default is not saved as the platform's own layout.
    expect(h.storage.items[layoutKey('meet')]).toBeUndefined();
    settingsListener!({ panelSide: 'right' });
    expect(detection.state()).toMatchObject({ dock: 'right' });
    expect((hosts()[0] as HTMLElement).style.getPropertyValue('right')).toBe('12px');
    // Once docked by hand on this platform, the setting no longer moves it.
    detection.command('dock-left');
    settingsListener!({ panelSide: 'right' });
    expect(detection.state()).toMatchObject({ dock: 'left' });
    detection.stop();
  });

  it('keeps a remembered layout over the panelSide setting', async () => {
    const h = harness();
    await h.storage.set({ settings: { panelSide: 'left' }, [layoutKey('meet')]: { dock: 'right', top: 200, collapsed: false } });
    history.replaceState(null, '', '/abc-defg-hij');
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    detection.command('expand');
    expect(detection.state()).toMatchObject({ dock: 'right' });
    detection.stop();
  });

  it('opens by hand (shortcut) where detection found no meeting, until the page changes', async () => {
    const h = harness();
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    expect(hosts()).toHaveLength(0);
    expect(detection.command('add-note')).toEqual({ mounted: true, collapsed: false });
    detection.tick();
    expect(hosts()).toHaveLength(1);
    history.pushState(null, '', '/landing');
    detection.tick();
    expect(hosts()).toHaveLength(0);
  });

  it('mounts again when the page wiped the host', async () => {
    const h = harness();
    history.replaceState(null, '', '/abc-defg-hij');
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    hosts()[0]!.remove();
    detection.tick();
    expect(hosts()).toHaveLength(1);
  });

  it('survives the app re-rendering its body', async () => {
    const h = harness();
    history.replaceState(null, '', '/abc-defg-hij');
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    const host = hosts()[0];
    document.body.replaceChildren();
    detection.tick();
    expect(hosts()[0]).toBe(host);
  });

  it('polls on the given interval', async () => {
    const setInterval = vi.fn();
    const h = harness({ setInterval, pollMs: 1000 });
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    expect(setInterval).toHaveBeenCalledTimes(1);
    expect(setInterval.mock.calls[0]![1]).toBe(1000);
  });

  it('counts finished looks, so a check that nothing was found can wait for one', async () => {
    const h = harness();
    history.replaceState(null, '', '/landing');
    const detection = startCallDetection(h.env)!;
    // Before the first look the state already says 'none': only the counter tells the two apart.
    expect(detection.state()).toMatchObject({ state: 'none', looks: 0 });
    await detection.ready;
    expect(detection.state().looks).toBe(1);
    detection.tick();
    detection.tick();
    expect(detection.state()).toMatchObject({ state: 'none', mounted: false, looks: 3 });
    detection.stop();
    detection.tick();
    expect(detection.state().looks).toBe(3);
  });

  it('passes only the platform to the panel page, never note text', async () => {
    const panelUrl = vi.fn((platform: string) => `about:blank#platform=${platform}`);
    const h = harness({ panelUrl });
    await withFramesRead(async (frames) => {
      history.replaceState(null, '', '/abc-defg-hij');
      const detection = startCallDetection(h.env)!;
      await detection.ready;
      expect(detection.state().mounted).toBe(true);
      // The script asked for the panel URL with the platform alone, and the frame it mounted loads exactly that.
      expect(panelUrl.mock.calls).toEqual([['meet']]);
      expect(frames().map((frame) => frame.getAttribute('src'))).toEqual(['about:blank#platform=meet']);
      detection.stop();
    });
  });

  it("names the frame and its grip from the background's answer, after mounting it: the call page makes no i18n lookup (issue 12, item 5)", async () => {
    let answer: (value: { panel: 'overlay'; labels: { frameTitle: string; gripLabel: string } }) => void = () => undefined;
    const h = harness({ report: () => new Promise((resolve) => (answer = resolve)) });
    await withFramesRead(async (frames) => {
      history.replaceState(null, '', '/abc-defg-hij');
      meetInCall();
      const detection = startCallDetection(h.env)!;
      await detection.ready;
      // Mounted (its page loading) while the report is still unanswered: nothing waits for the names.
      expect(detection.state().mounted).toBe(true);
      const iframe = frames()[0]!;
      const grip = iframe.previousElementSibling as HTMLElement;
      expect(iframe.title).toBe('');
      answer({ panel: 'overlay', labels: { frameTitle: 'Pannello del colloquio', gripLabel: 'Trascina per spostare' } });
      await flush();
      expect(iframe.title).toBe('Pannello del colloquio');
      expect(grip.getAttribute('aria-label')).toBe('Trascina per spostare');
      expect(grip.title).toBe('Trascina per spostare');
      detection.stop();
    });
  });
});

describe('afterPageLoad', () => {
  it('waits for the load event on a page still loading, then resolves', async () => {
    const readyState = vi.spyOn(document, 'readyState', 'get').mockReturnValue('interactive');
    let done = false;
    const waiting = afterPageLoad(window, 10_000).then(() => (done = true));
    await flush();
    expect(done).toBe(false);
    window.dispatchEvent(new Event('load'));
    await waiting;
    expect(done).toBe(true);
    readyState.mockRestore();
  });

  it('gives up waiting after the grace period on a slow page', async () => {
    vi.useFakeTimers();
    const readyState = vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading');
    let done = false;
    void afterPageLoad(window, 250).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(249);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(done).toBe(true);
    readyState.mockRestore();
  });

  it('resolves at once on a loaded page', async () => {
    await expect(afterPageLoad(window, 10_000)).resolves.toBeUndefined();
  });
});
