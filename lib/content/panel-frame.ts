import type { CallPageLabels } from '../protocol/content-protocol';
import { FRAME_SIZE, clampTop, frameBox, type Dock, type PanelLayout } from './layout';

/** Attribute marking the panel's host element, so that a second script instance finds an orphan. */
export const PANEL_HOST_ATTR = 'data-interview-copilot';

/** Elements that cannot hold the panel when they are the fullscreen element. */
const NO_CHILDREN = new Set(['VIDEO', 'IFRAME', 'CANVAS', 'IMG', 'EMBED', 'OBJECT', 'AUDIO']);

/** Keyboard step of the grip, in CSS px. */
const GRIP_STEP = 24;

export interface PanelFrameOptions {
  /** The panel page URL, e.g. `browser.runtime.getURL('/panel.html') + '?platform=meet'`; never note text. */
  src: string;
  /** The iframe's and the drag grip's accessible names, when already known (else set later with `setLabels`). */
  labels?: CallPageLabels | null;
  layout: PanelLayout;
  /** Called after the user moved or re-docked the panel (end of a drag, or a grip key). */
  onLayoutChange?: (layout: PanelLayout) => void;
}

export interface PanelFrame {
  host: HTMLElement;
  iframe: HTMLIFrameElement;
  readonly layout: PanelLayout;
  /** Applies a new layout (collapsed, dock, top) without reloading the panel. */
  setLayout(patch: Partial<PanelLayout>): PanelLayout;
  /** Sets the iframe's and the grip's accessible names (title, `aria-label` and tooltip). */
  setLabels(labels: CallPageLabels): void;
  /** Moves focus into the panel (after a shortcut expanded it). */
  focus(): void;
  /** Keeps the panel visible in fullscreen: moves the host into `element` when it can hold children. */
  followFullscreen(element: Element | null): void;
  /** Re-applies the geometry (after a viewport resize). */
  relayout(): void;
  remove(): void;
}

function setStyles(el: HTMLElement, styles: Record<string, string>): void {
  // `important` so that the call page's own rules (`div { … }`) cannot move or hide the host.
  for (const [name, value] of Object.entries(styles)) el.style.setProperty(name, value, 'important');
}

/**
 * Mounts the panel (an extension page) in an iframe inside a closed shadow root, with a small drag grip.
 * The call page sees only an opaque host element: it cannot read the frame's DOM, and keys typed in the
 * frame never reach its listeners (shared/docs/architecture.md, facts 4 and 5). Styles are set through the
 * CSSOM only, which a strict page CSP does not block. Orphan hosts left by an earlier script instance
 * (extension reload, re-injection) are removed first.
 */
export function mountPanelFrame(doc: Document, options: PanelFrameOptions): PanelFrame {
  for (const stale of doc.querySelectorAll(`[${PANEL_HOST_ATTR}]`)) stale.remove();
  const view = doc.defaultView ?? window;
  let layout: PanelLayout = { ...options.layout };

  const host = doc.createElement('div');
  host.setAttribute(PANEL_HOST_ATTR, '');
  const shadow = host.attachShadow({ mode: 'closed' });

  const grip = doc.createElement('div');
  grip.setAttribute('role', 'button');
  grip.setAttribute('tabindex', '0');
  setStyles(grip, {
    width: `${FRAME_SIZE.gripWidth}px`,
    height: `${FRAME_SIZE.handleHeight}px`,
    'flex-shrink': '0',
    'align-self': 'flex-start',
    cursor: 'grab',
    'touch-action': 'none',
    'background-color': 'rgba(32,33,36,.85)',
    'background-image': 'radial-gradient(circle, #e8eaed 1px, transparent 1.6px)',
    'background-size': '5px 6px',
    'background-position': 'center',
    'box-sizing': 'border-box',
    outline: 'none',
  });

  const iframe = doc.createElement('iframe');
  iframe.src = options.src;
  iframe.setAttribute('allow', 'clipboard-write');
  setStyles(iframe, {
    border: '0',
    margin: '0',
    padding: '0',
    display: 'block',
    'flex-shrink': '0',
    'color-scheme': 'normal',
    'border-radius': '12px',
    'box-shadow': '0 8px 32px rgba(0,0,0,.35)',
    background: 'transparent',
  });
  shadow.append(grip, iframe);

  function apply(): void {
    const box = frameBox(layout, { width: view.innerWidth, height: view.innerHeight });
    // The page's CSS `zoom` on our ancestors (e.g. `html { zoom: 1.5 }`) is undone, so the panel keeps its size;
    // browser zoom is the user's and still applies. `currentCSSZoom`: Chromium 128+, Firefox 126+.
    const pageZoom = (host.parentElement as { currentCSSZoom?: number } | null)?.currentCSSZoom || 1;
    layout.top = box.top;
    const left = layout.dock === 'left';
    setStyles(host, {
      position: 'fixed',
      margin: '0',
      padding: '0',
      border: '0',
      'box-sizing': 'content-box',
      'min-width': '0',
      'max-width': 'none',
      'min-height': '0',
      'max-height': 'none',
      background: 'transparent',
      filter: 'none',
      'clip-path': 'none',
      top: `${box.top}px`,
      [left ? 'left' : 'right']: `${box.side}px`,
      [left ? 'right' : 'left']: 'auto',
      bottom: 'auto',
      width: `${box.width}px`,
      height: `${box.height}px`,
      display: 'flex',
      'flex-direction': left ? 'row-reverse' : 'row',
      'z-index': '2147483646',
      'pointer-events': 'auto',
      visibility: 'visible',
      opacity: '1',
      transform: 'none',
      zoom: String(1 / pageZoom),
    });
    setStyles(iframe, { width: `${box.frameWidth}px`, height: `${box.frameHeight}px` });
    setStyles(grip, { 'border-radius': left ? '0 8px 8px 0' : '8px 0 0 8px' });
    host.dataset.collapsed = String(layout.collapsed);
  }

  function commit(patch: Partial<PanelLayout>): void {
    frame.setLayout(patch);
    options.onLayoutChange?.({ ...layout });
  }

  // Vertical drag (and docking by dropping on the other half of the screen). The iframe ignores the pointer
  // while dragging: a cross-origin frame under the pointer would otherwise swallow the release.
  let drag: { startY: number; startTop: number; pointerId: number } | null = null;
  grip.addEventListener('pointerdown', (event) => {
    drag = { startY: event.clientY, startTop: layout.top, pointerId: event.pointerId };
    grip.setPointerCapture?.(event.pointerId);
    setStyles(grip, { cursor: 'grabbing' });
    setStyles(iframe, { 'pointer-events': 'none' });
    // preventDefault stops text selection but also the focus a press would give: focus by hand.
    event.preventDefault();
    grip.focus();
  });
  grip.addEventListener('pointermove', (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    if (event.buttons === 0) {
      endDrag(event);
      return;
    }
    layout.top = clampTop({ ...layout, top: drag.startTop + event.clientY - drag.startY }, view.innerHeight);
    layout.dock = event.clientX < view.innerWidth / 2 ? 'left' : 'right';
    apply();
  });
  function endDrag(event: PointerEvent): void {
    if (!drag || event.pointerId !== drag.pointerId) return;
    drag = null;
    setStyles(grip, { cursor: 'grab' });
    setStyles(iframe, { 'pointer-events': 'auto' });
    commit({});
  }
  grip.addEventListener('pointerup', endDrag);
  grip.addEventListener('pointercancel', endDrag);
  grip.addEventListener('lostpointercapture', endDrag);
  grip.addEventListener('keydown', (event) => {
    const moves: Record<string, Partial<PanelLayout>> = {
      ArrowUp: { top: layout.top - GRIP_STEP },
      ArrowDown: { top: layout.top + GRIP_STEP },
      ArrowLeft: { dock: 'left' },
      ArrowRight: { dock: 'right' },
    };
    // Enter and Space act as the button's press: the panel moves to the other edge.
    const swap: Partial<PanelLayout> = { dock: layout.dock === 'left' ? 'right' : 'left' };
    const patch = event.key === 'Enter' || event.key === ' ' ? swap : moves[event.key];
    if (!patch) return;
    event.preventDefault();
    event.stopPropagation();
    commit(patch);
  });
  grip.addEventListener('focus', () => setStyles(grip, { 'box-shadow': 'inset 0 0 0 2px #8ab4f8' }));
  grip.addEventListener('blur', () => setStyles(grip, { 'box-shadow': 'none' }));

  const frame: PanelFrame = {
    host,
    iframe,
    get layout() {
      return { ...layout };
    },
    setLayout(patch) {
      layout = { ...layout, ...patch };
      apply();
      return { ...layout };
    },
    setLabels({ frameTitle, gripLabel }) {
      iframe.title = frameTitle;
      grip.setAttribute('aria-label', gripLabel);
      grip.title = gripLabel;
    },
    focus() {
      iframe.focus();
    },
    followFullscreen(element) {
      const home = doc.documentElement;
      const holds = element && element !== doc.documentElement && element !== doc.body && !NO_CHILDREN.has(element.tagName);
      const target = holds ? element : home;
      if (host.parentNode === target) return;
      moveInto(target, host);
      apply();
    },
    relayout: apply,
    remove: () => host.remove(),
  };

  // On <html>, after <body>: single-page apps that re-render their body leave the panel alone. Placed before the
  // geometry is applied, which reads the page's zoom from the parent.
  doc.documentElement.append(host);
  apply();
  if (options.labels) frame.setLabels(options.labels);
  return frame;
}

/**
 * Moves `node` to the end of `parent`, keeping the iframe's page alive where the browser can
 * (`moveBefore`, Chromium 133+); a plain append reloads the panel, which keeps its data in the background.
 */
function moveInto(parent: Element, node: Element): void {
  const withMove = parent as Element & { moveBefore?: (node: Node, child: Node | null) => void };
  if (typeof withMove.moveBefore === 'function') {
    try {
      withMove.moveBefore(node, null);
      return;
    } catch {
      // Falls through to a plain append (e.g. across documents).
    }
  }
  parent.append(node);
}

export type { Dock, PanelLayout };
