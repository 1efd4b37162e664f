// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://meet.google.com/"}
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { startCallDetection, type CallDetectionEnv, type CallReport } from '../../lib/content/call-detection';
import { layoutKey, type LayoutStorage } from '../../lib/content/layout';
import { PANEL_HOST_ATTR } from '../../lib/content/panel-frame';
import { meetAdapter } from '../../lib/platforms/meet';
import { teamsAdapter } from '../../lib/platforms/teams';
import { zoomAdapter } from '../../lib/platforms/zoom';

/**
 * The call tab's side of side-panel mode: no overlay where the platform's guide lives in the side panel (from
 * the first look, and at once when the setting changes), and the overlay collapsing itself while the
 * interviewer presents.
 */

const hosts = () => document.querySelectorAll(`[${PANEL_HOST_ATTR}]`);
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function load(file: string): void {
  const html = readFileSync(path.resolve('tests/fixtures/pages', file), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceWith(document.importNode(parsed.body, true));
}

function memoryStorage(initial: Record<string, unknown> = {}): LayoutStorage & { items: Record<string, unknown> } {
  const items = { ...initial };
  return {
    items,
    get: async (key) => (key in items ? { [key]: items[key] } : {}),
    set: async (next) => void Object.assign(items, next),
  };
}

function harness(settings?: unknown, report?: CallDetectionEnv['report']) {
  const reports: CallReport[] = [];
  let settingsListener: ((value: unknown) => void) | null = null;
  const storage = memoryStorage(settings === undefined ? {} : { settings });
  let now = 1_000_000;
  const env: CallDetectionEnv = {
    window,
    panelUrl: (platform) => `about:blank#platform=${platform}`,
    report:
      report ??
      (async (r) => {
        reports.push(r);
        return { panel: 'overlay' };
      }),
    storage,
    watchSettings: (listener) => (settingsListener = listener),
    setInterval: () => 0,
    addEventListener: (target, type, handler) => target.addEventListener(type, handler),
    now: () => (now += 1000),
  };
  return { env, reports, storage, changeSettings: (value: unknown) => settingsListener?.(value) };
}

const sidePanelFor = (platform: 'meet' | 'zoom' | 'teams') => ({ panelMode: { meet: 'overlay', zoom: 'overlay', teams: 'overlay', [platform]: 'sidepanel' } });

beforeEach(() => {
  document.body.replaceChildren();
  for (const host of hosts()) host.remove();
  history.replaceState(null, '', 'https://meet.google.com/abc-defg-hij');
});

describe('side-panel mode in the call tab', () => {
  it('never mounts the overlay when the stored setting puts this platform in the side panel', async () => {
    load('meet/in-call.html');
    // The background never answers: the stored setting alone must keep the overlay out, from the first look.
    const h = harness(sidePanelFor('meet'), () => new Promise(() => undefined));
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    detection.tick();
    expect(hosts()).toHaveLength(0);
    expect(detection.state()).toMatchObject({ state: 'in-call', mounted: false });
  });

  it('keeps the overlay where another platform uses the side panel', async () => {
    load('meet/in-call.html');
    const h = harness(sidePanelFor('zoom'));
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    expect(hosts()).toHaveLength(1);
    detection.stop();
  });

  it('removes and restores the overlay as soon as the setting changes, without waiting for a report', async () => {
    load('meet/in-call.html');
    const h = harness(undefined);
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    await flush();
    expect(hosts()).toHaveLength(1);
    const reportsBefore = h.reports.length;

    h.changeSettings(sidePanelFor('meet'));
    expect(hosts()).toHaveLength(0);
    // Opened by hand earlier (popup, shortcut): the switch to the side panel still wins.
    detection.command('expand');
    expect(hosts()).toHaveLength(1);
    h.changeSettings(sidePanelFor('meet'));
    expect(hosts()).toHaveLength(0);

    h.changeSettings(sidePanelFor('teams'));
    expect(hosts()).toHaveLength(1);
    expect(h.reports.length).toBe(reportsBefore);
    detection.stop();
  });

  it('hides the overlay for a platform switched off in the settings', async () => {
    load('meet/in-call.html');
    const h = harness({ enabledPlatforms: { meet: false } }, () => new Promise(() => undefined));
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    expect(hosts()).toHaveLength(0);
  });
});

describe('presenting', () => {
  it('Meet shows presenting through its stop-presenting icons only', () => {
    load('meet/presenting.html');
    expect(meetAdapter.readSignals(document)).toBe('in-call');
    expect(meetAdapter.readPresenting?.(document)).toBe(true);
    for (const file of ['meet/in-call.html', 'meet/lobby.html', 'meet/left.html']) {
      load(file);
      expect(meetAdapter.readPresenting?.(document), file).toBe(false);
    }
  });

  it('Zoom and Teams have no presenting signal (the side panel is chosen by hand there)', () => {
    expect(zoomAdapter.readPresenting).toBeUndefined();
    expect(teamsAdapter.readPresenting).toBeUndefined();
  });

  it('collapses the overlay when presenting starts, reports it, and expands it again when it ends', async () => {
    load('meet/in-call.html');
    const h = harness(undefined);
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    await flush();
    expect(detection.state()).toMatchObject({ mounted: true, collapsed: false });
    expect(h.reports.at(-1)?.presenting).toBeUndefined();

    load('meet/presenting.html');
    detection.tick();
    await flush();
    expect(detection.state()).toMatchObject({ mounted: true, collapsed: true });
    expect(h.reports.at(-1)).toMatchObject({ state: 'in-call', collapsed: true, presenting: true });
    expect(h.storage.items[layoutKey('meet')]).toMatchObject({ collapsed: true });

    // Still presenting: the interviewer may expand it by hand, and it stays expanded.
    detection.command('expand');
    detection.tick();
    expect(detection.state()).toMatchObject({ collapsed: false });
    detection.command('collapse');

    load('meet/in-call.html');
    detection.tick();
    await flush();
    expect(detection.state()).toMatchObject({ mounted: true, collapsed: false });
    expect(h.reports.at(-1)?.presenting).toBeUndefined();
    detection.stop();
  });

  it('does not expand a panel the interviewer had collapsed before presenting', async () => {
    load('meet/in-call.html');
    const h = harness(undefined);
    h.storage.items[layoutKey('meet')] = { dock: 'right', top: 12, collapsed: true };
    const detection = startCallDetection(h.env)!;
    await detection.ready;
    load('meet/presenting.html');
    detection.tick();
    load('meet/in-call.html');
    detection.tick();
    expect(detection.state()).toMatchObject({ collapsed: true });
    detection.stop();
  });
});
