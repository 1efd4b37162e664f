import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSaveQueue } from '../../lib/client/save-queue';
import type { MessageName } from '../../lib/protocol/protocol';
import { createPanelStore, savePanelModeSetting } from '../../stores/panel';
import { useSettings } from '../../stores/settings';
import { makeServices } from './support/services';
import { handlerCaller, panelStoreOver, reportMeetCall } from './support/panel';

/**
 * The panel store as the side panel runs it: the sender is an extension page with no tab of its own, so every
 * message names the target tab, and the panel follows whichever tab the side panel shows.
 */
const sidePanelSender = { id: 'self-id', url: 'chrome-extension://self-id/sidepanel.html' };

let env: ReturnType<typeof makeServices>;
let sent: { name: MessageName; input: unknown }[];
let opened: number[];
let openAnswer: boolean;

const report = (tabId: number, meetingId: string) => reportMeetCall(env, tabId, meetingId);

let usePanel: ReturnType<typeof createPanelStore>;
/** The store under test's state and actions. */
const panel = () => usePanel.getState();

beforeEach(async () => {
  usePanel?.getState().dispose();
  env = makeServices();
  sent = [];
  opened = [];
  openAnswer = true;
  const fakeCall = handlerCaller(env, { sender: sidePanelSender, onCall: (name, input) => void sent.push({ name, input }) });
  usePanel = panelStoreOver(env, fakeCall, {
    queue: createSaveQueue({ debounceMs: 10, retryMs: 20 }),
    openSidePanel: async (tabId) => {
      opened.push(tabId);
      return openAnswer;
    },
    savePanelMode: savePanelModeSetting,
  });
  useSettings.setState({ update: async (patch) => useSettings.setState((s) => ({ settings: { ...s.settings, ...patch } })) });
  await report(7, 'abc-defg-hij');
  await report(8, 'xyz-wxyz-xyz');
});

const session = () => usePanel.getState().session;

describe('the panel aimed at a given tab (side panel)', () => {
  it('reads, starts and writes for its target tab, though the sender has no tab', async () => {
    await panel().setTargetTab(7);
    expect(session()?.tab).toMatchObject({ tabId: 7, meetingId: 'abc-defg-hij' });
    expect(await panel().startInterview({ candidateName: 'Alex Rivera', guideId: 'test-guide', stageId: 'screen' })).toBeNull();
    expect(sent.find((m) => m.name === 'interviews.start')?.input).toMatchObject({ tabId: 7 });
    expect(session()?.interview?.interview).toMatchObject({ meetingId: 'abc-defg-hij', state: 'active' });
    panel().typeNote('Asked about queues');
    await vi.waitFor(async () => expect((await env.db.notes.toArray()).map((n) => n.text)).toEqual(['Asked about queues']));
  });

  it('follows a tab switch: forgets the old call and shows the new tab, or none', async () => {
    await panel().setTargetTab(7);
    await panel().startInterview({ candidateName: 'Alex Rivera', guideId: 'test-guide', stageId: 'screen' });
    await panel().setTargetTab(8);
    expect(session()?.tab?.tabId).toBe(8);
    expect(session()?.interview).toBeNull();
    await panel().setTargetTab(null);
    expect(usePanel.getState()).toMatchObject({ status: 'ready', session: { tab: null, interview: null } });
  });

  it('drops an answer about a tab it has left meanwhile', async () => {
    const first = panel().setTargetTab(7);
    const second = panel().setTargetTab(8);
    await Promise.all([first, second]);
    expect(session()?.tab?.tabId).toBe(8);
  });

  it('re-reads on its target tab’s changes only', async () => {
    await panel().setTargetTab(7);
    sent = [];
    panel().handleLiveEvent({ type: 'tab-changed', tabId: 8 });
    panel().handleLiveEvent({ type: 'tab-changed', tabId: 7 });
    await vi.waitFor(() => expect(sent.filter((m) => m.name === 'session.get').map((m) => m.input)).toEqual([{ tabId: 7 }]));
  });

  it('moves the platform’s guide to the side panel: opens it first, then flips the setting', async () => {
    await panel().setTargetTab(7);
    expect(await panel().movePanel('sidepanel')).toBeNull();
    expect(opened).toEqual([7]);
    expect(useSettings.getState().settings.panelMode).toMatchObject({ meet: 'sidepanel', zoom: 'overlay' });
    expect(await panel().movePanel('overlay')).toBeNull();
    expect(opened).toEqual([7]);
    expect(useSettings.getState().settings.panelMode.meet).toBe('overlay');
  });

  it('keeps the overlay when the browser refuses to open its side panel', async () => {
    await panel().setTargetTab(7);
    openAnswer = false;
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => `[${key}]`);
    expect(await panel().movePanel('sidepanel')).toBe('[sidepanel_openFailed]');
    expect(useSettings.getState().settings.panelMode.meet).toBe('overlay');
  });
});
