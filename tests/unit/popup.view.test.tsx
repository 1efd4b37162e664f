// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { summarizeGuide } from '../../lib/guides/schema';
import { TEST_GUIDE } from './support/services';

// Translations render as their keys (and arguments), so assertions do not depend on the wording.
vi.mock('#i18n', () => ({ i18n: { t: (key: string, args?: string[]) => (args?.length ? `${key}(${args.join('|')})` : key) } }));
// The live port needs a background; the view's reaction to events is covered by the e2e tests.
vi.mock('../../components/useLive', () => ({ useLive: () => undefined }));
// The sync mark asks the background for its status on its own; this view test has no background (sync has its own tests).
vi.mock('../../components/popup/SyncMark', () => ({ SyncMark: () => null }));
// Choosing a guide remembers it in the settings, which the background saves (`settings.save`): here it keeps them as sent.
vi.mock('../../lib/protocol/client', () => ({
  call: async (name: string, input: unknown) => {
    if (name === 'settings.save') return input;
    throw new Error(`no fake for ${name}`);
  },
}));

const { usePopup } = await import('../../stores/popup');
const { PopupApp } = await import('../../components/popup/PopupApp');

const guides = [
  summarizeGuide(TEST_GUIDE, 'bundled'),
  summarizeGuide({ ...TEST_GUIDE, id: 'designer', title: 'Product Designer', skills: ['Figma'], stages: [{ ...TEST_GUIDE.stages[0]!, id: 'portfolio', title: 'Portfolio' }] }, 'custom'),
];
const initial = usePopup.getState();

beforeEach(() => {
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
  // init would reach the background: here the test sets the state the background would have answered.
  usePopup.setState({ ...initial, init: async () => {} }, true);
});
afterEach(cleanup);

describe('popup view', () => {
  it('shows placeholders, not a default guide, until guides, session and settings are read', () => {
    usePopup.setState({ guides, guideId: null });
    render(<PopupApp />);
    expect(screen.getByTestId('popup').dataset.ready).toBe('false');
    expect(document.querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
    act(() => usePopup.setState({ ready: true, guideId: 'designer', stageId: 'portfolio' }));
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /Product Designer/ }).checked).toBe(true);
  });

  it('filters guides as the interviewer types, and the stage list follows the chosen guide', () => {
    usePopup.setState({ ready: true, guides, guideId: 'test-guide', stageId: 'onsite', session: { tab: null, interview: null, planned: null } });
    render(<PopupApp />);
    const stage = screen.getByRole<HTMLSelectElement>('combobox', { name: /popup.stage/ });
    expect(stage.value).toBe('onsite');
    expect([...stage.options].map((o) => o.value)).toEqual(['screen', 'onsite']);

    fireEvent.change(screen.getByTestId('guide-search'), { target: { value: 'figma' } });
    expect(screen.getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['designer']);
    fireEvent.click(screen.getByRole('radio', { name: /Product Designer/ }));
    expect([...stage.options].map((o) => o.value)).toEqual(['portfolio']);
    expect(stage.value).toBe('portfolio');
  });

  it('marks the missing candidate name and moves the focus to it', async () => {
    usePopup.setState({ ready: true, guides, guideId: 'test-guide', stageId: 'screen', session: { tab: null, interview: null, planned: null } });
    render(<PopupApp />);
    await act(async () => {
      fireEvent.submit(screen.getByTestId('new-interview'));
    });
    const name = screen.getByRole('textbox', { name: 'popup.candidateName' });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(name);
    expect(screen.getByText('popup.errors.nameRequired')).toBeTruthy();
  });
});
