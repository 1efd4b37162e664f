// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CALL_SCRIPT_FILE, ensureCallScript, injectScript, reinjectCallTabs } from '../../lib/background/inject';
import { contentMessenger } from '../../lib/protocol/content-protocol';
import { dispatch } from '../../lib/background/router';
import loader from '../../entrypoints/call-loader';
import { ENV, makeServices, meetContentSender, panelSender } from './support/services';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('the call loader', () => {
  function fakeRuntime() {
    const sent: unknown[] = [];
    vi.stubGlobal('browser', undefined);
    vi.stubGlobal('chrome', { runtime: { sendMessage: async (message: unknown) => void sent.push(message) } });
    return sent;
  }

  it('asks for the call-detection script only after the page load event, in a task of its own', () => {
    vi.useFakeTimers();
    const sent = fakeRuntime();
    vi.spyOn(document, 'readyState', 'get').mockReturnValue('interactive');
    loader.main!();
    vi.runAllTimers();
    expect(sent).toEqual([]);
    window.dispatchEvent(new Event('load'));
    expect(sent).toEqual([]);
    vi.runAllTimers();
    expect(sent).toMatchObject([{ type: 'calls.load', data: {} }]);
    // Once per page load.
    window.dispatchEvent(new Event('load'));
    vi.runAllTimers();
    expect(sent).toHaveLength(1);
    vi.unstubAllGlobals();
  });

  it('asks at once on a page that has already loaded', () => {
    vi.useFakeTimers();
    const sent = fakeRuntime();
    vi.spyOn(document, 'readyState', 'get').mockReturnValue('complete');
    loader.main!();
    vi.runAllTimers();
    expect(sent).toMatchObject([{ type: 'calls.load' }]);
    vi.unstubAllGlobals();
  });
});

describe('calls.load', () => {
  it('injects the call-detection script into the sender tab', async () => {
    const t = makeServices();
    const answer = await dispatch('calls.load', {}, meetContentSender(12), t.handlers, ENV);
    expect(answer).toEqual({ ok: true, value: { injected: true } });
    expect(t.injected).toEqual([12]);
  });

  it('refuses frames other than the top one, and extension pages', async () => {
    const t = makeServices();
    const subframe = { ...meetContentSender(12), frameId: 4 };
    expect(await dispatch('calls.load', {}, subframe, t.handlers, ENV)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch('calls.load', {}, panelSender(12), t.handlers, ENV)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(t.injected).toEqual([]);
  });
});

describe('reinjectCallTabs', () => {
  it('injects into loaded call tabs whose script does not answer; concurrent calls share one pass', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { id: 1, status: 'complete' },
      { id: 2, status: 'complete' },
      { id: 3, status: 'loading' },
    ] as never);
    vi.spyOn(contentMessenger, 'sendMessage').mockImplementation((async (_type: string, _data: unknown, target: { tabId: number }) => {
      if (target.tabId === 2) return { state: 'in-call' };
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }) as never);
    const executeScript = vi.fn(async () => []);
    (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript };
    const [first, second] = await Promise.all([reinjectCallTabs(), reinjectCallTabs()]);
    expect(first).toEqual([1]);
    expect(second).toEqual([1]);
    expect(query).toHaveBeenCalledTimes(1);
    expect(executeScript).toHaveBeenCalledTimes(1);
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 1, frameIds: [0] }, files: [CALL_SCRIPT_FILE] });
  });
});

describe('injectScript', () => {
  it('injects a file into the top frame; concurrent requests for one tab inject once', async () => {
    let release!: () => void;
    const executeScript = vi.fn(() => new Promise<never[]>((resolve) => (release = () => resolve([]))));
    (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript };
    const first = injectScript(5, CALL_SCRIPT_FILE);
    const second = injectScript(5, CALL_SCRIPT_FILE);
    release();
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(executeScript).toHaveBeenCalledTimes(1);
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 5, frameIds: [0] }, files: [CALL_SCRIPT_FILE] });
    // A later request injects again (nothing cached once done).
    const third = injectScript(5, CALL_SCRIPT_FILE);
    release();
    await third;
    expect(executeScript).toHaveBeenCalledTimes(2);
  });

  it('reports a refused injection as false instead of throwing', async () => {
    (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript: vi.fn(async () => Promise.reject(new Error('Cannot access contents of the page'))) };
    expect(await injectScript(6, CALL_SCRIPT_FILE)).toBe(false);
    expect(await ensureCallScript(6, { check: false })).toBe('failed');
  });

  it('falls back to tabs.executeScript where the scripting API is missing (MV2)', async () => {
    (fakeBrowser as unknown as { scripting: unknown }).scripting = undefined;
    const executeScript = vi.fn(async () => []);
    (fakeBrowser.tabs as unknown as { executeScript: unknown }).executeScript = executeScript;
    expect(await ensureCallScript(8, { check: false })).toBe('injected');
    expect(executeScript).toHaveBeenCalledWith(8, { file: CALL_SCRIPT_FILE, allFrames: false, runAt: 'document_idle' });
  });
});
