import type { Handlers } from '../router';
import type { BackgroundServices } from '../services';

type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.save'>;

/**
 * The settings for the views (stores/settings.ts): read parsed, and saved once the router validated them against
 * the schema (an invalid field answers `invalid-input` with its `path: reason`, and nothing is stored).
 */
export function settingsHandlers(s: BackgroundServices): SettingsHandlers {
  return {
    'settings.get': () => s.settings(),
    'settings.save': async (settings) => {
      await s.saveSettings(settings);
      return settings;
    },
  };
}
