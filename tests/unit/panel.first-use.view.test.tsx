// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from '../../lib/protocol/protocol';
import { meetTab, runningBundle, T0 } from './support/views';

// Translations render as their keys (and arguments), so assertions do not depend on the wording.
vi.mock('#i18n', () => ({ i18n: { t: (key: string, args?: string[]) => (args?.length ? `${key}(${args.join('|')})` : key) } }));
// The live port needs a background; this view test drives the session through `session.get` alone.
vi.mock('../../components/useLive', () => ({ useLive: () => undefined }));

/** What `session.get` answers; each test sets it before rendering. */
let session: SessionInfo;
vi.mock('../../lib/protocol/client', () => ({
  call: async (name: string) => {
    if (name === 'session.get') return session;
    if (name === 'suggest.get') return { view: null };
    if (name === 'guides.list') return [];
    throw new Error(`no fake for ${name}`);
  },
}));

const { PanelApp } = await import('../../components/panel/PanelApp');
const { usePanel } = await import('../../stores/panel');
const { stageClockTime } = await import('../../lib/client/panel-logic');

const MIN = 60_000;

async function show(next: SessionInfo) {
  session = next;
  render(<PanelApp />);
  await act(async () => {
    await vi.waitFor(() => expect(usePanel.getState().status).toBe('ready'));
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(T0 + 10 * MIN);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  usePanel.setState({ status: 'loading', session: null });
});

describe('first use of the panel (issue 12, item 6)', () => {
  it('the collapsed handle names the candidate as well as the stage and its timer', async () => {
    await show({ tab: meetTab({ collapsed: true }), interview: runningBundle(), planned: null });
    const handle = screen.getByTestId('panel-handle');
    expect(handle.textContent).toContain('Screen');
    expect(handle.textContent).toContain('panel.header.timer(10:00|30:00)');
    expect(screen.getByTestId('handle-candidate').textContent).toContain('Alex Rivera');
  });

  it('while the call goes on the timer runs and "Next" is suggested', async () => {
    await show({ tab: meetTab({}), interview: runningBundle(), planned: null });
    expect(screen.getByTestId('stage-timer').textContent).toBe('panel.header.timer(10:00|30:00)');
    expect(screen.getByTestId('next-question').textContent).toContain('Tell me about yourself');
    await act(async () => {
      vi.advanceTimersByTime(2 * MIN);
    });
    expect(screen.getByTestId('stage-timer').textContent).toBe('panel.header.timer(12:00|30:00)');
  });

  it('after the call ends the stage timer stops where the call ended and "Next" is no longer suggested', async () => {
    // The call was left 12 minutes into the stage; the panel is looked at 3 minutes later, then 5 more.
    vi.setSystemTime(T0 + 15 * MIN);
    await show({ tab: meetTab({ state: 'left', since: T0 + 12 * MIN }), interview: runningBundle(), planned: null });
    expect(screen.getByTestId('stage-timer').textContent).toBe('panel.header.timer(12:00|30:00)');
    await act(async () => {
      vi.advanceTimersByTime(5 * MIN);
    });
    expect(screen.getByTestId('stage-timer').textContent).toBe('panel.header.timer(12:00|30:00)');
    expect(screen.queryByTestId('next-question')).toBeNull();
    expect(screen.queryByText('panel.pacing.nextNone')).toBeNull();
    expect(screen.queryByTestId('pacing-hint')).toBeNull();
    // The wrap-up is what follows.
    expect(screen.getByText('panel.wrapUp.heading')).not.toBeNull();
  });

  it('the clock time is now during the call and the call\'s end once it was left', () => {
    expect(stageClockTime(T0 + 5 * MIN, { state: 'in-call', since: T0 })).toBe(T0 + 5 * MIN);
    expect(stageClockTime(T0 + 5 * MIN, { state: 'left', since: T0 + 2 * MIN })).toBe(T0 + 2 * MIN);
    expect(stageClockTime(T0 + 5 * MIN, null)).toBe(T0 + 5 * MIN);
  });
});
