import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { Platform } from './db/records';
import { DEFAULT_SETTINGS as DEFAULTS, SETTINGS_STORAGE_KEY } from './settings-defaults';

/** How the panel is shown on a platform: drawn over the call page, or in the browser's own side panel. */
export const PanelMode = z.enum(['overlay', 'sidepanel']);
export type PanelMode = z.infer<typeof PanelMode>;

const PerPlatform = <T extends z.ZodType>(value: T, fallback: Record<Platform, z.output<T>>) =>
  z.object({ meet: value.default(fallback.meet as never), zoom: value.default(fallback.zoom as never), teams: value.default(fallback.teams as never) }).default({ ...fallback } as never);

/**
 * The interviewer's settings: one Zod-validated, versioned storage item (`local:settings`); each field's default
 * is in `./settings-defaults`. Components read and write it through `stores/settings.ts` (which asks the
 * background, the one place this schema runs for them), never through `browser.storage` directly.
 */
export const Settings = z.object({
  enabledPlatforms: PerPlatform(z.boolean(), DEFAULTS.enabledPlatforms),
  panelMode: PerPlatform(PanelMode, DEFAULTS.panelMode),
  panelSide: z.enum(['left', 'right']).default(DEFAULTS.panelSide),
  /** The "note a moment ago" shortcut stamps notes this many seconds earlier, because people type after they hear. */
  stampEarlierSeconds: z.number().int().min(0).max(120).default(DEFAULTS.stampEarlierSeconds),
  /** Delete interviews older than this many days (checked daily); null keeps everything. */
  retentionDays: z.number().int().min(1).max(3650).nullable().default(DEFAULTS.retentionDays),
  /**
   * Per platform: new interviews start with the transcript on (issue 14). Off by default; the interviewer still
   * confirms in the panel that the candidate was told before anything is kept.
   */
  transcriptOnStart: PerPlatform(z.boolean(), DEFAULTS.transcriptOnStart),
  /**
   * Field separator of the CSV export; null follows the interface language (`csvDelimiterFor`): Excel in a
   * locale whose decimal separator is a comma (Italian among them) expects `;` and puts a comma-separated file
   * in one column.
   */
  csvDelimiter: z.enum(['comma', 'semicolon']).nullable().default(DEFAULTS.csvDelimiter),
  /** Markdown exports include the interview's transcript lines (issue 14); JSON backups always carry them. */
  exportTranscript: z.boolean().default(DEFAULTS.exportTranscript),
  lastGuideId: z.string().max(80).nullable().default(DEFAULTS.lastGuideId),
  lastStageId: z.string().max(80).nullable().default(DEFAULTS.lastStageId),
});
export type Settings = z.infer<typeof Settings>;
export type SettingsPatch = Partial<Settings>;

/** The settings of a new profile (`./settings-defaults`, typed here). */
export const DEFAULT_SETTINGS: Settings = DEFAULTS;

/** A CSV field separator the settings offer. */
export type CsvDelimiterName = 'comma' | 'semicolon';

/**
 * The CSV separator in use: the chosen one, else semicolon when the interface language (a BCP 47 tag such as
 * `it-IT`, from `browser.i18n.getUILanguage()`) is Italian, else comma.
 */
export function csvDelimiterFor(chosen: CsvDelimiterName | null, uiLanguage: string): CsvDelimiterName {
  if (chosen) return chosen;
  return uiLanguage.split('-')[0]!.toLowerCase() === 'it' ? 'semicolon' : 'comma';
}

/**
 * Parses stored settings, falling back to defaults field by field: a corrupt or older value never breaks a view.
 */
export function parseSettings(value: unknown): Settings {
  const full = Settings.safeParse(value ?? {});
  if (full.success) return full.data;
  const raw = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(Settings.shape) as (keyof Settings)[]) {
    const field = Settings.shape[key].safeParse(raw[key]);
    if (field.success) merged[key] = field.data;
  }
  return Settings.parse(merged);
}

/** The storage item, version 1. Future versions add `migrations` here, each with a fixture test. */
export const settingsItem = storage.defineItem<Settings>(SETTINGS_STORAGE_KEY, {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** The stored settings, parsed (`parseSettings`: defaults for anything missing or invalid). Rejects when storage fails. */
export async function readSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue());
}

/**
 * Calls `listener` with the settings, parsed, each time they change in storage (written by any extension page or the
 * background). The one way extension code watches them; the content script reads the raw value instead, to stay light.
 * @returns a function that stops watching.
 */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => listener(parseSettings(value)));
}

export { Platform };
