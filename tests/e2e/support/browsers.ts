import { existsSync } from 'node:fs';

/** Thrown when a browser binary is missing; its message is one line naming the package to install. */
export class MissingBrowserError extends Error {}

/**
 * Path of the Chromium binary: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`.
 * @throws MissingBrowserError naming Debian's `chromium` package.
 */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new MissingBrowserError(
      `Chromium not found at ${path}: install Debian's "chromium" package (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

/**
 * Path of the Firefox binary: `FIREFOX_PATH`, else Debian's `/usr/bin/firefox-esr`.
 * @throws MissingBrowserError naming Debian's `firefox-esr` package.
 */
export function firefoxPath(): string {
  const path = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
  if (!existsSync(path)) {
    throw new MissingBrowserError(
      `Firefox not found at ${path}: install Debian's "firefox-esr" package (apt-get install firefox-esr) or set FIREFOX_PATH.`,
    );
  }
  return path;
}

/** Flags that keep Chromium off this machine's closed network (shared/docs/testing.md). */
export const CHROMIUM_QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];
