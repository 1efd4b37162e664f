// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fieldId, type FieldRef } from '../../lib/client/writes';
import { ApiCallError } from '../../lib/protocol/result';

// Translations render as their keys (and arguments), so assertions do not depend on the wording.
vi.mock('#i18n', () => ({ i18n: { t: (key: string, args?: string[]) => (args?.length ? `${key}(${args.join('|')})` : key) } }));

const { usePanel } = await import('../../stores/panel');
const { SaveStatusText } = await import('../../components/panel/ui');
const { failureText } = await import('../../lib/client/fault-text');
const { errorText } = await import('../../stores/popup');

afterEach(cleanup);

const ref: FieldRef = { kind: 'note', id: 'n1' };
const raw = 'QuotaExceededError: The current transaction exceeded its quota limitations.';

describe('storage failures in the interviewer\'s words (issue 17, item 3)', () => {
  it('a failed save on a full disk says "storage full" and what to do, with the browser text as details', () => {
    usePanel.setState({ saves: { [fieldId(ref)]: { state: 'error', code: 'quota-exceeded', error: raw } } });
    render(<SaveStatusText saveKey={ref} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('panel.save.error(faults.quotaExceeded)');
    expect(alert.textContent).toContain(`faults.details(${raw})`);
  });

  it('a database being reopened is said so; other failures keep their own text', () => {
    usePanel.setState({ saves: { [fieldId(ref)]: { state: 'error', code: 'storage-blocked', error: 'DatabaseClosedError: closed' } } });
    render(<SaveStatusText saveKey={ref} />);
    expect(screen.getByRole('alert').textContent).toContain('panel.save.error(faults.storageBlocked)');
    cleanup();
    usePanel.setState({ saves: { [fieldId(ref)]: { state: 'error', code: 'storage-failed', error: 'ConstraintError: key exists' } } });
    render(<SaveStatusText saveKey={ref} />);
    expect(screen.getByRole('alert').textContent).toBe('panel.save.error(ConstraintError: key exists)');
  });

  it('actions (start, end) and the popup show the same sentence, then the original text', () => {
    const error = new ApiCallError({ code: 'quota-exceeded', message: raw });
    expect(failureText(error)).toBe(`faults.quotaExceeded (${raw})`);
    expect(errorText(error)).toBe(`faults.quotaExceeded (${raw})`);
    expect(errorText(new ApiCallError({ code: 'invalid-input', message: 'Invalid', issues: ['a: b'] }))).toBe('Invalid\na: b');
  });
});
