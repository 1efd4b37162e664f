/**
 * Resolves after the page's next paint: a `requestAnimationFrame` callback runs just before a frame is drawn, and
 * a task queued from it runs once that frame is out. A frame that draws nothing (hidden tab or frame, where
 * animation frames pause) still resolves after `fallbackMs`.
 *
 * The panel page uses it to paint its static shell (entrypoints/panel/index.html) before it parses and runs the
 * React app, so the drawer shows at once on a call page instead of staying blank for the app's ~100 ms of script
 * work (issue 12, item 5; figures in bench `loads`).
 * @param win the page's window (a fake one in tests).
 * @param fallbackMs the longest wait when no frame comes, in ms.
 */
export function afterNextPaint(win: Pick<Window, 'requestAnimationFrame' | 'setTimeout'>, fallbackMs: number): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve();
    };
    win.requestAnimationFrame(() => win.setTimeout(finish, 0));
    win.setTimeout(finish, fallbackMs);
  });
}
