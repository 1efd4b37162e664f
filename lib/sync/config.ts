import { z } from 'zod';

/**
 * Team sync settings, kept in extension storage (`local:syncConfig`). The user name and password stay only
 * while sync is on: turning it off removes them (lib/background/sync-service.ts).
 */
export const SyncConfig = z.object({
  enabled: z.boolean().default(false),
  /** The server's base URL, e.g. `https://couch.example.com` (no database in it). */
  serverUrl: z.string().max(2000).default(''),
  /** The hiring team's database on that server. */
  database: z.string().max(238).default(''),
  username: z.string().max(200).default(''),
  password: z.string().max(1000).default(''),
  /** The name teammates see on this interviewer's scorecards. */
  displayName: z.string().max(200).default(''),
});
export type SyncConfig = z.infer<typeof SyncConfig>;

/** CouchDB's rule for database names (https://docs.couchdb.org/en/stable/api/database/common.html). */
const DATABASE_NAME = /^[a-z][a-z0-9_$()+/-]*$/;

/** What the interviewer enters to turn sync on. */
export const SyncSetup = z.object({
  serverUrl: z.string().trim().min(1).max(2000),
  database: z.string().trim().min(1).max(238).regex(DATABASE_NAME, 'lowercase letters, digits and _$()+-/ only, starting with a letter'),
  username: z.string().trim().min(1).max(200),
  /** Empty keeps the saved password when sync is already on with the same server, database and user name. */
  password: z.string().max(1000),
  displayName: z.string().trim().max(200).default(''),
});
export type SyncSetup = z.infer<typeof SyncSetup>;

/** Why a server address is refused. */
export type ServerUrlProblem = 'invalid' | 'insecure' | 'has-credentials';

/**
 * Checks a server address: HTTPS, or plain HTTP only on `localhost` / `127.0.0.1` (a local server for trials).
 * @returns the normalised origin-and-path (no trailing slash), or the problem.
 */
export function checkServerUrl(text: string): { ok: true; url: string; origin: string } | { ok: false; problem: ServerUrlProblem } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.username || url.password) return { ok: false, problem: 'has-credentials' };
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return { ok: false, problem: url.protocol === 'http:' ? 'insecure' : 'invalid' };
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.origin}${path}`, origin: url.origin };
}

/**
 * The host-permission pattern for one server: its scheme and host (`https://couch.example.com/*`), without the
 * port. Firefox refuses to request a pattern with a port when the manifest's optional permission has none
 * ("Cannot request origin permission for http://127.0.0.1:5984/* since it was not declared in the manifest",
 * seen in the Firefox e2e); a pattern without a port matches every port of that host in Chrome and Firefox
 * (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns).
 */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
