import { describe, expect, it } from 'vitest';
import type { QuestionStateRow } from '../../lib/db/records';
import { GuideStage } from '../../lib/guides/schema';
import {
  estimateQuestionMs,
  isTextField,
  keyAction,
  moveIndex,
  nextQuestion,
  pacing,
  redFlagsFor,
  stageClock,
  stampEarlierMs,
  statesById,
  unrated,
} from '../../lib/client/panel-logic';
import { TEST_GUIDE } from './support/services';

const MIN = 60_000;
const T0 = 1_700_000_000_000;

/** A 30-minute stage: two core questions (one with two follow-ups) and two others. Weights 2, 1, 1, 1 of 5. */
const stage = GuideStage.parse({
  id: 'screen',
  title: 'Screen',
  durationMinutes: 30,
  questions: [
    { id: 'a', text: 'A', core: true, followUps: ['a1', 'a2'] },
    { id: 'b', text: 'B', core: false },
    { id: 'c', text: 'C', core: true },
    { id: 'd', text: 'D', core: false },
  ],
});

const asked = (...ids: string[]) =>
  statesById(ids.map((questionId): QuestionStateRow => ({ interviewId: 'i', questionId, stageId: 'screen', asked: true, askedAt: T0, rating: null, note: '', updatedAt: T0 })));

describe('stage timer', () => {
  it('waits for the call, then counts towards the planned length', () => {
    expect(stageClock(T0, null, 30)).toEqual({ elapsedMs: 0, plannedMs: 30 * MIN, remainingMs: 30 * MIN, running: false });
    expect(stageClock(T0 + 4 * MIN, T0, 30)).toEqual({ elapsedMs: 4 * MIN, plannedMs: 30 * MIN, remainingMs: 26 * MIN, running: true });
    expect(stageClock(T0 + 31 * MIN, T0, 30).remainingMs).toBe(-MIN);
    expect(stageClock(T0 + MIN, T0, undefined)).toEqual({ elapsedMs: MIN, plannedMs: null, remainingMs: null, running: true });
  });

  it('never counts backwards when the clock is behind the start', () => {
    expect(stageClock(T0 - 500, T0, 30).elapsedMs).toBe(0);
  });
});

describe('pacing and the next question', () => {
  it('shares the stage time out by weight (follow-ups take longer)', () => {
    expect(estimateQuestionMs(stage, stage.questions[0]!)).toBe(12 * MIN);
    expect(estimateQuestionMs(stage, stage.questions[1]!)).toBe(6 * MIN);
  });

  it('is on track while the unasked core questions fit, short when they do not, over when time is up', () => {
    expect(pacing(stage, asked(), stageClock(T0, null, 30))).toEqual({ kind: 'idle' });
    // 18 min needed (12 + 6), 20 left.
    expect(pacing(stage, asked(), stageClock(T0 + 10 * MIN, T0, 30))).toEqual({ kind: 'on-track' });
    // 18 min needed, 15 left.
    expect(pacing(stage, asked(), stageClock(T0 + 15 * MIN, T0, 30))).toEqual({ kind: 'short', unaskedCore: 2, neededMs: 18 * MIN, remainingMs: 15 * MIN });
    expect(pacing(stage, asked('a'), stageClock(T0 + 15 * MIN, T0, 30))).toEqual({ kind: 'on-track' });
    expect(pacing(stage, asked('a'), stageClock(T0 + 30 * MIN, T0, 30))).toEqual({ kind: 'over', unaskedCore: 1 });
    expect(pacing(stage, asked('a', 'c'), stageClock(T0 + 40 * MIN, T0, 30))).toEqual({ kind: 'on-track' });
  });

  it('suggests the first unasked core question that fits the time left', () => {
    expect(nextQuestion(stage, asked(), stageClock(T0, null, 30))?.id).toBe('a');
    // 10 min left: A (12 min) no longer fits, C (6 min) does.
    expect(nextQuestion(stage, asked(), stageClock(T0 + 20 * MIN, T0, 30))?.id).toBe('c');
    // 5 min left: no core question fits.
    expect(nextQuestion(stage, asked(), stageClock(T0 + 25 * MIN, T0, 30))).toBeNull();
  });

  it('falls back to other questions once every core question is asked', () => {
    expect(nextQuestion(stage, asked('a', 'c'), stageClock(T0 + 5 * MIN, T0, 30))?.id).toBe('b');
    expect(nextQuestion(stage, asked('a', 'b', 'c'), stageClock(T0 + 5 * MIN, T0, 30))?.id).toBe('d');
    expect(nextQuestion(stage, asked('a', 'b', 'c', 'd'), stageClock(T0, T0, 30))).toBeNull();
  });
});

describe('in-panel keys', () => {
  const key = (k: string, extra: Partial<Parameters<typeof keyAction>[0]> = {}) =>
    keyAction({ key: k, altKey: false, ctrlKey: false, metaKey: false, inTextField: false, ...extra });

  it('maps j/k/arrows, a, 1–4, n, ? and Escape', () => {
    expect(key('j')).toEqual({ type: 'next' });
    expect(key('ArrowDown')).toEqual({ type: 'next' });
    expect(key('k')).toEqual({ type: 'previous' });
    expect(key('ArrowUp')).toEqual({ type: 'previous' });
    expect(key('a')).toEqual({ type: 'toggle-asked' });
    expect(['1', '2', '3', '4'].map((k) => key(k))).toEqual([
      { type: 'rate', rating: 'strong-no' },
      { type: 'rate', rating: 'no' },
      { type: 'rate', rating: 'yes' },
      { type: 'rate', rating: 'strong-yes' },
    ]);
    expect(key('5')).toBeNull();
    expect(key('n')).toEqual({ type: 'focus-notes' });
    expect(key('?')).toEqual({ type: 'help' });
    expect(key('Escape')).toEqual({ type: 'escape' });
  });

  it('never takes keys typed in a text field, except Escape', () => {
    for (const k of ['j', 'k', 'a', '1', '4', 'n', '?', 'ArrowDown']) expect(key(k, { inTextField: true })).toBeNull();
    expect(key('Escape', { inTextField: true })).toEqual({ type: 'escape' });
  });

  it('leaves browser and system shortcuts alone', () => {
    expect(key('a', { ctrlKey: true })).toBeNull();
    expect(key('1', { metaKey: true })).toBeNull();
    expect(key('j', { altKey: true })).toBeNull();
  });

  it('tells text fields from other controls', () => {
    const el = (tagName: string, extra: object = {}) => ({ tagName, isContentEditable: false, ...extra }) as unknown as EventTarget;
    expect(isTextField(el('TEXTAREA'))).toBe(true);
    expect(isTextField(el('INPUT', { type: 'text' }))).toBe(true);
    expect(isTextField(el('INPUT', { type: 'search' }))).toBe(true);
    expect(isTextField(el('SELECT'))).toBe(true);
    expect(isTextField(el('DIV', { isContentEditable: true }))).toBe(true);
    expect(isTextField(el('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTextField(el('BUTTON'))).toBe(false);
    expect(isTextField(el('ARTICLE'))).toBe(false);
    expect(isTextField(null)).toBe(false);
  });

  it('moves within the list without wrapping', () => {
    expect(moveIndex(0, 1, 3)).toBe(1);
    expect(moveIndex(2, 1, 3)).toBe(2);
    expect(moveIndex(0, -1, 3)).toBe(0);
    expect(moveIndex(0, 1, 0)).toBe(0);
  });
});

describe('notes and wrap-up', () => {
  it('dates a note from when typing began, optionally some seconds earlier, within the protocol range', () => {
    expect(stampEarlierMs(T0 + 3000, T0, 0)).toBe(3000);
    expect(stampEarlierMs(T0 + 3000, T0, 5)).toBe(8000);
    expect(stampEarlierMs(T0, T0 + 50, 0)).toBe(0);
    expect(stampEarlierMs(T0 + 20 * MIN, T0, 5)).toBe(600_000);
  });

  it('lists global red flags before the stage ones', () => {
    const flags = redFlagsFor(TEST_GUIDE, TEST_GUIDE.stages[0]!);
    expect(flags.map((f) => [f.item.id, f.scope])).toEqual([
      ['rf-late', 'global'],
      ['rf-blame', 'stage'],
    ]);
  });

  it('lists asked-but-unrated questions, unrated criteria and a missing recommendation', () => {
    const row = (questionId: string, rating: QuestionStateRow['rating']): QuestionStateRow => ({
      interviewId: 'i', questionId, stageId: null, asked: true, askedAt: T0, rating, note: '', updatedAt: T0,
    });
    const todo = unrated(TEST_GUIDE, [row('q-intro', null), row('q-code', 'yes')], [{ interviewId: 'i', criterionId: 'clarity', rating: 'no', note: '', updatedAt: T0 }], null);
    expect(todo.questions.map((q) => q.id)).toEqual(['q-intro']);
    expect(todo.criteria.map((c) => c.id)).toEqual(['depth']);
    expect(todo.recommendation).toBe(true);
    expect(unrated(TEST_GUIDE, [], [], 'strong-yes').recommendation).toBe(false);
  });
});
