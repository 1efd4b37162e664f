import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';
import { hardenBundles } from './build/harden-plugin';
import { CALL_HOST_MATCHES } from './lib/platforms/hosts';
import { SYNC_ORIGIN_MATCHES } from './lib/sync/origin';

/**
 * Build configuration for Chrome (MV3) and Firefox (MV2).
 * Permissions are kept to the fewest that work; `tests/unit/manifest.test.ts` holds them to an allow-list.
 */
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module'],
  imports: false,
  // Parallel builds (tests, helpers) may each use their own output folder.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  vite: () => ({
    plugins: [tailwindcss(), hardenBundles()],
    // The Markdown guide importer's entity decoder has a browser build that decodes through `innerHTML` and needs a
    // `document` (absent in the service worker); its plain build uses a lookup table and works everywhere.
    resolve: {
      alias: [
        {
          find: /^decode-named-character-reference$/,
          replacement: fileURLToPath(new URL('./node_modules/decode-named-character-reference/index.js', import.meta.url)),
        },
      ],
    },
    // `SOURCEMAP=1`: source maps, to see which modules make up a bundle (not in the shipped build).
    build: { chunkSizeWarningLimit: 1500, sourcemap: !!process.env.SOURCEMAP },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // `sidePanel`: Chrome's side panel (entrypoints/sidepanel); Firefox's `sidebar_action` needs no permission.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'scripting', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    host_permissions: [...CALL_HOST_MATCHES],
    // Team sync (off by default): the origin of the team's CouchDB server, asked for when sync is turned on, one
    // origin at a time (lib/sync/permission.ts). HTTPS anywhere, plain HTTP only on this computer.
    ...(browser === 'firefox' ? { optional_permissions: [...SYNC_ORIGIN_MATCHES] } : { optional_host_permissions: [...SYNC_ORIGIN_MATCHES] }),
    web_accessible_resources: [
      {
        resources: ['panel.html'],
        matches: [...CALL_HOST_MATCHES],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    commands: {
      'toggle-panel': {
        suggested_key: { default: 'Alt+Shift+I' },
        description: '__MSG_commandTogglePanel__',
      },
      'add-timestamped-note': {
        // Alt+Shift+N is reserved by Chromium: an extension asking for it gets no shortcut at all.
        suggested_key: { default: 'Alt+Shift+M' },
        description: '__MSG_commandAddNote__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'interview-copilot@example.org',
              strict_min_version: '142.0',
              // Nothing leaves the browser: https://mzl.la/firefox-builtin-data-consent
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
