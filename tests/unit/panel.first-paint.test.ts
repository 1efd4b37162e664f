import { describe, expect, it } from 'vitest';
import { afterNextPaint } from '../../lib/client/first-paint';

/** A window whose animation frames and timers run only when the test says so. */
function fakeWindow() {
  const frames: (() => void)[] = [];
  const timers: { at: number; run: () => void }[] = [];
  let now = 0;
  return {
    win: {
      requestAnimationFrame: (callback: FrameRequestCallback) => frames.push(() => callback(now)),
      setTimeout: (run: () => void, ms = 0) => timers.push({ at: now + ms, run }),
    } as unknown as Pick<Window, 'requestAnimationFrame' | 'setTimeout'>,
    /** Draws a frame: runs the animation-frame callbacks queued so far. */
    frame: () => frames.splice(0).forEach((run) => run()),
    /** Moves the clock and runs the timers due by then, in order. */
    advance(ms: number) {
      now += ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        if (!timers[0] || timers[0].at > now) return;
        timers.shift()!.run();
      }
    },
  };
}

const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
};

describe('afterNextPaint', () => {
  it('resolves in a task after the next frame, not before the frame is drawn', async () => {
    const fake = fakeWindow();
    const painted = afterNextPaint(fake.win, 100);
    fake.advance(10);
    expect(await settled(painted)).toBe(false);
    fake.frame();
    // The frame's callback queued a task: the paint happens before it runs.
    expect(await settled(painted)).toBe(false);
    fake.advance(0);
    expect(await settled(painted)).toBe(true);
  });

  it('still resolves after the fallback when no frame is drawn (a hidden tab)', async () => {
    const fake = fakeWindow();
    const painted = afterNextPaint(fake.win, 100);
    fake.advance(99);
    expect(await settled(painted)).toBe(false);
    fake.advance(1);
    expect(await settled(painted)).toBe(true);
    // A frame drawn later changes nothing.
    fake.frame();
    fake.advance(0);
    await expect(painted).resolves.toBeUndefined();
  });
});
