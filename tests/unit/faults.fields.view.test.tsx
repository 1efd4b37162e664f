// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptyView } from '../../lib/suggest/live';
import { OFF_STATUS, type SyncStatus } from '../../lib/sync/status';
import { ApiCallError } from '../../lib/protocol/result';
import { TEST_GUIDE } from './support/services';
import { faults, runningBundle, T0 } from './support/views';

/*
 * The last failures still shown raw ("…: <text>"), said once in the interviewer's words (issue 12, item 6): a
 * suggestion draft (the on-device model), the panel's Transcript section and team sync (settings and debrief) each
 * show one translated sentence (what failed, why, what to do) with the technical text behind a closed
 * "Technical details" toggle, as the other actions do (FaultNotice, the `faults` messages).
 */

// Translations render as their keys (and arguments), so assertions do not depend on the wording.
vi.mock('#i18n', () => ({ i18n: { t: (key: string, args?: unknown[]) => (args?.length ? `${key}(${args.join('|')})` : key) } }));
vi.mock('../../components/useLive', () => ({ useLive: () => undefined }));

/** What each message name answers, and the failure each throws (the fake caller). */
let answers: Record<string, unknown> = {};
let failures: Record<string, Error> = {};
vi.mock('../../lib/protocol/client', () => ({
  call: async (name: string) => {
    const failure = failures[name];
    if (failure) throw failure;
    if (name in answers) return answers[name];
    throw new Error(`no fake for ${name}`);
  },
}));

// The browser's on-device model (Chrome's Prompt API): present, and its draft fails as each test says.
const drafting = vi.hoisted(() => ({ failWith: null as Error | null }));
vi.mock('../../lib/suggest/draft', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/suggest/draft')>();
  return {
    ...actual,
    builtInLanguageModel: () => ({}),
    canDraft: async () => true,
    draftFollowUp: async () => {
      if (drafting.failWith) throw drafting.failWith;
      return 'What would you change?';
    },
  };
});

const { DraftError } = await import('../../lib/suggest/draft');
const { DraftFollowUp } = await import('../../components/panel/DraftFollowUp');
const { undoAutoAsked, useSuggestions } = await import('../../stores/suggestions');
const { Problems } = await import('../../components/panel/PanelApp');
const { TranscriptSection } = await import('../../components/panel/Transcript');
const { useTranscript } = await import('../../stores/transcript');
const { ConsentStep } = await import('../../components/panel/TranscriptConsent');
const { TeamSyncView } = await import('../../components/options/TeamSyncView');
const { DebriefView } = await import('../../components/options/DebriefView');
const { syncStore } = await import('../../stores/sync');

const RESTARTING = 'Could not establish connection. Receiving end does not exist.';
const INTERVIEW_ID = runningBundle().interview.id;

/** Lets the fake caller's answers and React's updates run until `done` holds (at most 100 rounds). */
async function until(done: () => boolean) {
  for (let round = 0; round < 100 && !done(); round++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
  expect(done()).toBe(true);
}

const hasFault = () => document.querySelector('[data-testid="fault"]') !== null;


/** The raw text appears once in the page, inside a closed details toggle. */
function rawOnlyInDetails(raw: string) {
  expect(document.body.textContent!.split(raw)).toHaveLength(2);
  const details = [...document.querySelectorAll<HTMLDetailsElement>('[data-testid="fault-details"]')].filter((d) => d.textContent!.includes(raw));
  expect(details).toHaveLength(1);
  expect(details[0]!.open).toBe(false);
}

beforeEach(() => {
  answers = {};
  failures = {};
  drafting.failWith = null;
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('a suggestion draft that fails', () => {
  const question = TEST_GUIDE.stages[0]!.questions[0]!;
  beforeEach(() => {
    useSuggestions.setState({
      interviewId: INTERVIEW_ID,
      view: { ...emptyView(INTERVIEW_ID, 'screen'), followUps: { questionId: question.id, ranking: [] }, lastAnswer: 'I built a queue on Postgres.' },
      error: null,
    });
  });

  async function draft() {
    render(<DraftFollowUp guide={TEST_GUIDE} question={question} />);
    await until(() => screen.queryByRole('button', { name: 'suggest.draft' }) !== null);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'suggest.draft' }));
    });
    await until(hasFault);
  }

  it('says no follow-up was drafted and to try again; the model\'s text stays behind a closed toggle', async () => {
    drafting.failWith = new DraftError('failed', 'NotSupportedError: The model crashed while generating');
    await draft();
    expect(faults()).toEqual([
      { sentence: 'faults.said(faults.actions.draft|faults.unknown|faults.advice.retry)', detailsOpen: false, details: 'NotSupportedError: The model crashed while generating' },
    ]);
    rawOnlyInDetails('NotSupportedError: The model crashed while generating');
    expect(document.body.textContent).not.toContain('suggest.draftFailed');
  });

  it('a model that went away, or answered outside the schema, is said in plain words', async () => {
    drafting.failWith = new DraftError('unavailable', 'No on-device language model in this browser');
    await draft();
    expect(faults()[0]!.sentence).toBe('faults.said(faults.actions.draft|faults.modelUnavailable|faults.advice.retry)');
    cleanup();
    drafting.failWith = new DraftError('invalid-answer', '✖ Invalid input: expected string, received undefined\n  → at question');
    await draft();
    expect(faults()[0]!.sentence).toBe('faults.said(faults.actions.draft|faults.modelAnswer|faults.advice.retry)');
    rawOnlyInDetails('✖ Invalid input: expected string, received undefined');
  });
});

describe('the panel\'s Transcript section, when an action fails', () => {
  beforeEach(() => {
    useTranscript.setState({ interviewId: null, tabId: null, lines: [], loaded: false, captions: null, query: '', error: null, added: {}, busy: false });
    answers = { 'transcript.list': [], 'transcript.tab': { captions: null } };
  });

  it('switching it on while the extension restarts says so and what to do, with Dismiss; the text behind the toggle', async () => {
    failures['transcript.set'] = new ApiCallError({ code: 'unavailable', message: RESTARTING });
    render(<TranscriptSection bundle={runningBundle()} />);
    await until(() => useTranscript.getState().loaded);
    await act(async () => {
      fireEvent.click(screen.getByTestId('transcript-switch'));
    });
    await until(hasFault);
    expect(faults()).toEqual([{ sentence: 'faults.said(faults.actions.transcript|faults.unavailable|faults.advice.wait)', detailsOpen: false, details: RESTARTING }]);
    rawOnlyInDetails(RESTARTING);
    expect(document.body.textContent).not.toContain('transcript.error');
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'transcript.dismiss' }));
    });
    expect(hasFault()).toBe(false);
  });

  it('lines that cannot be read say which action failed and why', async () => {
    failures['transcript.list'] = new ApiCallError({ code: 'storage-failed', message: 'UnknownError: Internal error opening backing store' });
    render(<TranscriptSection bundle={runningBundle()} />);
    await until(hasFault);
    expect(faults()).toEqual([
      {
        sentence: 'faults.said(faults.actions.transcriptLoad|faults.storageFailed|faults.advice.restartBrowser)',
        detailsOpen: false,
        details: 'UnknownError: Internal error opening backing store',
      },
    ]);
    rawOnlyInDetails('UnknownError: Internal error opening backing store');
  });
});

describe('the consent step\'s copy, when the browser refuses it', () => {
  it('says the sentence was not copied and what to do; the browser\'s text stays behind a closed toggle', async () => {
    const refusal = 'NotAllowedError: Clipboard write was blocked due to lack of user activation.';
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: () => Promise.reject(new Error(refusal)) } });
    Object.defineProperty(document, 'execCommand', { configurable: true, value: () => false });
    try {
      render(<ConsentStep interviewId={INTERVIEW_ID} />);
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name: 'transcript.consent.copy' }));
      });
      await until(() => screen.queryByRole('status') !== null);
      expect(screen.getByRole('status').textContent).toBe('transcript.consent.copyFailed');
      rawOnlyInDetails(refusal);
    } finally {
      delete (document as unknown as { execCommand?: unknown }).execCommand;
    }
  });
});

/** Opens Options → Team sync with sync off, fills the form (HTTPS server, database, user, password) and submits it. */
async function submitSyncForm(): Promise<void> {
  render(<TeamSyncView />);
  await until(() => syncStore.getState().status !== null);
  for (const [field, value] of Object.entries({ serverUrl: 'https://couch.example.com', database: 'team', username: 'alice', password: 'pw' })) {
    act(() => syncStore.getState().setField(field as 'serverUrl', value));
  }
  await act(async () => {
    fireEvent.submit(document.querySelector('form')!);
  });
}

describe('team sync, when something fails', () => {
  const ON: SyncStatus = { ...OFF_STATUS, enabled: true, serverUrl: 'https://couch.example.com', database: 'team', username: 'alice', state: 'synced', lastSyncedAt: T0 };
  beforeEach(() => {
    syncStore.setState({ status: null, form: { serverUrl: '', database: '', username: '', password: '', displayName: '' }, busy: false, formProblem: null, error: null, failure: null, groups: null, debrief: null });
  });

  it('the last sync problem is one sentence; the server\'s own text is behind a closed toggle', async () => {
    const detail = 'TypeError: NetworkError when attempting to fetch resource.';
    answers['sync.status'] = { ...ON, state: 'error', problem: 'unreachable', detail };
    render(<TeamSyncView />);
    await until(() => screen.queryByTestId('sync-problem') !== null);
    expect(screen.getByTestId('sync-problem').textContent).toContain('sync.problem.unreachable');
    rawOnlyInDetails(detail);
  });

  it('"Sync now" while the extension restarts says nothing was synced, why and what to do', async () => {
    answers['sync.status'] = ON;
    failures['sync.now'] = new ApiCallError({ code: 'unavailable', message: RESTARTING });
    render(<TeamSyncView />);
    await until(() => screen.queryByRole('button', { name: 'sync.form.syncNow' }) !== null);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'sync.form.syncNow' }));
    });
    await until(hasFault);
    expect(faults()).toEqual([{ sentence: 'faults.said(faults.actions.syncNow|faults.unavailable|faults.advice.wait)', detailsOpen: false, details: RESTARTING }]);
    rawOnlyInDetails(RESTARTING);
  });

  it('turning sync on refused by the background says sync was not turned on, with its text behind the toggle', async () => {
    answers['sync.status'] = OFF_STATUS;
    failures['sync.enable'] = new ApiCallError({ code: 'invalid-input', message: 'Invalid input', issues: ['serverUrl: must be https'] });
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    await submitSyncForm();
    await until(hasFault);
    expect(faults()).toEqual([{ sentence: 'faults.said(faults.actions.syncEnable|faults.invalidInput|faults.advice.check)', detailsOpen: false, details: 'Invalid input' }]);
    expect(screen.getByTestId('fault-issues').textContent).toBe('serverUrl: must be https');
  });

  it('a permission the browser refused keeps its words, behind a closed toggle under the sentence', async () => {
    const words = 'Cannot request origin permission for https://couch.example.com/* since it was not declared in the manifest';
    answers['sync.status'] = OFF_STATUS;
    vi.spyOn(fakeBrowser.permissions, 'request').mockRejectedValue(new Error(words));
    await submitSyncForm();
    await until(() => screen.queryByTestId('sync-form-problem') !== null);
    expect(screen.getByTestId('sync-form-problem').textContent).toContain('sync.form.permissionRefused');
    rawOnlyInDetails(words);
  });

  it('a debrief list that cannot be read says so instead of loading for ever', async () => {
    failures['debrief.list'] = new ApiCallError({ code: 'unavailable', message: RESTARTING });
    render(<DebriefView />);
    await until(hasFault);
    expect(faults()).toEqual([{ sentence: 'faults.said(faults.actions.debrief|faults.unavailable|faults.advice.wait)', detailsOpen: false, details: RESTARTING }]);
    expect(document.body.textContent).not.toContain('common.loading');
  });
});

describe('undoing an automatic "asked" mark, when it fails', () => {
  const questionId = TEST_GUIDE.stages[0]!.questions[0]!.id;
  beforeEach(() => {
    useSuggestions.setState({ interviewId: INTERVIEW_ID, view: emptyView(INTERVIEW_ID, 'screen'), error: null });
  });

  /** Shows the panel's problems and undoes the question's automatic mark while the worker is restarting. */
  async function failedUndo() {
    failures['suggest.undo'] = new ApiCallError({ code: 'unavailable', message: RESTARTING });
    render(<Problems />);
    expect(hasFault()).toBe(false);
    await act(async () => {
      await undoAutoAsked(INTERVIEW_ID, questionId);
    });
    await until(hasFault);
  }

  it('the panel says the mark was not undone, once, with the browser\'s text behind a closed toggle; Dismiss clears it', async () => {
    await failedUndo();
    expect(faults()).toEqual([{ sentence: 'faults.said(faults.actions.undoAuto|faults.unavailable|faults.advice.wait)', detailsOpen: false, details: RESTARTING }]);
    rawOnlyInDetails(RESTARTING);
    fireEvent.click(screen.getByRole('button', { name: 'panel.dismiss' }));
    expect(hasFault()).toBe(false);
  });

  it('a later undo that succeeds clears the problem', async () => {
    await failedUndo();
    delete failures['suggest.undo'];
    answers['suggest.undo'] = { ok: true };
    await act(async () => {
      await undoAutoAsked(INTERVIEW_ID, questionId);
    });
    expect(hasFault()).toBe(false);
  });
});
