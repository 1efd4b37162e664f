import { i18n } from '#i18n';
import { ApiCallError } from '../protocol/result';

/**
 * A storage failure in the interviewer's words (issue 17, item 3): a full disk or quota and a database being
 * reopened get a translated sentence saying what to do; any other failure keeps the browser's own text.
 * @param code the protocol error code (`quota-exceeded`, `storage-blocked`, …), if any.
 * @param message the failure's original text.
 * @returns the sentence (lower-case start: it follows "Not saved: " and similar).
 */
export function faultText(code: string | undefined, message: string): string {
  if (code === 'quota-exceeded') return i18n.t('faults.quotaExceeded');
  if (code === 'storage-blocked') return i18n.t('faults.storageBlocked');
  return message;
}

/** Whether {@link faultText} replaced the original text (which then belongs in a details line). */
export function hasFaultText(code: string | undefined): boolean {
  return code === 'quota-exceeded' || code === 'storage-blocked';
}

/**
 * The text shown for a failed call: a storage failure's translated sentence followed by the original text, or the
 * message and each `path: reason` the background listed.
 */
export function failureText(error: unknown): string {
  if (error instanceof ApiCallError) {
    if (hasFaultText(error.code)) return `${faultText(error.code, error.message)} (${error.message})`;
    return [error.message, ...error.issues].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}

/** Translation keys of the interviewer's sentence for each protocol error code (`faultSentence`). */
const SENTENCES: Record<string, string> = {
  'quota-exceeded': 'faults.quotaExceeded',
  'storage-blocked': 'faults.storageBlocked',
  unavailable: 'faults.unavailable',
  'storage-failed': 'faults.storageFailed',
  internal: 'faults.internal',
  'not-found': 'faults.notFound',
  conflict: 'faults.conflict',
  'invalid-input': 'faults.invalidInput',
  forbidden: 'faults.forbidden',
};

/**
 * Any failure in the interviewer's words, translated (issue 12, item 6): one sentence per protocol error code
 * (`unavailable`: the extension is restarting; `storage-failed`: the browser could not write; …), and a general
 * one for anything else. The original text is not in it: show it behind a details toggle.
 * @param code the protocol error code, if any.
 * @returns the sentence, lower-case start (it follows "Not saved yet: " and similar).
 */
export function faultSentence(code: string | undefined): string {
  const key = code ? SENTENCES[code] : undefined;
  return i18n.t((key ?? 'faults.unknown') as 'faults.unknown');
}
