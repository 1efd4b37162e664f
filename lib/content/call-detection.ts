import type { Platform } from '../db/records';
import { CallTracker, type CallSnapshot, type CallTrackerOptions } from '../platforms/call-state';
import { adapterForUrl } from '../platforms/registry';
import type { PlatformAdapter } from '../platforms/types';
import type { CallPageLabels, ContentTabState, PanelCommand, PanelCommandAnswer } from '../protocol/content-protocol';
import { defaultLayout, panelSideOf, readRememberedLayout, saveLayout, type LayoutStorage, type PanelLayout } from './layout';
import { mountPanelFrame, type PanelFrame } from './panel-frame';
import { overlayVisible } from '../panel-mode';

/** What the content script tells the background (the `calls.report` message's input). */
export interface CallReport {
  platform: Platform;
  state: CallSnapshot['state'];
  meetingId: string | null;
  url: string;
  collapsed: boolean;
  /** The interviewer is presenting (the adapter's `readPresenting`), in call only; omitted when not. */
  presenting?: boolean;
  problem?: string;
}

/** Everything the detector needs from its surroundings, so tests can pass fakes (happy-dom, fake timers). */
export interface CallDetectionEnv {
  window: Window;
  /** The panel page URL for a platform; carries no note text (e.g. `…/panel.html?platform=meet`). */
  panelUrl(platform: Platform): string;
  /**
   * Sends `calls.report`; its answer says whether to show the overlay, and `hold` whether to keep the panel on a
   * page that is no longer a call (an interview of this tab waits for its wrap-up), and `labels` the frame's and
   * grip's accessible names (set on the frame when they arrive). May reject (handled quietly).
   */
  report(report: CallReport): Promise<{ panel: 'overlay' | 'hidden'; hold?: boolean; labels?: CallPageLabels }>;
  /** Extension storage (`browser.storage.local`), never the page's; also where the settings are read. */
  storage: LayoutStorage;
  /**
   * Calls `listener` with the new stored settings value whenever it changes (`browser.storage.onChanged`,
   * key `settings`), so that switching to or from the side panel takes effect at once, not at the next report.
   */
  watchSettings?(listener: (value: unknown) => void): void;
  /** Interval bound to the script's lifetime (WXT's `ctx.setInterval`). */
  setInterval(handler: () => void, ms: number): unknown;
  /** Listener bound to the script's lifetime (WXT's `ctx.addEventListener`). */
  addEventListener(target: EventTarget, type: string, handler: (event: Event) => void): void;
  now(): number;
  /** Poll period in ms. Default 1000: cheap enough for an hour-long call, quick enough for a person. */
  pollMs?: number;
  tracker?: CallTrackerOptions;
}

/** A running detector for one tab's top frame. */
export interface CallDetection {
  readonly platform: Platform;
  /** Resolves once the remembered layout is loaded and the first look at the page is done. */
  ready: Promise<void>;
  /** Looks at the page now (the poll does this every `pollMs`). */
  tick(): void;
  /** Reports the current state again although it did not change, to learn whether the panel is still held. */
  recheck(): void;
  state(): ContentTabState;
  command(command: PanelCommand): PanelCommandAnswer;
  /** Stops polling and removes the panel; for the script's invalidation. */
  stop(): void;
}

/**
 * Starts call detection in a call page's top frame: polls the platform adapter about once a second (no
 * MutationObserver: the call UIs churn constantly), runs the call state machine, mounts the panel frame
 * exactly once while the page is a meeting (or the app shows a call), removes it when the page stops being
 * one (single-page navigation), and reports every change to the background.
 * @returns null when the page is not on a call platform's host.
 */
export function startCallDetection(env: CallDetectionEnv): CallDetection | null {
  const win = env.window;
  const doc = win.document;
  const adapter: PlatformAdapter | null = adapterForUrl(win.location.href);
  if (!adapter) return null;
  const platform = adapter.platform;
  const tracker = new CallTracker(platform, env.tracker);

  let layout: PanelLayout = defaultLayout(adapter.topControlsHeight);
  /**
   * The platform has a layout of its own in storage (moved, docked or collapsed there once): the `panelSide`
   * setting no longer applies to it. Until then the dock follows the setting, also when it changes.
   */
  let remembered = false;
  let frame: PanelFrame | null = null;
  let stopped = false;
  /** The background asked for no overlay (side-panel mode); commands can still force it open. */
  let overlay: 'overlay' | 'hidden' = 'overlay';
  let presenting = false;
  /** The remembered layout and the settings have been read: mounting earlier would use defaults. */
  let loaded = false;
  /** The overlay collapsed itself when presenting began, and expands again when it ends. */
  let collapsedForPresenting = false;
  /** Opened by hand (shortcut, popup) on a page where detection did not ask for it; cleared on navigation. */
  let forcedOnUrl: string | null = null;
  /**
   * The background holds the panel on a page that is no longer a call: an interview whose call this tab left
   * (in-app navigation, e.g. Teams routing to a chat, Meet moving to its home page) waits for its wrap-up here.
   */
  let held = false;

  /** Looks completed (see `ContentTabState.looks`). */
  let looks = 0;
  const readyStateAtStart = doc.readyState;
  let lastReportKey: string | null = null;
  let reporting = false;
  let reportAgain = false;
  /** The frame's accessible names, from the background's answers (none before the first answer). */
  let labels: CallPageLabels | null = null;

  function mount(): void {
    // A page that wiped the host (e.g. rewrote <html>) gets a fresh one.
    if (frame && !frame.host.isConnected) frame = null;
    if (frame || stopped || !loaded) return;
    frame = mountPanelFrame(doc, {
      src: env.panelUrl(platform),
      labels,
      layout,
      onLayoutChange: (next) => {
        layout = next;
        remembered = true;
        void saveLayout(env.storage, platform, layout);
      },
    });
    if (doc.fullscreenElement) frame.followFullscreen(doc.fullscreenElement);
  }

  function unmount(): void {
    frame?.remove();
    frame = null;
  }

  function tick(): void {
    if (stopped) return;
    look();
    // Counted only when the look finished: a look that threw proves nothing about the page.
    looks++;
  }

  function look(): void {
    const url = win.location.href;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return;
    }
    const verdict = adapter!.classifyUrl(parsed);
    const signal = verdict.kind === 'none' ? null : adapter!.readSignals(doc);
    const snap = tracker.observe({ url, verdict, signal, now: env.now() });
    if (forcedOnUrl !== null && forcedOnUrl !== url) forcedOnUrl = null;
    const wanted = forcedOnUrl !== null || (snap.mount && overlay === 'overlay');
    // Leaving the call page keeps a shown panel until the background answers the report of it (a wrap-up may be
    // pending, and the interviewer may be typing it), and then for as long as it holds the panel.
    const answerAwaited = reporting || reportKey(currentReport()) !== lastReportKey;
    if (wanted) mount();
    else if (frame && overlay === 'overlay' && (held || answerAwaited)) mount();
    else unmount();
    const nowPresenting = snap.state === 'in-call' && (adapter!.readPresenting?.(doc) ?? false);
    if (nowPresenting !== presenting) {
      presenting = nowPresenting;
      // A shared screen may show this page: the guide shrinks to its handle, which offers the side panel.
      if (presenting && frame && !layout.collapsed) {
        collapsedForPresenting = true;
        setLayout({ collapsed: true });
      } else if (!presenting && collapsedForPresenting) {
        collapsedForPresenting = false;
        if (layout.collapsed) setLayout({ collapsed: false });
      }
    }
    scheduleReport();
  }

  /**
   * Applies stored settings: no overlay where the platform is off or shown in the side panel; the default
   * dock side (`panelSide`) where the platform has no remembered layout.
   */
  function applySettings(value: unknown): void {
    const side = panelSideOf(value);
    if (!remembered && layout.dock !== side) {
      // Not saved: the setting stays the default until the interviewer moves the panel on this platform.
      layout = frame ? frame.setLayout({ dock: side }) : { ...layout, dock: side };
    }
    overlay = overlayVisible(value, platform) ? 'overlay' : 'hidden';
  }

  function currentReport(): CallReport | null {
    const snap = tracker.current;
    if (snap.state === 'none' && lastReportKey === null) return null;
    const report: CallReport = { platform, state: snap.state, meetingId: snap.meetingId, url: snap.url, collapsed: layout.collapsed };
    if (presenting) report.presenting = true;
    if (snap.problem) report.problem = snap.problem;
    return report;
  }

  /** Sends changed reports one at a time, always the latest; failures are quiet (the panel keeps working). */
  function scheduleReport(): void {
    const report = currentReport();
    if (!report) return;
    const key = reportKey(report);
    if (key === lastReportKey) return;
    if (reporting) {
      reportAgain = true;
      return;
    }
    lastReportKey = key;
    reporting = true;
    env
      .report(report)
      .then((answer) => {
        if (answer?.panel === 'overlay' || answer?.panel === 'hidden') overlay = answer.panel;
        held = answer?.hold === true;
        if (answer?.labels && (answer.labels.frameTitle !== labels?.frameTitle || answer.labels.gripLabel !== labels?.gripLabel)) {
          labels = answer.labels;
          frame?.setLabels(labels);
        }
      })
      .catch(() => {
        // The background is restarting or has no handler yet: keep the panel as it is.
      })
      .finally(() => {
        reporting = false;
        if (stopped) return;
        const again = reportAgain;
        reportAgain = false;
        if (again) scheduleReport();
        // A changed `overlay` or `hold` takes effect on the next look.
        if (forcedOnUrl === null && ((overlay === 'hidden') === Boolean(frame) || (frame && !tracker.current.mount))) tick();
      });
  }

  function reportKey(report: CallReport | null): string | null {
    return report ? JSON.stringify([report.state, report.meetingId, report.collapsed, presenting, report.problem ?? null]) : null;
  }

  function setLayout(patch: Partial<PanelLayout>): void {
    layout = frame ? frame.setLayout(patch) : { ...layout, ...patch };
    remembered = true;
    void saveLayout(env.storage, platform, layout);
    scheduleReport();
  }

  /** A fullscreen element the panel could not go into (a video) hides it: only leaving fullscreen shows it. */
  const covered = () => !!doc.fullscreenElement && frame?.host.parentNode !== doc.fullscreenElement;

  function open(focus: boolean): void {
    // Issue 17: the shortcut must show the panel, not answer "shown" under a fullscreen video.
    if (covered()) doc.exitFullscreen().catch(() => undefined);
    if (!frame) {
      forcedOnUrl = win.location.href;
      layout = { ...layout, collapsed: false };
      mount();
    }
    setLayout({ collapsed: false });
    if (focus) frame?.focus();
  }

  const commands: Record<PanelCommand, () => void> = {
    toggle: () => (frame && !layout.collapsed && !covered() ? setLayout({ collapsed: true }) : open(true)),
    expand: () => open(true),
    'add-note': () => open(true),
    collapse: () => setLayout({ collapsed: true }),
    'dock-left': () => setLayout({ dock: 'left' }),
    'dock-right': () => setLayout({ dock: 'right' }),
  };

  env.addEventListener(doc, 'fullscreenchange', () => frame?.followFullscreen(doc.fullscreenElement));
  env.addEventListener(win, 'resize', () => frame?.relayout());
  env.addEventListener(win, 'popstate', () => tick());
  env.addEventListener(win, 'hashchange', () => tick());

  env.watchSettings?.((value) => {
    applySettings(value);
    // A switch of mode wins over a panel opened by hand earlier.
    forcedOnUrl = null;
    tick();
  });

  // The settings are read before the first look, so a side-panel call never flashes the overlay.
  const settings = env.storage.get('settings').then((items) => items.settings, () => undefined);
  const ready = Promise.all([readRememberedLayout(env.storage, platform), settings]).then(([rememberedLayout, stored]) => {
    if (stopped) return;
    if (rememberedLayout) {
      layout = rememberedLayout;
      remembered = true;
    }
    applySettings(stored);
    loaded = true;
    tick();
    env.setInterval(tick, env.pollMs ?? 1000);
  });

  return {
    platform,
    ready,
    tick,
    recheck() {
      if (stopped) return;
      // Never a real key (and not null, which means nothing was ever reported): the next report goes out.
      lastReportKey = 'recheck';
      scheduleReport();
    },
    state: () => {
      const snap = tracker.current;
      return {
        platform,
        state: snap.state,
        meetingId: snap.meetingId,
        url: win.location.href,
        mounted: frame !== null,
        collapsed: layout.collapsed,
        dock: layout.dock,
        problem: snap.problem,
        looks,
        readyStateAtStart,
      };
    },
    command(command) {
      if (!(command in commands)) throw new Error(`Unknown panel command: ${String(command)}`);
      commands[command]();
      return { mounted: frame !== null, collapsed: layout.collapsed };
    },
    stop() {
      stopped = true;
      unmount();
    },
  };
}

/**
 * Resolves once the page has fired `load`, or after `graceMs` on a page still loading by then. Work a content
 * script does before `load` runs on the call page's main thread and delays its load event, and a frame added
 * before `load` makes that event wait for the panel app too; starting after it keeps the call page's load time.
 */
export function afterPageLoad(win: Window, graceMs: number): Promise<void> {
  if (win.document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      win.removeEventListener('load', afterLoad);
      resolve();
    };
    // A task of its own, not a microtask of the load listener: work done inside the listener would still be
    // counted in the page's load event.
    const afterLoad = () => win.setTimeout(done, 0);
    win.addEventListener('load', afterLoad);
    win.setTimeout(done, graceMs);
  });
}
