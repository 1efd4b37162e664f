import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { PanelApp } from '../../components/panel/PanelApp';
import { followActiveTab, type TabsApi } from '../../lib/client/follow-tab';
import { refreshSession, setTargetTab } from '../../stores/panel';

/**
 * The side panel's root (Chrome `side_panel`, Firefox `sidebar_action`): the in-call panel app, pointed at the
 * active tab of this window and following it as tabs change. `?tabId=N` pins it to tab N (tests open this page
 * as a normal tab, where the active tab would be the page itself).
 */
export function App() {
  useEffect(
    () =>
      followActiveTab(location.search, browser.tabs as unknown as TabsApi, {
        onTab: (tabId) => void setTargetTab(tabId),
        onNavigated: () => void refreshSession(),
      }),
    [],
  );
  return <PanelApp view="sidepanel" />;
}
