// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ApiCallError } from '../../lib/protocol/result';
import { faults } from './support/views';

/*
 * The options page's failed actions said once, in the interviewer's words (issue 12, item 6): the list's load, delete
 * everything, the storage figures, the detection log and reaching the extension each show one translated sentence
 * (what failed, why, what to do) with the background's text behind a closed "Technical details" toggle.
 */

// Translations render as their keys (and arguments), so assertions do not depend on the wording.
vi.mock('#i18n', () => ({ i18n: { t: (key: string, args?: unknown[]) => (args?.length ? `${key}(${args.join('|')})` : key) } }));
vi.mock('../../components/useLive', () => ({ useLive: () => undefined }));

/** The failure each message name throws (the fake caller); other names answer empty. */
let failures: Record<string, Error> = {};
vi.mock('../../lib/protocol/client', () => ({
  call: async (name: string) => {
    const failure = failures[name];
    if (failure) throw failure;
    if (name === 'interviews.list') return { total: 0, items: [] };
    if (name === 'diagnostics.get') return [];
    if (name === 'data.storage') return { usageBytes: 1000, quotaBytes: 10_000, persisted: true };
    throw new Error(`no fake for ${name}`);
  },
}));

const { InterviewList } = await import('../../components/options/InterviewList');
const { DataView } = await import('../../components/options/DataView');
const { BackgroundStatus } = await import('../../components/BackgroundStatus');

/** Lets the fake caller's answers and React's updates run until `done` holds (at most 100 rounds). */
async function until(done: () => boolean) {
  for (let round = 0; round < 100 && !done(); round++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
  expect(done()).toBe(true);
}


beforeEach(() => {
  failures = {};
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
});
afterEach(cleanup);

describe('options page failures, said for the interviewer', () => {
  it('the interview list that cannot load says so and what to do, the background text behind the toggle', async () => {
    failures['interviews.list'] = new ApiCallError({ code: 'storage-blocked', message: 'DatabaseClosedError: Database has been closed' });
    render(<InterviewList />);
    await until(() => faults().length > 0);
    expect(faults()).toEqual([
      { sentence: 'faults.said(faults.actions.listLoad|faults.storageBlocked|faults.advice.wait)', detailsOpen: false, details: 'DatabaseClosedError: Database has been closed' },
    ]);
    expect(document.body.textContent).not.toContain('options.list.loadFailed');
  });

  it('the Data page: storage figures, delete everything and the detection log each say what failed', async () => {
    failures['data.storage'] = new ApiCallError({ code: 'unavailable', message: 'Could not establish connection. Receiving end does not exist.' });
    failures['diagnostics.get'] = new ApiCallError({ code: 'internal', message: 'TypeError: events is not iterable' });
    failures['data.wipe'] = new ApiCallError({ code: 'quota-exceeded', message: 'QuotaExceededError: quota' });
    render(<DataView />);
    await until(() => faults().length === 2);
    expect(faults()).toEqual([
      { sentence: 'faults.said(faults.actions.storageInfo|faults.unavailable|faults.advice.wait)', detailsOpen: false, details: 'Could not establish connection. Receiving end does not exist.' },
      { sentence: 'faults.said(faults.actions.diagnostics|faults.internal|faults.advice.reload)', detailsOpen: false, details: 'TypeError: events is not iterable' },
    ]);
    fireEvent.change(document.getElementById('wipe-confirm')!, { target: { value: 'options.data.wipeWord' } });
    await act(async () => {
      fireEvent.submit(document.getElementById('wipe-confirm')!.closest('form')!);
    });
    await until(() => faults().length === 3);
    expect(faults()[1]).toEqual({ sentence: 'faults.said(faults.actions.wipe|faults.quotaExceeded|)', detailsOpen: false, details: 'QuotaExceededError: quota' });
    // Each raw text is said once, inside its toggle.
    expect(document.body.textContent!.split('QuotaExceededError: quota')).toHaveLength(2);
  });

  it('an extension that cannot be reached is said in words, the browser text behind the toggle', async () => {
    render(<BackgroundStatus ping={() => Promise.reject(new ApiCallError({ code: 'unavailable', message: 'Extension context invalidated.' }))} />);
    await until(() => faults().length === 1);
    expect(faults()).toEqual([
      { sentence: 'faults.said(faults.actions.reach|faults.unavailable|faults.advice.wait)', detailsOpen: false, details: 'Extension context invalidated.' },
    ]);
    expect(screen.getByTestId('background-status').dataset.ok).toBe('false');
    expect(screen.getByRole('alert').textContent).not.toContain('common.backgroundError');
  });
});
