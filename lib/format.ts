import type { Platform } from './db/records';
import { labelMap } from './labels';
import { ApiCallError } from './protocol/result';

/**
 * Text formatting shared by the views, the exports and the background: call offsets, paths into validated data,
 * Zod issues, error text and platform names. Only `platformName` reads translations (in an extension page).
 */

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Formats a call offset (milliseconds since the call started) as `mm:ss`, or `h:mm:ss` from one hour on.
 * Negative offsets (a note stamped before the call started) get a leading `-`. Seconds are truncated, so a note
 * typed at 59.9 s reads `00:59`, as the panel's timer showed it.
 */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '';
  const total = Math.floor(Math.abs(offsetMs) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${sign}${h}:${pad2(m)}:${pad2(s)}` : `${sign}${pad2(m)}:${pad2(s)}`;
}

/** A note's call offset as {@link formatOffset} writes it, or `--:--` for a note taken with no call running. */
export function formatNoteOffset(offsetMs: number | null): string {
  return offsetMs === null ? '--:--' : formatOffset(offsetMs);
}

/**
 * Formats a path into validated data (a Zod issue's `path`, or one built by an integrity check) as
 * `stages[0].questions[2].text`: numbers as indexes, other keys dotted.
 * @param empty what the empty path is called (`file` for a backup, `guide` for a role guide).
 */
export function formatPath(path: readonly PropertyKey[], empty = '(root)'): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || empty;
}

/** Formats Zod issues (a `ZodError`'s `issues`) as `path: reason` lines, e.g. `stages[0].title: Required`. */
export function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

/** The text of anything thrown: an `Error`'s message, else the value as a string. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The text of a failed call for the interviewer: the message, then each `path: reason` the background listed
 * (an `ApiCallError`'s issues), joined by `separator`.
 */
export function errorText(error: unknown, separator = ' — '): string {
  if (error instanceof ApiCallError) return [error.message, ...error.issues].join(separator);
  return errorMessage(error);
}

/** The call platform's product name in the interface language (`popup.platform.*`). */
export const platformName = labelMap<Platform>({
  meet: 'popup.platform.meet',
  zoom: 'popup.platform.zoom',
  teams: 'popup.platform.teams',
});
