import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../lib/background/handlers';
import { dispatch, type Handlers } from '../../lib/background/router';
import { ApiCallError } from '../../lib/protocol/result';
import type { MessageName } from '../../lib/protocol/protocol';
import { DEFAULT_SETTINGS, readSettings, settingsItem } from '../../lib/settings';
import { ENV, makeServices, panelSender } from './support/services';

/**
 * The settings store (every view's, the in-call panel's too) reads and saves the settings through the background,
 * which parses and validates them; the views run no schema. Here `call` runs the background's router and handlers
 * in the test, over fake extension storage, as the panel's messages would.
 */
const background = vi.hoisted(() => ({ handlers: null as unknown }));
vi.mock('../../lib/protocol/client', () => ({
  call: async (name: MessageName, input: unknown) => {
    const result = await dispatch(name, input, panelSender(), background.handlers as Handlers, ENV);
    if (!result.ok) throw new ApiCallError(result.error);
    return result.value;
  },
}));

const { hydrateSettings, resetSettingsStoreForTests, useSettings } = await import('../../stores/settings');

/** Lets storage events and the store's answers run until `done` holds (at most 100 rounds). */
async function until(done: () => boolean) {
  for (let round = 0; round < 100 && !done(); round++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(done()).toBe(true);
}

beforeEach(() => {
  const { services } = makeServices();
  services.settings = readSettings;
  services.saveSettings = (settings) => settingsItem.setValue(settings);
  background.handlers = createHandlers(services);
  resetSettingsStoreForTests();
});

describe('settings store', () => {
  it('starts from the defaults when nothing is stored', async () => {
    await hydrateSettings();
    expect(useSettings.getState()).toMatchObject({ hydrated: true, settings: DEFAULT_SETTINGS, error: null });
  });

  it('reads stored settings with the default for each invalid field', async () => {
    await fakeBrowser.storage.local.set({ settings: { panelSide: 'left', stampEarlierSeconds: 999, panelMode: { zoom: 'sidepanel' } } });
    await hydrateSettings();
    const { settings } = useSettings.getState();
    expect(settings.panelSide).toBe('left');
    expect(settings.stampEarlierSeconds).toBe(DEFAULT_SETTINGS.stampEarlierSeconds);
    expect(settings.panelMode).toEqual({ meet: 'overlay', zoom: 'sidepanel', teams: 'overlay' });
  });

  it('follows settings saved elsewhere (the options page) while open, parsed', async () => {
    await hydrateSettings();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, stampEarlierSeconds: 12 });
    await until(() => useSettings.getState().settings.stampEarlierSeconds === 12);
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, stampEarlierSeconds: 'soon' } });
    await until(() => useSettings.getState().settings.stampEarlierSeconds === DEFAULT_SETTINGS.stampEarlierSeconds);
  });

  it('saves a valid change, and refuses an invalid one with its path and reason, storing nothing', async () => {
    await hydrateSettings();
    await useSettings.getState().update({ lastGuideId: 'test-guide' });
    expect(useSettings.getState().error).toBeNull();
    expect((await readSettings()).lastGuideId).toBe('test-guide');

    await useSettings.getState().update({ stampEarlierSeconds: 500 });
    const { settings, error } = useSettings.getState();
    expect(error?.code).toBe('invalid-input');
    expect(error?.issues).toEqual([expect.stringMatching(/^stampEarlierSeconds: /)]);
    expect(settings.stampEarlierSeconds).toBe(DEFAULT_SETTINGS.stampEarlierSeconds);
    expect((await readSettings()).stampEarlierSeconds).toBe(DEFAULT_SETTINGS.stampEarlierSeconds);
  });
});
