/**
 * The settings' plain values, without Zod: the settings store (stores/settings.ts), which every view and the
 * in-call panel load, starts from these; the schema in `./settings` takes each field's default from here and
 * validates everything else.
 */

/** Where the settings are kept (one versioned storage item, see `settingsItem` in `./settings`). */
export const SETTINGS_STORAGE_KEY = 'local:settings';

/** The settings of a new profile, and the value of any field missing or invalid in storage. */
export const DEFAULT_SETTINGS = {
  enabledPlatforms: { meet: true, zoom: true, teams: true },
  panelMode: { meet: 'overlay', zoom: 'overlay', teams: 'overlay' },
  panelSide: 'right',
  stampEarlierSeconds: 5,
  retentionDays: null,
  transcriptOnStart: { meet: false, zoom: false, teams: false },
  csvDelimiter: null,
  exportTranscript: false,
  lastGuideId: null,
  lastStageId: null,
} as const;
