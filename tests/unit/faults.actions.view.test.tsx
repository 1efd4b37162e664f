// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { summarizeGuide } from '../../lib/guides/schema';
import type { SessionInfo } from '../../lib/protocol/protocol';
import { ApiCallError } from '../../lib/protocol/result';
import { TEST_GUIDE } from './support/services';
import { meetTab, runningBundle, T0 } from './support/views';

/*
 * Failed actions said once, in the interviewer's words (issue 12, item 6): starting, ending, switching stage, the
 * panel's load and the popup's error box each show one translated sentence (what failed, why, what to do) with the
 * browser's or background's text behind a closed "Technical details" toggle, never "could not …: <raw text>".
 */

// Translations render as their keys (and arguments), so assertions do not depend on the wording.
vi.mock('#i18n', () => ({ i18n: { t: (key: string, args?: string[]) => (args?.length ? `${key}(${args.join('|')})` : key) } }));
// The live port needs a background; these view tests drive everything through the fake caller.
vi.mock('../../components/useLive', () => ({ useLive: () => undefined }));
vi.mock('../../components/popup/SyncMark', () => ({ SyncMark: () => null }));

/** What `session.get` answers, and the failure each message name throws (the fake caller). */
let session: SessionInfo;
let failures: Record<string, Error> = {};
vi.mock('../../lib/protocol/client', () => ({
  call: async (name: string) => {
    const failure = failures[name];
    if (failure) throw failure;
    if (name === 'session.get') return session;
    if (name === 'suggest.get') return { view: null };
    if (name === 'guides.list') return [summarizeGuide(TEST_GUIDE, 'bundled')];
    if (name === 'interviews.recent' || name === 'interviews.pendingWrapUps') return [];
    if (name === 'transcript.list') return [];
    if (name === 'transcript.tab') return { captions: null };
    throw new Error(`no fake for ${name}`);
  },
}));

const { PanelApp } = await import('../../components/panel/PanelApp');
const { usePanel, switchStage } = await import('../../stores/panel');
const { usePopup } = await import('../../stores/popup');
const { PopupApp } = await import('../../components/popup/PopupApp');

const RESTARTING = 'Could not establish connection. Receiving end does not exist.';
const FULL = 'QuotaExceededError: The current transaction exceeded its quota limitations.';

async function showPanel(next: SessionInfo, status: 'ready' | 'error' = 'ready') {
  session = next;
  render(<PanelApp />);
  await act(async () => {
    await vi.waitFor(() => expect(usePanel.getState().status).toBe(status));
  });
}

/** Lets the fake caller's answers and React's updates run until `done` holds (at most 100 rounds). */
async function until(done: () => boolean) {
  for (let round = 0; round < 100 && !done(); round++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
  expect(done()).toBe(true);
}

/** The one sentence, and the technical text behind its closed toggle, of the fault shown. */
function shownFault(within: ParentNode = document) {
  const fault = within.querySelector<HTMLElement>('[data-testid="fault"]');
  expect(fault, 'a fault notice').not.toBeNull();
  const details = fault!.querySelector<HTMLDetailsElement>('[data-testid="fault-details"]');
  return {
    sentence: fault!.querySelector('[data-testid="fault-sentence"]')!.textContent,
    detailsOpen: details?.open ?? null,
    details: details?.querySelector('p')?.textContent ?? null,
  };
}

/** The raw text appears once in the page, inside the details toggle. */
function rawOnlyInDetails(raw: string) {
  expect(document.body.textContent!.split(raw)).toHaveLength(2);
  expect(document.querySelector('[data-testid="fault-details"]')!.textContent).toContain(raw);
}

const initialPopup = usePopup.getState();

beforeEach(() => {
  failures = {};
  usePanel.setState({ status: 'loading', session: null, actionError: null, loadError: null, wrapUpRequested: false });
});
afterEach(() => {
  cleanup();
});

describe('panel actions that fail, said for the interviewer', () => {
  it('the panel\'s load error says what failed and what to do, the browser text behind a closed toggle', async () => {
    failures['session.get'] = new ApiCallError({ code: 'unavailable', message: RESTARTING });
    await showPanel({ tab: meetTab(), interview: null, planned: null }, 'error');
    expect(shownFault()).toEqual({
      sentence: 'faults.said(faults.actions.load|faults.unavailable|faults.advice.wait)',
      detailsOpen: false,
      details: RESTARTING,
    });
    rawOnlyInDetails(RESTARTING);
    expect(screen.getByRole('button', { name: 'panel.retry' })).not.toBeNull();
  });

  it.each([
    {
      what: 'on a full disk says so and what to do; the browser text stays behind the toggle',
      error: new ApiCallError({ code: 'quota-exceeded', message: FULL }),
      sentence: 'faults.said(faults.actions.start|faults.quotaExceeded|)',
      issues: null,
    },
    {
      what: 'with input the background refused lists each path and reason to correct, as well as the sentence',
      error: new ApiCallError({ code: 'invalid-input', message: 'Invalid input', issues: ['candidateName: Too big: expected string to have <=200 characters'] }),
      sentence: 'faults.said(faults.actions.start|faults.invalidInput|faults.advice.check)',
      issues: 'candidateName: Too big: expected string to have <=200 characters',
    },
  ])('starting an interview $what', async ({ error, sentence, issues }) => {
    failures['interviews.start'] = error;
    await showPanel({ tab: meetTab(), interview: null, planned: null });
    await act(async () => {
      await vi.waitFor(() => expect(usePanel.getState().guides).toHaveLength(1));
    });
    fireEvent.change(document.getElementById('start-candidate')!, { target: { value: 'Priya Nair' } });
    await act(async () => {
      fireEvent.submit(document.querySelector('form')!);
    });
    await until(() => document.querySelector('[data-testid="fault"]') !== null);
    expect(shownFault()).toEqual({ sentence, detailsOpen: false, details: error.message });
    rawOnlyInDetails(error.message);
    expect(document.body.textContent).not.toContain('panel.start.failed');
    expect(screen.queryByTestId('fault-issues')?.textContent ?? null).toBe(issues);
  });

  it('ending the interview while the extension restarts says "The interview did not end: the extension is restarting. Try again in a moment."', async () => {
    failures['interviews.end'] = new ApiCallError({ code: 'unavailable', message: RESTARTING });
    await showPanel({ tab: meetTab({ state: 'left', since: T0 + 60_000 }), interview: runningBundle(), planned: null });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'panel.wrapUp.end' }));
    });
    await until(() => document.querySelector('[data-testid="fault"]') !== null);
    expect(shownFault()).toEqual({ sentence: 'faults.said(faults.actions.end|faults.unavailable|faults.advice.wait)', detailsOpen: false, details: RESTARTING });
    rawOnlyInDetails(RESTARTING);
  });

  it('a stage switch that fails is said in the panel\'s problem banner, with Dismiss', async () => {
    failures['interviews.update'] = new ApiCallError({ code: 'storage-failed', message: 'UnknownError: Internal error opening backing store' });
    await showPanel({ tab: meetTab(), interview: runningBundle(), planned: null });
    await act(async () => {
      await switchStage('onsite');
    });
    const banner = screen.getByTestId('fault').closest('[role="alert"]')!;
    expect(banner.className).toContain('bg-red-50');
    expect(shownFault(banner)).toEqual({
      sentence: 'faults.said(faults.actions.stage|faults.storageFailed|faults.advice.restartBrowser)',
      detailsOpen: false,
      details: 'UnknownError: Internal error opening backing store',
    });
    rawOnlyInDetails('UnknownError: Internal error opening backing store');
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'panel.dismiss' }));
    });
    expect(document.querySelector('[data-testid="fault"]')).toBeNull();
  });
});

describe('the popup\'s error box, said for the interviewer', () => {
  beforeEach(() => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
    usePopup.setState({ ...initialPopup, init: async () => {} }, true);
  });

  it('a start that fails says which action failed, why and what to do, the browser text behind a closed toggle', async () => {
    failures['interviews.start'] = new ApiCallError({ code: 'unavailable', message: RESTARTING });
    usePopup.setState({
      tabId: 7,
      ready: true,
      guides: [summarizeGuide(TEST_GUIDE, 'bundled')],
      guideId: TEST_GUIDE.id,
      stageId: 'screen',
      candidateName: 'Priya Nair',
      session: { tab: meetTab(), interview: null, planned: null },
    });
    render(<PopupApp />);
    await act(async () => {
      expect(await usePopup.getState().start()).toBe(false);
    });
    expect(shownFault()).toEqual({ sentence: 'faults.said(faults.actions.start|faults.unavailable|faults.advice.wait)', detailsOpen: false, details: RESTARTING });
    rawOnlyInDetails(RESTARTING);
  });

  it('an error from outside the protocol gets the general sentence, its text kept as details', async () => {
    usePopup.setState({ ready: true, session: { tab: null, interview: null, planned: null }, error: null });
    render(<PopupApp />);
    act(() => usePopup.setState({ error: { what: 'load', fault: { details: 'TypeError: x is undefined', issues: [] } } }));
    expect(shownFault()).toEqual({ sentence: 'faults.said(faults.actions.load|faults.unknown|faults.advice.retry)', detailsOpen: false, details: 'TypeError: x is undefined' });
  });
});
