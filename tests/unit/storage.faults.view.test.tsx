// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fieldId, type FieldRef } from '../../lib/client/writes';
import { ApiCallError } from '../../lib/protocol/result';

// Translations render as their keys (and arguments), so assertions do not depend on the wording.
vi.mock('#i18n', () => ({ i18n: { t: (key: string, args?: string[]) => (args?.length ? `${key}(${args.join('|')})` : key) } }));

const { usePanel } = await import('../../stores/panel');
const { SaveFailureBanner, SaveStatusText } = await import('../../components/panel/ui');
const { faultSentence } = await import('../../lib/client/fault-text');
const { popupFailure } = await import('../../stores/popup');

afterEach(cleanup);

const ref: FieldRef = { kind: 'note', id: 'n1' };
const raw = 'QuotaExceededError: The current transaction exceeded its quota limitations.';

describe('storage failures in the interviewer\'s words (issue 17, item 3)', () => {
  it('a failed save on a full disk says "storage full" and what to do once, for the panel, with the browser text behind a toggle', () => {
    usePanel.setState({ saves: { [fieldId(ref)]: { state: 'error', code: 'quota-exceeded', error: raw } } });
    render(
      <>
        <SaveFailureBanner />
        <SaveStatusText saveKey={ref} />
      </>,
    );
    expect(screen.getByTestId('save-failure').textContent).toContain('faults.notSavedRetrying(faults.quotaExceeded)');
    const details = screen.getByTestId('fault-details');
    expect(details.tagName).toBe('DETAILS');
    expect((details as HTMLDetailsElement).open).toBe(false);
    expect(details.textContent).toContain(raw);
    // The field itself says only that it is not saved yet: the reason is not repeated under it.
    expect(document.querySelector('[data-save-state="error"]')!.textContent).toBe('panel.save.pending');
    expect(document.body.textContent!.split('faults.quotaExceeded')).toHaveLength(2);
  });

  it('a database being reopened is said so; other failures keep their own text as details', () => {
    usePanel.setState({ saves: { [fieldId(ref)]: { state: 'error', code: 'storage-blocked', error: 'DatabaseClosedError: closed' } } });
    render(<SaveFailureBanner />);
    expect(screen.getByTestId('save-failure').textContent).toContain('faults.notSavedRetrying(faults.storageBlocked)');
    cleanup();
    usePanel.setState({ saves: { [fieldId(ref)]: { state: 'error', code: 'storage-failed', error: 'ConstraintError: key exists' } } });
    render(<SaveFailureBanner />);
    expect(screen.getByTestId('save-failure').textContent).toBe('faults.notSavedRetrying(faults.storageFailed)faults.detailsToggleConstraintError: key exists');
  });

  it('"Not saved yet: the extension is restarting, retrying…" when the background cannot be reached (issue 12, item 6); refused input is kept, not retried', () => {
    usePanel.setState({ saves: { [fieldId(ref)]: { state: 'error', code: 'unavailable', error: 'Could not establish connection. Receiving end does not exist.' } } });
    render(<SaveFailureBanner />);
    expect(screen.getByTestId('save-failure').firstElementChild!.textContent).toBe('faults.notSavedRetrying(faults.unavailable)');
    expect(screen.getByTestId('fault-details').textContent).toContain('Receiving end does not exist');
    cleanup();
    usePanel.setState({ saves: { [fieldId(ref)]: { state: 'error', code: 'invalid-input', error: 'Invalid input' } } });
    render(<SaveFailureBanner />);
    expect(screen.getByTestId('save-failure').firstElementChild!.textContent).toBe('faults.notSavedKept(faults.invalidInput)');
  });

  it('every protocol error code has its own translated sentence, in English and Italian', () => {
    const codes = ['quota-exceeded', 'storage-blocked', 'unavailable', 'storage-failed', 'internal', 'not-found', 'conflict', 'invalid-input', 'forbidden'];
    const keys = codes.map((code) => faultSentence(code));
    expect(new Set(keys).size).toBe(codes.length);
    expect(faultSentence(undefined)).toBe('faults.unknown');
    for (const lang of ['en', 'it']) {
      const faults = (parse(readFileSync(path.resolve('locales', `${lang}.yml`), 'utf8')) as { faults: Record<string, string> }).faults;
      for (const key of [...keys, 'faults.unknown']) expect(faults[key.replace('faults.', '')], `${lang} ${key}`).toBeTruthy();
    }
  });

  it('actions (start, end) and the popup keep the code for the sentence and the original text as details', () => {
    const error = new ApiCallError({ code: 'quota-exceeded', message: raw });
    expect(popupFailure('start', error)).toEqual({ what: 'start', fault: { code: 'quota-exceeded', details: raw, issues: [] } });
    expect(popupFailure('end', new ApiCallError({ code: 'invalid-input', message: 'Invalid', issues: ['a: b'] })).fault).toEqual({ code: 'invalid-input', details: 'Invalid', issues: ['a: b'] });
  });
});
