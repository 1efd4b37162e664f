import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { HOST_PERMISSIONS, ONLY_IN, OPTIONAL_HOSTS, PERMISSIONS } from '../support/permissions';


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

  it('puts no script into call pages by itself: the background injects after the page loaded', () => {
    expect(manifest.content_scripts ?? []).toEqual([]);
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
