import { describe, expect, it } from 'vitest';
import { overlayVisible, sidePanelChosen } from '../../lib/panel-mode';
import { DEFAULT_SETTINGS } from '../../lib/settings';

describe('the panel-mode rule (one place for the content script, the calls handler and the shortcuts)', () => {
  it('draws the overlay by default, also when the stored settings are missing or unreadable', () => {
    expect(overlayVisible(DEFAULT_SETTINGS, 'meet')).toBe(true);
    expect(overlayVisible(undefined, 'zoom')).toBe(true);
    expect(overlayVisible('garbage', 'teams')).toBe(true);
    expect(overlayVisible({ panelMode: {} }, 'meet')).toBe(true);
  });

  it('hides the overlay on a platform turned off or set to the side panel, and only there', () => {
    const sidePanelOnMeet = { ...DEFAULT_SETTINGS, panelMode: { ...DEFAULT_SETTINGS.panelMode, meet: 'sidepanel' as const } };
    expect(overlayVisible(sidePanelOnMeet, 'meet')).toBe(false);
    expect(sidePanelChosen(sidePanelOnMeet, 'meet')).toBe(true);
    expect(overlayVisible(sidePanelOnMeet, 'zoom')).toBe(true);
    const zoomOff = { ...DEFAULT_SETTINGS, enabledPlatforms: { ...DEFAULT_SETTINGS.enabledPlatforms, zoom: false } };
    expect(overlayVisible(zoomOff, 'zoom')).toBe(false);
    // Turned off is not the side panel: the shortcuts do not open it there.
    expect(sidePanelChosen(zoomOff, 'zoom')).toBe(false);
  });
});
