/** The slice of `browser.tabs` the popup needs to find its tab. */
export interface TabsQuery {
  query(info: { active: true; currentWindow: true }): Promise<{ id?: number }[]>;
}

/**
 * The tab the popup acts on. A `?tabId=N` query parameter wins: tests open the popup as a normal tab, where the
 * active tab would be the popup itself. Otherwise the active tab of the popup's window (no `tabs` permission
 * needed for its id; call-page URLs are visible through the host permissions).
 * @param search `location.search` of the popup page.
 * @returns the tab id, or null when there is no usable tab (or the query failed).
 */
export async function resolveTargetTab(search: string, tabs: TabsQuery): Promise<number | null> {
  const param = new URLSearchParams(search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  try {
    const [tab] = await tabs.query({ active: true, currentWindow: true });
    // Devtools and some special windows report TAB_ID_NONE (-1).
    return tab?.id !== undefined && tab.id >= 0 ? tab.id : null;
  } catch {
    return null;
  }
}
