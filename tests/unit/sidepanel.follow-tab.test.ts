import { describe, expect, it } from 'vitest';
import { followActiveTab, tabIdParam, type TabLike, type TabsApi } from '../../lib/client/follow-tab';

/** A fake `browser.tabs`: the active tab answer, and events the test fires by hand. */
function fakeTabs(active: TabLike[] | Error) {
  const activated = new Set<(info: { tabId: number; windowId: number }) => void>();
  const updated = new Set<(tabId: number, change: { status?: string; url?: string }, tab: TabLike) => void>();
  const api: TabsApi = {
    query: async () => {
      if (active instanceof Error) throw active;
      return active;
    },
    onActivated: { addListener: (l) => activated.add(l), removeListener: (l) => activated.delete(l) },
    onUpdated: { addListener: (l) => updated.add(l), removeListener: (l) => updated.delete(l) },
  };
  return {
    api,
    activate: (tabId: number, windowId: number) => activated.forEach((l) => l({ tabId, windowId })),
    update: (tabId: number, change: { status?: string; url?: string }, tab: TabLike) => updated.forEach((l) => l(tabId, change, tab)),
    listeners: () => activated.size + updated.size,
  };
}

function record() {
  const tabs: (number | null)[] = [];
  const navigated: number[] = [];
  return { tabs, navigated, handlers: { onTab: (id: number | null) => tabs.push(id), onNavigated: (id: number) => navigated.push(id) } };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the side panel follows the active tab of its window', () => {
  it('starts on the active tab and moves with tab switches in its own window only', async () => {
    const fake = fakeTabs([{ id: 4, windowId: 1, active: true }]);
    const r = record();
    const stop = followActiveTab('', fake.api, r.handlers);
    await settle();
    expect(r.tabs).toEqual([4]);
    fake.activate(9, 1);
    fake.activate(12, 2); // another window has its own side panel
    fake.activate(9, 1); // no change, no re-read
    expect(r.tabs).toEqual([4, 9]);
    stop();
    fake.activate(4, 1);
    expect(r.tabs).toEqual([4, 9]);
    expect(fake.listeners()).toBe(0);
  });

  it('re-reads the shown tab when it navigates or finishes loading, and ignores other tabs’ updates', async () => {
    const fake = fakeTabs([{ id: 4, windowId: 1, active: true }]);
    const r = record();
    followActiveTab('', fake.api, r.handlers);
    await settle();
    fake.update(4, { url: 'https://meet.google.com/abc-defg-hij' }, { id: 4, windowId: 1, active: true });
    fake.update(4, { status: 'complete' }, { id: 4, windowId: 1, active: true });
    fake.update(4, { status: 'loading' }, { id: 4, windowId: 1, active: true });
    fake.update(7, { status: 'complete' }, { id: 7, windowId: 1, active: false });
    expect(r.navigated).toEqual([4, 4]);
    expect(r.tabs).toEqual([4]);
  });

  it('takes a tab that became active in its window through an update (e.g. a replaced tab)', async () => {
    const fake = fakeTabs([{ id: 4, windowId: 1, active: true }]);
    const r = record();
    followActiveTab('', fake.api, r.handlers);
    await settle();
    fake.update(20, { status: 'complete' }, { id: 20, windowId: 1, active: true });
    fake.update(21, { status: 'complete' }, { id: 21, windowId: 2, active: true });
    expect(r.tabs).toEqual([4, 20]);
  });

  it('keeps an activation seen while the first query was running', async () => {
    const fake = fakeTabs([{ id: 4, windowId: 1, active: true }]);
    const r = record();
    followActiveTab('', fake.api, r.handlers);
    fake.activate(9, 1);
    await settle();
    expect(r.tabs).toEqual([9]);
  });

  it('has no tab when the window has none usable or the query fails', async () => {
    for (const answer of [[], [{ id: -1, windowId: 1 }], new Error('no window')] as (TabLike[] | Error)[]) {
      const r = record();
      followActiveTab('', fakeTabs(answer).api, r.handlers);
      await settle();
      expect(r.tabs).toEqual([null]);
    }
  });

  it('is pinned by ?tabId=N (tests open the page as a tab): no following, but navigations re-read', async () => {
    const fake = fakeTabs([{ id: 4, windowId: 1, active: true }]);
    const r = record();
    followActiveTab('?tabId=31', fake.api, r.handlers);
    await settle();
    fake.activate(9, 1);
    fake.update(9, { status: 'complete' }, { id: 9, windowId: 1, active: true });
    fake.update(31, { url: 'https://meet.google.com/' }, { id: 31, windowId: 1, active: false });
    expect(r.tabs).toEqual([31]);
    expect(r.navigated).toEqual([31]);
  });

  it('reads only a well-formed tab id parameter', () => {
    expect(tabIdParam('?tabId=12')).toBe(12);
    expect(tabIdParam('?tabId=-1')).toBeNull();
    expect(tabIdParam('?tabId=x')).toBeNull();
    expect(tabIdParam('')).toBeNull();
  });
});
