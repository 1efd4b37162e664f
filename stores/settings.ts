import { create } from 'zustand';
import { storage } from 'wxt/utils/storage';
import type { Settings, SettingsPatch } from '../lib/settings';
import { DEFAULT_SETTINGS, SETTINGS_STORAGE_KEY } from '../lib/settings-defaults';
import { call } from '../lib/protocol/client';
import { toFault, type Fault } from '../lib/client/fault-text';

interface SettingsState {
  /** False until the stored settings have been read: views wait for it to avoid a flash of defaults. */
  hydrated: boolean;
  settings: Settings;
  /** Last error while saving (a refused value lists its `path: reason`); null when the last save worked. */
  error: Fault | null;
  /** Validates and saves a change; on failure the store keeps the previous settings and sets `error`. */
  update(patch: SettingsPatch): Promise<void>;
}

/**
 * The settings as every view reads them. Hydrates once and follows changes made elsewhere (another view, the
 * options page) through a watch of their storage item. The background parses and validates them
 * (`settings.get`, `settings.save`): no view runs the settings' schema, so the in-call panel loads no Zod.
 */
export const useSettings = create<SettingsState>()((set, get) => ({
  hydrated: false,
  settings: DEFAULT_SETTINGS,
  error: null,
  async update(patch) {
    const previous = get().settings;
    const next: Settings = { ...previous, ...patch };
    // Shown at once (a checkbox follows the click), confirmed or taken back when the background answered.
    set({ settings: next, error: null });
    try {
      const saved = await call('settings.save', next);
      if (get().settings === next) set({ settings: saved });
    } catch (error) {
      if (get().settings === next) set({ settings: previous });
      set({ error: toFault(error) });
    }
  },
}));

let hydration: Promise<void> | null = null;
/**
 * Reads the stored settings into the store and subscribes to later changes. Safe to call more than once: every
 * call resolves once the first read is done (never rejects; a failed read sets `error`).
 */
export function hydrateSettings(): Promise<void> {
  if (hydration) return hydration;
  // The stored value is not used as it is: the background parses it (defaults for anything missing or invalid).
  storage.watch(SETTINGS_STORAGE_KEY, () => {
    call('settings.get', {}).then(
      (settings) => useSettings.setState({ settings }),
      (error: unknown) => useSettings.setState({ error: toFault(error) }),
    );
  });
  hydration = call('settings.get', {}).then(
    (settings) => useSettings.setState({ settings, hydrated: true }),
    (error: unknown) => useSettings.setState({ hydrated: true, error: toFault(error) }),
  );
  return hydration;
}

/** Test helper: forget the hydration so the next `hydrateSettings` reads storage again. */
export function resetSettingsStoreForTests() {
  hydration = null;
  useSettings.setState({ hydrated: false, settings: DEFAULT_SETTINGS, error: null });
}
