import { describe, expect, it } from 'vitest';
import { resolveTargetTab, type TabsQuery } from '../../components/popup/target-tab';

const tabs = (answer: { id?: number }[] | Error): TabsQuery => ({
  query: async () => {
    if (answer instanceof Error) throw answer;
    return answer;
  },
});

describe('the popup target tab', () => {
  it('is the active tab of the window', async () => {
    expect(await resolveTargetTab('', tabs([{ id: 12 }]))).toBe(12);
  });

  it('is the ?tabId= parameter when given (tests open the popup as a tab)', async () => {
    expect(await resolveTargetTab('?tabId=34', tabs([{ id: 12 }]))).toBe(34);
  });

  it('ignores a malformed parameter, and has no tab for TAB_ID_NONE or a failed query', async () => {
    expect(await resolveTargetTab('?tabId=-3', tabs([{ id: 5 }]))).toBe(5);
    expect(await resolveTargetTab('?tabId=abc', tabs([{ id: -1 }]))).toBeNull();
    expect(await resolveTargetTab('', tabs([]))).toBeNull();
    expect(await resolveTargetTab('', tabs(new Error('no window')))).toBeNull();
  });
});
