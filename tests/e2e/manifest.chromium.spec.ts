import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HOST_PERMISSIONS, ONLY_IN, OPTIONAL_HOSTS, PERMISSIONS } from '../support/permissions';
import { expect, serviceWorker, test } from './support/chromium';

/**
 * The permissions the built extensions really ask for: both `.output/*\/manifest.json` files as the stores would
 * receive them (Firefox MV2 merges host access into `permissions`), and the manifest Chromium loaded.
 */
const OUT = process.env.WXT_OUT_DIR ?? '.output';
type Manifest = {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[] }[];
};
const built = (dir: string) => JSON.parse(readFileSync(path.join(OUT, dir, 'manifest.json'), 'utf8')) as Manifest;
const hosts = Object.keys(HOST_PERMISSIONS).sort();
const optionalHosts = Object.keys(OPTIONAL_HOSTS).sort();
const isHost = (p: string) => p.includes('://') || p === '<all_urls>';

test('the built Chrome manifest asks only for allow-listed permissions and the call hosts', async ({ context }) => {
  const manifest = built('chrome-mv3');
  const permissions = manifest.permissions ?? [];
  expect(permissions.filter((p) => !(p in PERMISSIONS) || ONLY_IN[p] === 'firefox')).toEqual([]);
  expect([...(manifest.host_permissions ?? [])].sort()).toEqual(hosts);
  expect(manifest.optional_permissions ?? []).toEqual([]);
  // Team sync's server origin, asked for only when sync is turned on.
  expect([...(manifest.optional_host_permissions ?? [])].sort()).toEqual(optionalHosts);
  for (const script of manifest.content_scripts ?? []) expect(script.matches.filter((m) => !hosts.includes(m))).toEqual([]);
  // What Chromium loaded is that file.
  const worker = await serviceWorker(context);
  const loaded = (await worker.evaluate(() => chrome.runtime.getManifest())) as Manifest;
  expect({ permissions: loaded.permissions, host_permissions: loaded.host_permissions }).toEqual({
    permissions: manifest.permissions,
    host_permissions: manifest.host_permissions,
  });
});

test('the built Firefox manifest asks only for allow-listed permissions and the call hosts (merged into permissions)', () => {
  const manifest = built('firefox-mv2');
  const permissions = manifest.permissions ?? [];
  expect(permissions.filter((p) => !isHost(p) && (!(p in PERMISSIONS) || ONLY_IN[p] === 'chrome'))).toEqual([]);
  expect(permissions.filter(isHost).sort()).toEqual(hosts);
  expect(manifest.host_permissions).toBeUndefined();
  // Firefox MV2 lists team sync's optional origins under optional_permissions.
  expect([...(manifest.optional_permissions ?? [])].sort()).toEqual(optionalHosts);
  for (const script of manifest.content_scripts ?? []) expect(script.matches.filter((m) => !hosts.includes(m))).toEqual([]);
});
