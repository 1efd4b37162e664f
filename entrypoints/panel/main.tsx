import { afterNextPaint } from '../../lib/client/first-paint';

// index.html draws a static shell of the panel (pure HTML and CSS), which the browser paints as soon as this tiny
// module has run; the React app (./boot, most of the panel's script) is fetched and run only after that paint.
// In a hidden call tab no frame is drawn: the app then loads after 100 ms all the same (issue 12, item 5).
void afterNextPaint(window, 100).then(() => import('./boot'));
