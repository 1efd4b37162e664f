/**
 * Where a team's sync server may be: any HTTPS origin, or plain HTTP on this computer only (a local CouchDB for
 * trials and tests). The manifest lists these as optional host permissions; one origin is requested at a time.
 */
export const SYNC_ORIGIN_MATCHES = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'] as const;
