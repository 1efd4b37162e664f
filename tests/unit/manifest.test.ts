import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

/**
 * Every permission the extension asks for, with the reason it is needed. Adding a permission means adding it
 * here with its reason: a deliberate change, reviewed like any other.
 */
const PERMISSIONS: Record<string, string> = {
  storage: 'settings and panel layout (extension storage, never the call site’s)',
  unlimitedStorage: 'years of interview notes in IndexedDB without hitting the default quota',
  alarms: 'the daily retention check that deletes interviews older than the chosen number of days',
  scripting: 're-injecting the content script into open call tabs after an update or reload',
  sidePanel: 'Chrome only: the guide in the browser’s side panel, outside a call page that may be shared',
};

/** Permissions only one browser asks for (Firefox's sidebar needs no permission). */
const ONLY_IN: Record<string, 'chrome' | 'firefox'> = { sidePanel: 'chrome' };

/** Host permissions: exactly the call platforms' hosts (shared/docs/platforms.md). */
const HOST_PERMISSIONS: Record<string, string> = {
  'https://meet.google.com/*': 'Google Meet calls',
  'https://*.zoom.us/*': 'Zoom web client, including regional hosts such as us02web.zoom.us',
  'https://teams.microsoft.com/*': 'Microsoft Teams (work)',
  'https://teams.live.com/*': 'Microsoft Teams (personal accounts)',
  'https://teams.cloud.microsoft/*': 'Microsoft Teams (newer domain)',
};

/**
 * Optional host permissions: asked for at the moment team sync is turned on, for exactly the configured server's
 * origin (lib/sync/config.ts `originPattern`); never granted at install.
 */
const OPTIONAL_HOSTS: Record<string, string> = {
  'https://*/*': 'team sync: the team’s CouchDB server, wherever it is hosted (HTTPS only)',
  'http://localhost/*': 'team sync: a CouchDB on this computer (trials, tests); plain HTTP allowed only here',
  'http://127.0.0.1/*': 'team sync: the same, by address',
};

type ManifestFn = (env: { browser: string; manifestVersion: 2 | 3; mode: string; command: string }) => Record<string, unknown>;

function manifestFor(browser: 'chrome' | 'firefox') {
  const build = config.manifest as unknown as ManifestFn;
  return build({ browser, manifestVersion: browser === 'chrome' ? 3 : 2, mode: 'production', command: 'build' });
}

describe.each(['chrome', 'firefox'] as const)('%s manifest', (browser) => {
  const manifest = manifestFor(browser);

  it('asks only for allow-listed permissions', () => {
    const permissions = (manifest.permissions as string[]) ?? [];
    expect(permissions.filter((p) => !(p in PERMISSIONS))).toEqual([]);
    expect(permissions.filter((p) => ONLY_IN[p] !== undefined && ONLY_IN[p] !== browser)).toEqual([]);
  });

  it('asks only for the call hosts', () => {
    expect([...((manifest.host_permissions as string[]) ?? [])].sort()).toEqual(Object.keys(HOST_PERMISSIONS).sort());
  });

  it('asks for sync servers only as optional host permissions', () => {
    const key = browser === 'chrome' ? 'optional_host_permissions' : 'optional_permissions';
    expect([...((manifest[key] as string[]) ?? [])].sort()).toEqual(Object.keys(OPTIONAL_HOSTS).sort());
    const other = browser === 'chrome' ? 'optional_permissions' : 'optional_host_permissions';
    expect(manifest[other]).toBeUndefined();
  });

  it('exposes only the panel page, and only to the call hosts', () => {
    const resources = manifest.web_accessible_resources as { resources: string[]; matches: string[] }[];
    expect(resources.map((r) => r.resources)).toEqual([['panel.html']]);
    expect([...resources[0]!.matches].sort()).toEqual(Object.keys(HOST_PERMISSIONS).sort());
  });

  it('has localized name and description', () => {
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.description).toBe('__MSG_extDescription__');
  });
});

it('Chrome hides the panel URL from pages with use_dynamic_url', () => {
  const resources = manifestFor('chrome').web_accessible_resources as { use_dynamic_url?: boolean }[];
  expect(resources[0]?.use_dynamic_url).toBe(true);
});

it('Firefox declares that no data is collected', () => {
  const gecko = (manifestFor('firefox').browser_specific_settings as { gecko: { data_collection_permissions: unknown } }).gecko;
  expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
});

it('Chrome asks for the side panel; Firefox declares its sidebar without a permission', () => {
  expect(manifestFor('chrome').permissions).toContain('sidePanel');
  expect(manifestFor('firefox').permissions).not.toContain('sidePanel');
});
