import { create } from 'zustand';
import { parseSettings, readSettings, Settings, settingsItem, watchSettings, type SettingsPatch } from '../lib/settings';
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
 * The settings as every view reads them. Hydrates once from storage and follows changes made elsewhere
 * (another view, the options page) through the storage item's watcher.
 */
export const useSettings = create<SettingsState>()((set, get) => ({
  hydrated: false,
  settings: parseSettings(undefined),
  error: null,
  async update(patch) {
    const next = Settings.safeParse({ ...get().settings, ...patch });
    if (!next.success) {
      set({ error: { code: 'invalid-input', details: '', issues: next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) } });
      return;
    }
    const previous = get().settings;
    set({ settings: next.data, error: null });
    try {
      await settingsItem.setValue(next.data);
    } catch (error) {
      set({ settings: previous, error: toFault(error) });
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
  watchSettings((settings) => useSettings.setState({ settings }));
  hydration = readSettings().then(
    (settings) => useSettings.setState({ settings, hydrated: true }),
    (error: unknown) => useSettings.setState({ hydrated: true, error: toFault(error) }),
  );
  return hydration;
}

/** Test helper: forget the hydration so the next `hydrateSettings` reads storage again. */
export function resetSettingsStoreForTests() {
  hydration = null;
  useSettings.setState({ hydrated: false, settings: parseSettings(undefined), error: null });
}
