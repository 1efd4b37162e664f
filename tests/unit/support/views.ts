import type { InterviewBundle } from '../../../lib/db/records';
import type { TabCallInfo } from '../../../lib/protocol/protocol';
import { TEST_GUIDE } from './services';

/** When the view tests' call and interview started: 1 December 2026, 09:00 UTC. */
export const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);

/**
 * A running interview of {@link TEST_GUIDE} on a Meet call, as `session.get` returns it to a view: started with
 * the call at {@link T0}, on the first stage, nothing rated or noted yet.
 */
export function runningBundle(): InterviewBundle {
  return {
    interview: {
      id: '00000000-0000-4000-8000-000000000001',
      candidateName: 'Alex Rivera',
      candidateRef: '',
      guideId: TEST_GUIDE.id,
      guideTitle: TEST_GUIDE.title,
      guideSnapshotKey: 'test-guide@1',
      currentStageId: 'screen',
      stageStartedAt: T0,
      platform: 'meet',
      meetingId: 'abc-defg-hij',
      meetingUrl: 'https://meet.google.com/abc-defg-hij',
      state: 'active',
      scheduledAt: null,
      startedAt: T0,
      callStartedAt: T0,
      endedAt: null,
      recommendation: null,
      summary: '',
      noteCount: 0,
      createdAt: T0,
      updatedAt: T0,
    } as InterviewBundle['interview'],
    guide: TEST_GUIDE,
    notes: [],
    questionStates: [],
    redFlagChecks: [],
    criterionRatings: [],
  };
}

/** The Meet call tab (id 7) of {@link runningBundle}, in the call since {@link T0}, with `patch` applied. */
export function meetTab(patch: Partial<TabCallInfo> = {}): TabCallInfo {
  return { tabId: 7, platform: 'meet', state: 'in-call', meetingId: 'abc-defg-hij', url: 'https://meet.google.com/abc-defg-hij', since: T0, callStartedAt: T0, collapsed: false, ...patch };
}

/** Every fault notice shown (FaultNotice): its one sentence, whether its details are closed, and their text. */
export function faults(): { sentence: string | null; detailsOpen: boolean | null; details: string | null }[] {
  return [...document.querySelectorAll<HTMLElement>('[data-testid="fault"]')].map((fault) => {
    const details = fault.querySelector<HTMLDetailsElement>('[data-testid="fault-details"]');
    return {
      sentence: fault.querySelector('[data-testid="fault-sentence"]')!.textContent,
      detailsOpen: details?.open ?? null,
      details: details?.querySelector('p')?.textContent ?? null,
    };
  });
}
