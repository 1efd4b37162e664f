import { describe, expect, it } from 'vitest';
import { CallTracker } from '../../lib/platforms/call-state';
import type { SignalState, UrlVerdict } from '../../lib/platforms/types';

const MEETING: UrlVerdict = { kind: 'meeting', meetingId: 'abc-defg-hij' };
const OTHER: UrlVerdict = { kind: 'meeting', meetingId: 'xyz-wxyz-xyz' };
const NONE: UrlVerdict = { kind: 'none' };
const APP: UrlVerdict = { kind: 'app' };

/** Drives a tracker through (verdict, signal) looks one second apart, returning the states seen. */
function run(steps: [UrlVerdict, SignalState | null][], tracker = new CallTracker('meet')) {
  let now = 1_000_000;
  return steps.map(([verdict, signal]) => {
    now += 1000;
    const url = verdict.kind === 'meeting' ? `https://meet.google.com/${verdict.meetingId ?? ''}` : 'https://meet.google.com/';
    return tracker.observe({ url, verdict, signal, now });
  });
}

describe('CallTracker', () => {
  it('walks none → lobby → in-call → left → (rejoin) lobby → in-call', () => {
    const states = run([
      [NONE, null],
      [MEETING, 'lobby'],
      [MEETING, 'in-call'],
      [MEETING, null],
      [MEETING, null],
      [MEETING, null],
      [MEETING, 'lobby'],
      [MEETING, 'in-call'],
    ]).map((s) => s.state);
    // 1 s looks with the default 2 s grace: `left` on the third look without signals.
    expect(states).toEqual(['none', 'lobby', 'in-call', 'in-call', 'in-call', 'left', 'lobby', 'in-call']);
  });

  it('ignores a signal gap shorter than leftAfterMs (a redraw)', () => {
    const states = run([
      [MEETING, 'in-call'],
      [MEETING, null],
      [MEETING, 'in-call'],
    ]).map((s) => s.state);
    expect(states).toEqual(['in-call', 'in-call', 'in-call']);
  });

  it('mounts on meeting URLs only, and unmounts on leaving them (SPA navigation)', () => {
    const snaps = run([
      [NONE, null],
      [MEETING, null],
      [MEETING, 'lobby'],
      [NONE, null],
    ]);
    expect(snaps.map((s) => s.mount)).toEqual([false, true, true, false]);
    expect(snaps.map((s) => s.state)).toEqual(['none', 'none', 'lobby', 'none']);
    expect(snaps.map((s) => s.meetingId)).toEqual([null, 'abc-defg-hij', 'abc-defg-hij', null]);
  });

  it('says unknown when a meeting page shows no signal, then reports a problem', () => {
    const tracker = new CallTracker('zoom', { unknownAfterMs: 2000, problemAfterMs: 5000 });
    const snaps = run(Array.from({ length: 7 }, () => [MEETING, null] as [UrlVerdict, null]), tracker);
    expect(snaps.map((s) => s.state)).toEqual(['none', 'none', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(snaps.map((s) => s.mount)).toEqual([true, true, true, true, true, true, true]);
    expect(snaps[4]!.problem).toBeNull();
    expect(snaps[5]!.problem).toBe('zoom: no lobby or in-call signal matched for 5 s');
    // The wording stays the same while the problem lasts, so it is reported once.
    expect(snaps[6]!.problem).toBe(snaps[5]!.problem);
  });

  it('clears the problem once a signal matches', () => {
    const tracker = new CallTracker('meet', { problemAfterMs: 1000 });
    const snaps = run(
      [
        [MEETING, null],
        [MEETING, null],
        [MEETING, 'lobby'],
      ],
      tracker,
    );
    expect(snaps[1]!.problem).not.toBeNull();
    expect(snaps[2]).toMatchObject({ state: 'lobby', problem: null });
  });

  it('does not treat the expected quiet of the left screen as a problem', () => {
    const tracker = new CallTracker('meet', { problemAfterMs: 3000 });
    const snaps = run([[MEETING, 'in-call'], ...Array.from({ length: 8 }, () => [MEETING, null] as [UrlVerdict, null])], tracker);
    expect(snaps.at(-1)).toMatchObject({ state: 'left', problem: null });
  });

  it('starts over for another meeting', () => {
    const snaps = run([
      [MEETING, 'in-call'],
      [OTHER, null],
    ]);
    expect(snaps[1]).toMatchObject({ state: 'none', meetingId: 'xyz-wxyz-xyz', mount: true });
  });

  it('in the Teams app, mounts only while signals show a call; left there is no call page any more', () => {
    const tracker = new CallTracker('teams');
    let now = 0;
    const look = (url: string, signal: SignalState | null) => tracker.observe({ url, verdict: APP, signal, now: (now += 1000) });
    const app = 'https://teams.microsoft.com/v2/';
    expect(look(app, null)).toMatchObject({ state: 'none', mount: false });
    expect(look(app, null)).toMatchObject({ state: 'none', mount: false });
    expect(look(app, 'in-call')).toMatchObject({ state: 'in-call', mount: true });
    look(app, null);
    look(app, null);
    expect(look(app, null)).toMatchObject({ state: 'left', mount: false });
    expect(look(`${app}#/calendarv2`, null)).toMatchObject({ state: 'none', mount: false });
  });

  it('records when the state changed', () => {
    const snaps = run([
      [MEETING, 'lobby'],
      [MEETING, 'lobby'],
      [MEETING, 'in-call'],
    ]);
    expect(snaps[1]!.since).toBe(snaps[0]!.since);
    expect(snaps[2]!.since).toBeGreaterThan(snaps[1]!.since);
  });
});
