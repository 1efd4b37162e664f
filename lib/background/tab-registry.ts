import type { CallState, Platform } from '../db/records';
import type { DetectionEvent, TabCallInfo } from '../protocol/protocol';

/** Where the registry keeps its state across service-worker restarts (`storage.session` in the extension). */
export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const TABS_KEY = 'callTabs';
const DIAGNOSTICS_KEY = 'detectionLog';
/** Detection events kept for the options page's diagnostics. */
export const DIAGNOSTICS_LIMIT = 50;

export interface CallReport {
  platform: Platform;
  state: CallState;
  meetingId: string | null;
  url: string;
  collapsed: boolean;
  presenting?: boolean;
  problem?: string;
}

/**
 * What the background knows about each call tab (platform, call state, meeting, when the call started), kept in
 * memory and mirrored to session storage so that a restarted service worker still knows its tabs.
 */
export class TabRegistry {
  private tabs = new Map<number, TabCallInfo>();
  private log: DetectionEvent[] = [];
  private readonly ready: Promise<void>;

  constructor(
    private readonly session: KeyValueArea,
    private readonly persistent: KeyValueArea,
    private readonly now: () => number,
  ) {
    this.ready = Promise.all([session.get(TABS_KEY), persistent.get(DIAGNOSTICS_KEY)]).then(
      ([tabs, log]) => {
        for (const info of (tabs[TABS_KEY] as TabCallInfo[] | undefined) ?? []) this.tabs.set(info.tabId, info);
        this.log = (log[DIAGNOSTICS_KEY] as DetectionEvent[] | undefined) ?? [];
      },
      () => undefined,
    );
  }

  async get(tabId: number): Promise<TabCallInfo | null> {
    await this.ready;
    return this.tabs.get(tabId) ?? null;
  }

  async all(): Promise<TabCallInfo[]> {
    await this.ready;
    return [...this.tabs.values()];
  }

  /**
   * Records a content script's report. The call's start time is kept while the meeting stays the same, so a
   * rejoin does not reset note offsets.
   * @returns the new info and whether the state changed.
   */
  async report(tabId: number, report: CallReport): Promise<{ info: TabCallInfo; changed: boolean }> {
    await this.ready;
    const now = this.now();
    const previous = this.tabs.get(tabId);
    const sameMeeting = previous !== undefined && previous.meetingId === report.meetingId && previous.platform === report.platform;
    const changed =
      !previous || !sameMeeting || previous.state !== report.state || previous.collapsed !== report.collapsed || previous.url !== report.url ||
      Boolean(previous.presenting) !== Boolean(report.presenting);
    const info: TabCallInfo = {
      tabId,
      platform: report.platform,
      state: report.state,
      meetingId: report.meetingId,
      url: report.url,
      since: sameMeeting && previous.state === report.state ? previous.since : now,
      callStartedAt: (sameMeeting ? previous.callStartedAt : null) ?? (report.state === 'in-call' ? now : null),
      collapsed: report.collapsed,
      presenting: report.presenting ?? false,
      wrapUpId: previous?.wrapUpId ?? null,
    };
    this.tabs.set(tabId, info);
    const stateChanged = !sameMeeting || previous?.state !== report.state;
    if (stateChanged || report.problem) {
      this.log.push({ at: now, platform: report.platform, state: report.state, url: report.url, ...(report.problem ? { problem: report.problem } : {}) });
      if (this.log.length > DIAGNOSTICS_LIMIT) this.log.splice(0, this.log.length - DIAGNOSTICS_LIMIT);
      await this.persistent.set({ [DIAGNOSTICS_KEY]: this.log }).catch(() => undefined);
    }
    if (changed) await this.persist();
    return { info, changed };
  }

  /**
   * Records (or clears, with null) the interview whose wrap-up the tab's panel offers after the call was left by
   * navigation (`TabCallInfo.wrapUpId`). @returns the tab's info, or null for an unknown tab.
   */
  async setWrapUp(tabId: number, interviewId: string | null): Promise<TabCallInfo | null> {
    await this.ready;
    const info = this.tabs.get(tabId);
    if (!info) return null;
    if ((info.wrapUpId ?? null) !== interviewId) {
      info.wrapUpId = interviewId;
      await this.persist();
    }
    return info;
  }

  async remove(tabId: number): Promise<boolean> {
    await this.ready;
    const had = this.tabs.delete(tabId);
    if (had) await this.persist();
    return had;
  }

  async diagnostics(): Promise<DetectionEvent[]> {
    await this.ready;
    return [...this.log];
  }

  private persist(): Promise<void> {
    return this.session.set({ [TABS_KEY]: [...this.tabs.values()] }).catch(() => undefined);
  }
}
