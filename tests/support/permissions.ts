/**
 * Every permission the extension asks for, with the reason it is needed. Adding a permission means adding it
 * here with its reason: a deliberate change, reviewed like any other. Checked against the manifest function
 * (`tests/unit/manifest.test.ts`) and against both built manifests (`tests/e2e/manifest.chromium.spec.ts`).
 */
export const PERMISSIONS: Record<string, string> = {
  storage: 'settings and panel layout (extension storage, never the call site’s)',
  unlimitedStorage: 'years of interview notes in IndexedDB without hitting the default quota',
  alarms: 'the daily retention check that deletes interviews older than the chosen number of days',
  scripting:
    'injecting the call-detection script after a call page has loaded (asked by the tiny call loader), re-injecting it after an update or reload, and the transcript reader while a transcript is on',
  sidePanel: 'Chrome only: the guide in the browser’s side panel, outside a call page that may be shared',
};

/** Permissions only one browser asks for (Firefox's sidebar needs no permission). */
export const ONLY_IN: Record<string, 'chrome' | 'firefox'> = { sidePanel: 'chrome' };

/** Host permissions: exactly the call platforms' hosts (shared/docs/platforms.md). */
export const HOST_PERMISSIONS: Record<string, string> = {
  'https://meet.google.com/*': 'Google Meet calls',
  'https://*.zoom.us/*': 'Zoom web client, including regional hosts such as us02web.zoom.us',
  'https://teams.microsoft.com/*': 'Microsoft Teams (work)',
  'https://teams.live.com/*': 'Microsoft Teams (personal accounts)',
  'https://teams.cloud.microsoft/*': 'Microsoft Teams (newer domain)',
  'https://*.zoomgov.com/*': 'Zoom for Government web client (zoomgov.com and agency subdomains)',
  'https://gov.teams.microsoft.us/*': 'Microsoft Teams for US government, GCC High',
  'https://dod.teams.microsoft.us/*': 'Microsoft Teams for the US Department of Defense',
};

/**
 * Optional host permissions: asked for at the moment team sync is turned on, for exactly the configured server's
 * origin (lib/sync/config.ts `originPattern`); never granted at install.
 */
export const OPTIONAL_HOSTS: Record<string, string> = {
  'https://*/*': 'team sync: the team’s CouchDB server, wherever it is hosted (HTTPS only)',
  'http://localhost/*': 'team sync: a CouchDB on this computer (trials, tests); plain HTTP allowed only here',
  'http://127.0.0.1/*': 'team sync: the same, by address',
};
