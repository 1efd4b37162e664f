import type { Platform } from '../db/records';
import { parseUrl } from './dom';
import { meetAdapter } from './meet';
import type { PlatformAdapter } from './types';
import { teamsAdapter } from './teams';
import { zoomAdapter } from './zoom';

/** Every supported call platform's adapter. Adding a platform: add its file and list it here and in hosts.ts. */
export const PLATFORM_ADAPTERS: Readonly<Record<Platform, PlatformAdapter>> = {
  meet: meetAdapter,
  zoom: zoomAdapter,
  teams: teamsAdapter,
};

/** The adapter whose host serves `url` (https only), or null for any other page. */
export function adapterForUrl(url: string | URL): PlatformAdapter | null {
  const parsed = typeof url === 'string' ? parseUrl(url) : url;
  if (!parsed || parsed.protocol !== 'https:') return null;
  return Object.values(PLATFORM_ADAPTERS).find((a) => a.matchesHost(parsed.hostname)) ?? null;
}
