// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CALL_SCRIPT_FILE, ensureCallScript, injectScript, reinjectCallTabs, watchCallTabLoads } from '../../lib/background/inject';
import { contentMessenger } from '../../lib/protocol/content-protocol';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('watchCallTabLoads', () => {
  function setUp(answering: number[] = []) {
    let listener!: (tabId: number, change: { status?: string }, tab: { url?: string }) => void;
    vi.spyOn(fakeBrowser.tabs.onUpdated, 'addListener').mockImplementation(((fn: typeof listener) => (listener = fn)) as never);
    vi.spyOn(contentMessenger, 'sendMessage').mockImplementation((async (_type: string, _data: unknown, target: { tabId: number }) => {
      if (answering.includes(target.tabId)) return { state: 'in-call' };
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }) as never);
    const executeScript = vi.fn(async () => []);
    (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript };
    watchCallTabLoads();
    return { fire: listener, executeScript };
  }
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('injects the call-detection script when a call tab reports its page loaded, and only then', async () => {
    const { fire, executeScript } = setUp();
    fire(3, { status: 'loading' }, { url: 'https://meet.google.com/abc-defg-hij' });
    await settled();
    expect(executeScript).not.toHaveBeenCalled();
    fire(3, { status: 'complete' }, { url: 'https://meet.google.com/abc-defg-hij' });
    await vi.waitFor(() => expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 3, frameIds: [0] }, files: [CALL_SCRIPT_FILE] }));
  });

  it('leaves other sites, and call tabs whose script still answers, alone', async () => {
    const { fire, executeScript } = setUp([4]);
    fire(1, { status: 'complete' }, { url: 'https://example.org/meet' });
    fire(2, { status: 'complete' }, {});
    fire(4, { status: 'complete' }, { url: 'https://teams.microsoft.com/v2/' });
    await settled();
    await settled();
    expect(executeScript).not.toHaveBeenCalled();
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

describe('reinjectCallTabs with a call tab still loading', () => {
  it('looks again a second later and injects once the tab has loaded', async () => {
    vi.useFakeTimers();
    const query = vi
      .spyOn(fakeBrowser.tabs, 'query')
      .mockResolvedValueOnce([{ id: 7, status: 'loading' }] as never)
      .mockResolvedValue([{ id: 7, status: 'complete' }] as never);
    vi.spyOn(contentMessenger, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    const executeScript = vi.fn(async () => []);
    (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript };
    expect(await reinjectCallTabs()).toEqual([]);
    expect(executeScript).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 7, frameIds: [0] }, files: [CALL_SCRIPT_FILE] }));
    expect(query).toHaveBeenCalledTimes(2);
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
