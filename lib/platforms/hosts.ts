/**
 * Match patterns of every host on which a supported call platform runs.
 * Source: shared/docs/platforms.md (Meet: meet.google.com; Zoom web client: *.zoom.us incl. regional
 * subdomains; Teams: teams.microsoft.com, teams.live.com, teams.cloud.microsoft). Government clouds, where the same
 * web clients run: Zoom for Government on zoomgov.com and its subdomains (`<agency>.zoomgov.com/wc/…`), Teams for
 * GCC High on gov.teams.microsoft.us and for the US Department of Defense on dod.teams.microsoft.us (Microsoft's
 * published tenant URLs; Teams GCC "moderate" uses teams.microsoft.com).
 * Used for the manifest's host permissions, content-script matches and the panel's web-accessible resource.
 */
export const CALL_HOST_MATCHES = [
  'https://meet.google.com/*',
  'https://*.zoom.us/*',
  'https://teams.microsoft.com/*',
  'https://teams.live.com/*',
  'https://teams.cloud.microsoft/*',
  'https://*.zoomgov.com/*',
  'https://gov.teams.microsoft.us/*',
  'https://dod.teams.microsoft.us/*',
] as const;

/** Hostnames (exact, or a `.suffix` for subdomains) on which a content script may talk to the background. */
export const CALL_HOSTNAMES = [
  'meet.google.com',
  'zoom.us',
  '.zoom.us',
  'teams.microsoft.com',
  'teams.live.com',
  'teams.cloud.microsoft',
  'zoomgov.com',
  '.zoomgov.com',
  'gov.teams.microsoft.us',
  'dod.teams.microsoft.us',
] as const;

/**
 * Whether a URL is on one of the call platforms' hosts (https only).
 * @param url absolute URL string; anything unparsable returns false.
 */
export function isCallHostUrl(url: string | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  const host = parsed.hostname;
  return CALL_HOSTNAMES.some((h) => (h.startsWith('.') ? host.endsWith(h) : host === h));
}
