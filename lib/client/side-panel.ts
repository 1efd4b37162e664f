import { browser } from 'wxt/browser';

/** Chrome's `chrome.sidePanel` (MV3, `sidePanel` permission) and Firefox's `sidebarAction`, as far as we use them. */
interface SidePanelApis {
  sidePanel?: { open(options: { tabId?: number; windowId?: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
}

/** Whether this browser has a side panel (Chrome) or sidebar (Firefox) the extension can open. */
export function hasSidePanel(apis: SidePanelApis = sidePanelApis()): boolean {
  return typeof apis.sidePanel?.open === 'function' || typeof apis.sidebarAction?.open === 'function';
}

function sidePanelApis(): SidePanelApis {
  const chromeApi = (globalThis as { chrome?: SidePanelApis }).chrome;
  return { sidePanel: chromeApi?.sidePanel, sidebarAction: (browser as unknown as SidePanelApis).sidebarAction };
}

/**
 * Opens the extension's side panel (Chrome, on `tabId`'s window) or sidebar (Firefox). Both browsers accept
 * this only while handling a user action (a click in an extension page, a command shortcut), so call it
 * synchronously from the handler, before any `await`.
 * @returns true once the browser opened it; false when it has no such panel or refused (no user gesture).
 */
export function openSidePanel(tabId: number | null, apis: SidePanelApis = sidePanelApis()): Promise<boolean> {
  try {
    if (typeof apis.sidePanel?.open === 'function') {
      if (tabId === null) return Promise.resolve(false);
      return apis.sidePanel.open({ tabId }).then(
        () => true,
        () => false,
      );
    }
    if (typeof apis.sidebarAction?.open === 'function') {
      return apis.sidebarAction.open().then(
        () => true,
        () => false,
      );
    }
  } catch {
    // A synchronous refusal (older versions throw instead of rejecting).
  }
  return Promise.resolve(false);
}
