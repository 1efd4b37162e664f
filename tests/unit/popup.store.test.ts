import { describe, expect, it } from 'vitest';
import { dispatch } from '../../lib/background/router';
import { summarizeGuide, type GuideSummary } from '../../lib/guides/schema';
import type { MessageInput, MessageName } from '../../lib/protocol/protocol';
import { defaultGuideChoice } from '../../lib/guides/default-choice';
import { createPopupStore, filterGuides, startPayload, type PopupCaller } from '../../stores/popup';
import { ENV, makeServices, meetContentSender, popupSender, TEST_GUIDE } from './support/services';

const CALL_TAB = 7;

/** A second guide, saved as a custom one, so that search and "stage follows guide" have something to tell apart. */
const DESIGN_GUIDE = {
  ...TEST_GUIDE,
  id: 'product-designer',
  title: 'Product Designer',
  skills: ['Interaction design', 'Prototipazione'],
  stages: [
    { id: 'portfolio', title: 'Portfolio review', durationMinutes: 45, description: '', questions: [], redFlags: [] },
    { id: 'critique', title: 'Design critique', durationMinutes: 60, description: '', questions: [], redFlags: [] },
  ],
  redFlags: [],
};

/** A popup store over the real background handlers (fake-indexeddb), with a recorder of every call. */
async function setup(
  options: {
    last?: { guideId: string | null; stageId: string | null };
    onCall?: boolean;
    failFirstStart?: boolean;
    hydrateGate?: Promise<void>;
    sidePanelMode?: boolean;
    services?: Parameters<typeof makeServices>[0];
  } = {},
) {
  const sidePanelOpens: number[] = [];
  const env = makeServices(options.services);
  const calls: { name: MessageName; input: unknown }[] = [];
  const call = (async (name: MessageName, input: unknown) => {
    calls.push({ name, input });
    const result = await dispatch(name, input, popupSender, env.handlers, ENV);
    // A start that reached the background but whose answer was lost: the retry must not make a second interview.
    if (name === 'interviews.start' && options.failFirstStart && calls.filter((c) => c.name === name).length === 1) {
      throw new Error('The message port closed before a response was received.');
    }
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  }) as PopupCaller;
  const remembered: { guideId: string; stageId: string }[] = [];
  let hydrated = false;
  let ids = 0;
  const store = createPopupStore({
    call,
    hydrateSettings: async () => {
      await options.hydrateGate;
      hydrated = true;
    },
    lastChoice: () => (hydrated ? (options.last ?? { guideId: null, stageId: null }) : { guideId: null, stageId: null }),
    rememberChoice: async (guideId, stageId) => void remembered.push({ guideId, stageId }),
    newId: () => `new-${++ids}`,
    panelMode: () => (options.sidePanelMode ? 'sidepanel' : 'overlay'),
    openSidePanel: async (tabId) => {
      sidePanelOpens.push(tabId);
      return true;
    },
  });
  await call('guides.save', { guide: DESIGN_GUIDE });
  if (options.onCall) {
    await dispatch(
      'calls.report',
      { platform: 'meet', state: 'in-call', meetingId: 'abc-defg-hij', url: 'https://meet.google.com/abc-defg-hij' } satisfies MessageInput<'calls.report'>,
      meetContentSender(CALL_TAB),
      env.handlers,
      ENV,
    );
  }
  calls.length = 0;
  return { env, store, calls, remembered, sidePanelOpens };
}

describe('guide search', () => {
  const guides: GuideSummary[] = [summarizeGuide(TEST_GUIDE, 'bundled'), summarizeGuide({ ...DESIGN_GUIDE }, 'custom')];

  it('finds guides by title and by skill, ignoring case and accents', () => {
    expect(filterGuides(guides, 'designer').map((g) => g.id)).toEqual(['product-designer']);
    expect(filterGuides(guides, 'TESTING').map((g) => g.id)).toEqual(['test-guide']);
    expect(filterGuides(guides, 'prototipazióne').map((g) => g.id)).toEqual(['product-designer']);
  });

  it('needs every word to match, and lists every guide for an empty query', () => {
    expect(filterGuides(guides, 'product interaction').map((g) => g.id)).toEqual(['product-designer']);
    expect(filterGuides(guides, 'product testing')).toEqual([]);
    expect(filterGuides(guides, '   ').map((g) => g.id)).toEqual(['test-guide', 'product-designer']);
  });
});

describe('popup store', () => {
  it('"show panel" opens the side panel in side-panel mode, and the overlay otherwise', async () => {
    const side = await setup({ onCall: true, sidePanelMode: true });
    await side.store.getState().init(CALL_TAB);
    side.calls.length = 0;
    await side.store.getState().panel('expand');
    expect(side.sidePanelOpens).toEqual([CALL_TAB]);
    expect(side.calls.filter((c) => c.name === 'panel.command')).toEqual([]);

    const overlay = await setup({ onCall: true });
    await overlay.store.getState().init(CALL_TAB);
    overlay.calls.length = 0;
    await overlay.store.getState().panel('expand');
    expect(overlay.sidePanelOpens).toEqual([]);
    expect(overlay.calls.filter((c) => c.name === 'panel.command')).toEqual([{ name: 'panel.command', input: { tabId: CALL_TAB, command: 'expand' } }]);
  });

  it('waits for the settings before showing, then applies the remembered guide and stage', async () => {
    let release = () => {};
    const hydrateGate = new Promise<void>((resolve) => (release = resolve));
    const { store } = await setup({ last: { guideId: 'test-guide', stageId: 'onsite' }, hydrateGate });
    const init = store.getState().init(CALL_TAB);
    await expect.poll(() => store.getState().guides.length).toBe(2);
    await new Promise((r) => setTimeout(r, 20));
    // Guides are in, settings are not: nothing may show yet, or the defaults would flash.
    expect(store.getState()).toMatchObject({ ready: false, guideId: null });
    release();
    await init;
    expect(store.getState()).toMatchObject({ ready: true, guideId: 'test-guide', stageId: 'onsite' });
  });

  it('falls back to the first stage when the remembered stage left the guide, and to the first guide when the guide is gone', async () => {
    const staleStage = await setup({ last: { guideId: 'product-designer', stageId: 'removed-stage' } });
    await staleStage.store.getState().init(null);
    expect(staleStage.store.getState()).toMatchObject({ guideId: 'product-designer', stageId: 'portfolio' });

    const goneGuide = await setup({ last: { guideId: 'deleted-guide', stageId: 'x' } });
    await goneGuide.store.getState().init(null);
    expect(goneGuide.store.getState()).toMatchObject({ guideId: 'test-guide', stageId: TEST_GUIDE.stages[0]!.id });
  });

  it('on first use preselects what the panel would: the first guide in the interface language, with its first stage (issue 12, item 6)', async () => {
    const italian = { ...TEST_GUIDE, id: 'test-guide-it', title: 'Guida di prova', locale: 'it' };
    for (const [uiLanguage, expected] of [['it-IT', 'test-guide-it'], ['en-US', 'test-guide']] as const) {
      const { store, remembered } = await setup({ services: { uiLanguage, bundledGuides: [TEST_GUIDE, italian] } });
      await store.getState().init(CALL_TAB);
      const panelWould = defaultGuideChoice(store.getState().guides, { guideId: null, stageId: null });
      expect(panelWould).toEqual({ guideId: expected, stageId: TEST_GUIDE.stages[0]!.id });
      expect(store.getState()).toMatchObject({ ready: true, guideId: expected, stageId: TEST_GUIDE.stages[0]!.id });
      // A default is not a choice: nothing is remembered until the interviewer picks.
      expect(remembered).toEqual([]);
    }
  });

  it('moves the stage to the chosen guide and remembers each choice', async () => {
    const { store, remembered } = await setup({ last: { guideId: 'test-guide', stageId: 'onsite' } });
    await store.getState().init(CALL_TAB);
    store.getState().chooseGuide('product-designer');
    expect(store.getState()).toMatchObject({ guideId: 'product-designer', stageId: 'portfolio' });
    store.getState().chooseStage('critique');
    store.getState().chooseStage('onsite'); // a stage of the other guide: ignored
    expect(store.getState().stageId).toBe('critique');
    expect(remembered).toEqual([
      { guideId: 'product-designer', stageId: 'portfolio' },
      { guideId: 'product-designer', stageId: 'critique' },
    ]);
  });

  it('starts on the call tab: the interview is active on that meeting with the chosen stage', async () => {
    const { store, calls } = await setup({ onCall: true });
    await store.getState().init(CALL_TAB);
    store.getState().chooseGuide('test-guide');
    store.getState().chooseStage('onsite');
    store.getState().setCandidateName('  Alex Rivera ');
    store.getState().setCandidateRef('https://ats.example/c/42');
    expect(await store.getState().start()).toBe(true);
    expect(calls.find((c) => c.name === 'interviews.start')?.input).toEqual({
      id: 'new-1',
      candidateName: 'Alex Rivera',
      candidateRef: 'https://ats.example/c/42',
      guideId: 'test-guide',
      stageId: 'onsite',
      tabId: CALL_TAB,
    });
    const session = store.getState().session;
    expect(session?.interview?.interview).toMatchObject({ id: 'new-1', state: 'active', meetingId: 'abc-defg-hij', currentStageId: 'onsite' });
    expect(store.getState()).toMatchObject({ candidateName: '', candidateRef: '', pendingStartId: null });
    expect(store.getState().recent.map((r) => r.id)).toEqual(['new-1']);
  });

  it('away from a call prepares a planned interview (tabId null), replacing the one before, which the next call picks up', async () => {
    const { env, store, calls } = await setup();
    await store.getState().init(3);
    store.getState().chooseGuide('product-designer');
    store.getState().setCandidateName('Sam Lee');
    expect(await store.getState().start()).toBe(true);
    expect(calls.find((c) => c.name === 'interviews.start')?.input).toMatchObject({ tabId: null, stageId: 'portfolio' });
    expect(store.getState().session?.planned).toMatchObject({ id: 'new-1', state: 'planned', candidateName: 'Sam Lee' });

    store.getState().chooseGuide('test-guide');
    store.getState().setCandidateName('Sam Lee');
    await store.getState().start();
    expect(store.getState().session?.planned).toMatchObject({ id: 'new-2', guideId: 'test-guide' });
    expect(await env.db.interviews.get('new-1')).toBeUndefined();

    await dispatch('calls.report', { platform: 'meet', state: 'lobby', meetingId: 'xyz-abcd-efg', url: 'https://meet.google.com/xyz-abcd-efg' }, meetContentSender(9), env.handlers, ENV);
    await store.getState().init(9);
    expect(store.getState().session?.interview?.interview).toMatchObject({ id: 'new-2', state: 'active', meetingId: 'xyz-abcd-efg' });
  });

  it('builds the call payload only for a tab on a meeting that has not been left', () => {
    const base = { guideId: 'g', stageId: 's', candidateName: 'A', candidateRef: '' };
    const tab = { tabId: 4, platform: 'meet' as const, meetingId: 'abc', url: '', since: 0, callStartedAt: null, collapsed: false };
    const session = (state: 'lobby' | 'left' | 'none') => ({ tab: { ...tab, state }, interview: null, planned: null });
    expect(startPayload({ ...base, tabId: 4, session: session('lobby') }, 'x').tabId).toBe(4);
    expect(startPayload({ ...base, tabId: 4, session: session('left') }, 'x').tabId).toBeNull();
    expect(startPayload({ ...base, tabId: 4, session: { tab: null, interview: null, planned: null } }, 'x').tabId).toBeNull();
  });

  it('refuses to start without a candidate name or a guide, without calling the background', async () => {
    const { store, calls } = await setup();
    await store.getState().init(null);
    // The guide list was empty when the popup opened (e.g. every custom guide deleted): no preselection.
    store.setState({ guideId: null, stageId: null });
    calls.length = 0;
    expect(await store.getState().start()).toBe(false);
    expect(store.getState().fieldErrors).toEqual({ candidateName: 'popup.errors.nameRequired', guide: 'popup.errors.guideRequired' });
    expect(calls).toEqual([]);
  });

  it('retries a failed start with the same id, so a start that did land is not duplicated', async () => {
    const { env, store, calls } = await setup({ onCall: true, failFirstStart: true });
    await store.getState().init(CALL_TAB);
    store.getState().chooseGuide('test-guide');
    store.getState().setCandidateName('Kim');
    expect(await store.getState().start()).toBe(false);
    expect(store.getState().error?.fault.details).toContain('message port closed');
    expect(store.getState().candidateName).toBe('Kim');
    expect(await store.getState().start()).toBe(true);
    const ids = calls.filter((c) => c.name === 'interviews.start').map((c) => (c.input as { id: string }).id);
    expect(ids).toEqual(['new-1', 'new-1']);
    expect(await env.db.interviews.count()).toBe(1);
    expect(store.getState().error).toBeNull();
  });

  it('switches the stage, ends the interview and discards a prepared one', async () => {
    const { store } = await setup({ onCall: true });
    await store.getState().init(CALL_TAB);
    store.getState().chooseGuide('test-guide');
    store.getState().setCandidateName('Alex');
    await store.getState().start();
    await store.getState().switchStage('onsite');
    expect(store.getState().session?.interview?.interview.currentStageId).toBe('onsite');
    await store.getState().end();
    expect(store.getState().session?.interview?.interview.state).toBe('ended');

    await store.getState().init(null);
    store.getState().setCandidateName('Later');
    await store.getState().start();
    expect(store.getState().session?.planned?.candidateName).toBe('Later');
    await store.getState().discardPlanned();
    expect(store.getState().session?.planned).toBeNull();
    expect(store.getState().error).toBeNull();
  });

  it('turns the running interview’s transcript on through the store and shows it, then off again', async () => {
    const { store, calls } = await setup({ onCall: true });
    await store.getState().init(CALL_TAB);
    store.getState().chooseGuide('test-guide');
    store.getState().setCandidateName('Alex');
    await store.getState().start();
    calls.length = 0;
    await store.getState().setTranscript(true);
    expect(calls.map((c) => c.name)).toEqual(['transcript.set', 'session.get']);
    expect(store.getState().session?.interview?.interview.transcript?.on).toBe(true);
    await store.getState().setTranscript(false);
    expect(store.getState().session?.interview?.interview.transcript?.on).toBe(false);
    expect(store.getState().error).toBeNull();
  });
});
