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
  if (code === 'storage-private') return `${i18n.t('faults.privateHistory')}. ${i18n.t('faults.advice.rememberHistory')}`;
  return message;
}

/** Whether {@link faultText} replaced the original text (which then belongs in a details line). */
export function hasFaultText(code: string | undefined): boolean {
  return code === 'quota-exceeded' || code === 'storage-blocked' || code === 'storage-private';
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
  'storage-private': 'faults.privateHistory',
  unavailable: 'faults.unavailable',
  'storage-failed': 'faults.storageFailed',
  internal: 'faults.internal',
  'not-found': 'faults.notFound',
  conflict: 'faults.conflict',
  'invalid-input': 'faults.invalidInput',
  forbidden: 'faults.forbidden',
  // The browser's on-device model (the suggestion drafts), not the protocol: see `draftFault`.
  'model-unavailable': 'faults.modelUnavailable',
  'model-answer': 'faults.modelAnswer',
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

/**
 * A failed action as the interviewer is shown it (issue 12, item 6): the protocol error code picks the translated
 * sentence and advice; `details` is the technical text (the error's own message), shown behind a toggle; `issues`
 * are the `path: reason` problems of refused input, shown as a list since they say what to correct.
 */
export interface Fault {
  /** The protocol error code (`unavailable`, `quota-exceeded`, …); absent for errors from outside the protocol. */
  code?: string;
  /** The error's original text (browser or background), for support; may be empty. */
  details: string;
  /** Each `path: reason` the background listed for refused input; empty otherwise. */
  issues: string[];
}

/**
 * The {@link Fault} of anything thrown: an `ApiCallError` keeps its code and issues; any other error keeps its
 * message as details (no code: the general sentence).
 */
export function toFault(error: unknown): Fault {
  if (error instanceof ApiCallError) return { code: error.code, details: error.message, issues: error.issues };
  return { details: error instanceof Error ? error.message : String(error), issues: [] };
}

/** Translation keys of what to do after a failure, per protocol error code (`faultAdvice`). */
const ADVICE: Record<string, string> = {
  'storage-blocked': 'faults.advice.wait',
  'storage-private': 'faults.advice.rememberHistory',
  unavailable: 'faults.advice.wait',
  'storage-failed': 'faults.advice.restartBrowser',
  internal: 'faults.advice.reload',
  'not-found': 'faults.advice.reload',
  conflict: 'faults.advice.reloadRetry',
  'invalid-input': 'faults.advice.check',
  forbidden: 'faults.advice.elsewhere',
};

/**
 * What the interviewer can do after a failure with this code, one translated sentence ("Try again in a moment."),
 * or '' when the cause's sentence already says it (a full disk: free space, export and delete).
 */
export function faultAdvice(code: string | undefined): string {
  if (code === 'quota-exceeded') return '';
  const key = code ? ADVICE[code] : undefined;
  return i18n.t((key ?? 'faults.advice.retry') as 'faults.advice.retry');
}

/**
 * The one sentence shown for a failed action: what failed, why in the interviewer's words, and what to do
 * ("The interview did not start: the extension is restarting. Try again in a moment.").
 * @param what what failed, translated, without final punctuation (a `faults.actions.*` text).
 * @param fault the failure (see {@link toFault}); its technical text is not part of the sentence.
 */
export function faultMessage(what: string, fault: Pick<Fault, 'code'>): string {
  return i18n.t('faults.said', [what, faultSentence(fault.code), faultAdvice(fault.code)]).trim();
}
