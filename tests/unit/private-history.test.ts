import { describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { connectionLost, storageError } from '../../lib/db/errors';
import { ApiCallError } from '../../lib/protocol/result';

// Translations render as their keys, so assertions do not depend on the wording.
vi.mock('#i18n', () => ({ i18n: { t: (key: string, args?: string[]) => (args?.length ? `${key}(${args.join('|')})` : key) } }));
const { faultAdvice, faultMessage, faultSentence, failureText, toFault } = await import('../../lib/client/fault-text');

/**
 * Issue 17, item 4: Firefox set to "Never remember history" (permanent private browsing) refuses every IndexedDB
 * write of an extension with an `InvalidStateError` "A mutation operation was attempted on a database that did not
 * allow mutations.". It is told apart from a closed connection (no reopen loop) and said in plain words with what to
 * change, instead of the raw text.
 */
const FIREFOX_TEXT = 'A mutation operation was attempted on a database that did not allow mutations.';

function firefoxPrivateError(): Error {
  const inner = new DOMException(FIREFOX_TEXT, 'InvalidStateError');
  // As Dexie wraps it when a transaction or open fails.
  const wrapped = new Dexie.OpenFailedError(`InvalidStateError ${FIREFOX_TEXT}`, inner);
  return wrapped;
}

describe('Firefox "Never remember history" (issue 17, item 4)', () => {
  it('is classified as storage-private with the browser text kept, raw or wrapped by Dexie', () => {
    expect(storageError(new DOMException(FIREFOX_TEXT, 'InvalidStateError'))).toEqual({ code: 'storage-private', message: `InvalidStateError: ${FIREFOX_TEXT}` });
    expect(storageError(firefoxPrivateError())).toMatchObject({ code: 'storage-private', message: `InvalidStateError: ${FIREFOX_TEXT}` });
    // Another InvalidStateError (a connection closed under us) is still a connection to reopen.
    expect(storageError(new DOMException('The database connection is closing.', 'InvalidStateError')).code).toBe('storage-blocked');
  });

  it('does not send the background into a reopen loop that cannot succeed', () => {
    expect(connectionLost(firefoxPrivateError())).toBe(false);
    expect(connectionLost(new DOMException('The database connection is closing.', 'InvalidStateError'))).toBe(true);
  });

  it('says why and what to change (Remember history), not the raw text, in the panel and the popup', () => {
    expect(faultSentence('storage-private')).toBe('faults.privateHistory');
    expect(faultAdvice('storage-private')).toBe('faults.advice.rememberHistory');
    const error = new ApiCallError({ code: 'storage-private', message: `InvalidStateError: ${FIREFOX_TEXT}` });
    expect(faultMessage('faults.actions.start', toFault(error))).toBe('faults.said(faults.actions.start|faults.privateHistory|faults.advice.rememberHistory)');
    expect(failureText(error)).toBe(`faults.privateHistory. faults.advice.rememberHistory (InvalidStateError: ${FIREFOX_TEXT})`);
  });
});
