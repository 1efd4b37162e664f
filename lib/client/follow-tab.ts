/** A tab as `browser.tabs` reports it; only the fields the side panel reads. */
export interface TabLike {
  id?: number;
  windowId?: number;
  active?: boolean;
}

interface EventLike<F> {
  addListener(listener: F): void;
  removeListener(listener: F): void;
}

type Activated = (info: { tabId: number; windowId: number }) => void;
type Updated = (tabId: number, change: { status?: string; url?: string }, tab: TabLike) => void;

/**
 * The slice of `browser.tabs` the side panel needs. Tab ids, `active` and `windowId` need no `tabs` permission
 * (only URLs and titles do), so the side panel follows tabs with the permissions the extension already has.
 */
export interface TabsApi {
  query(info: { active: true; currentWindow: true }): Promise<TabLike[]>;
  onActivated: EventLike<Activated>;
  onUpdated: EventLike<Updated>;
}

export interface FollowTabHandlers {
  /** The tab to show changed: a tab id, or null when the window has no usable tab (or the query failed). */
  onTab(tabId: number | null): void;
  /** The shown tab navigated or finished loading: its call may have changed. */
  onNavigated(tabId: number): void;
}

/** A `?tabId=N` override of a view's target tab (tests open extension pages as normal tabs), or null. */
export function tabIdParam(search: string): number | null {
  const param = new URLSearchParams(search).get('tabId');
  return param !== null && /^\d+$/.test(param) ? Number(param) : null;
}

/**
 * Keeps a side panel (Chrome) or sidebar (Firefox) on the active tab of its own window: reads it once, then
 * follows `tabs.onActivated` for that window and `tabs.onUpdated` for the shown tab (navigation, reload) or a
 * tab that became active there. Each window has its own side panel, so other windows' tabs are ignored.
 * A `?tabId=N` in `search` pins the view to tab N instead (tests; the real side panel has no query).
 * @returns a function that stops following.
 */
export function followActiveTab(search: string, tabs: TabsApi, handlers: FollowTabHandlers): () => void {
  const pinned = tabIdParam(search);
  let current: number | null = pinned;
  let windowId: number | null = null;
  let stopped = false;

  const show = (tabId: number | null) => {
    if (stopped || tabId === current) return;
    current = tabId;
    handlers.onTab(tabId);
  };

  const onActivated: Activated = (info) => {
    if (pinned !== null || (windowId !== null && info.windowId !== windowId)) return;
    windowId = info.windowId;
    show(info.tabId);
  };
  const onUpdated: Updated = (tabId, change, tab) => {
    if (stopped) return;
    if (tabId === current) {
      if (change.url !== undefined || change.status === 'complete') handlers.onNavigated(tabId);
      return;
    }
    if (pinned === null && tab.active && windowId !== null && tab.windowId === windowId) show(tabId);
  };
  tabs.onActivated.addListener(onActivated);
  tabs.onUpdated.addListener(onUpdated);

  if (pinned !== null) handlers.onTab(pinned);
  else {
    tabs.query({ active: true, currentWindow: true }).then(
      ([tab]) => {
        if (tab?.windowId !== undefined && windowId === null) windowId = tab.windowId;
        // An activation seen while the query ran is newer than its answer.
        if (current !== null) return;
        // Devtools and some special windows report TAB_ID_NONE (-1).
        const id = tab?.id !== undefined && tab.id >= 0 ? tab.id : null;
        if (id === null) handlers.onTab(null);
        else show(id);
      },
      () => !stopped && current === null && handlers.onTab(null),
    );
  }

  return () => {
    stopped = true;
    tabs.onActivated.removeListener(onActivated);
    tabs.onUpdated.removeListener(onUpdated);
  };
}
