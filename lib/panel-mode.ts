import type { Platform } from './db/records';

/**
 * The settings the panel-mode rule reads. Partial and loosely typed on purpose: the content script passes the stored
 * value as it is (it does not parse settings, to stay light in every call tab); the background passes parsed ones.
 */
export interface PanelModeSettings {
  enabledPlatforms?: Partial<Record<Platform, boolean>>;
  panelMode?: Partial<Record<Platform, string>>;
}

const asSettings = (value: unknown): PanelModeSettings => (typeof value === 'object' && value !== null ? (value as PanelModeSettings) : {});

/** Whether the interviewer chose the browser's side panel for `platform` (settings `panelMode`). */
export function sidePanelChosen(settings: PanelModeSettings | unknown, platform: Platform): boolean {
  return asSettings(settings).panelMode?.[platform] === 'sidepanel';
}

/**
 * Whether the panel is drawn over the call page of `platform`: the platform is not turned off (`enabledPlatforms`,
 * on when absent) and its panel mode is not the side panel. Missing or unreadable settings mean the defaults (overlay).
 */
export function overlayVisible(settings: PanelModeSettings | unknown, platform: Platform): boolean {
  return asSettings(settings).enabledPlatforms?.[platform] !== false && !sidePanelChosen(settings, platform);
}
