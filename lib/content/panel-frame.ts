/** Attribute marking the panel's host element, so that a second mount finds the first. */
export const PANEL_HOST_ATTR = 'data-interview-copilot';

export interface PanelFrame {
  host: HTMLElement;
  iframe: HTMLIFrameElement;
  remove(): void;
}

/**
 * Mounts the panel (an extension page) in an iframe inside a closed shadow root, exactly once per document.
 * The call page sees only an opaque host element: it cannot read the frame's DOM, and keys typed in the frame
 * never reach its listeners (shared/docs/architecture.md, facts 4 and 5).
 * @param src the panel page URL, from `browser.runtime.getURL('/panel.html')`.
 * @returns the existing frame when one is already mounted by this script instance.
 */
export function mountPanelFrame(doc: Document, src: string): PanelFrame {
  for (const stale of doc.querySelectorAll(`[${PANEL_HOST_ATTR}]`)) stale.remove();
  const host = doc.createElement('div');
  host.setAttribute(PANEL_HOST_ATTR, '');
  const shadow = host.attachShadow({ mode: 'closed' });
  const iframe = doc.createElement('iframe');
  iframe.src = src;
  iframe.title = 'Interview Copilot';
  iframe.setAttribute('allow', 'clipboard-write');
  Object.assign(host.style, {
    position: 'fixed',
    top: '12px',
    right: '12px',
    width: '360px',
    height: 'calc(100vh - 120px)',
    zIndex: '2147483646',
    display: 'block',
  } satisfies Partial<CSSStyleDeclaration>);
  Object.assign(iframe.style, {
    width: '100%',
    height: '100%',
    border: '0',
    colorScheme: 'normal',
    borderRadius: '12px',
    boxShadow: '0 8px 32px rgba(0,0,0,.35)',
    background: 'transparent',
  } satisfies Partial<CSSStyleDeclaration>);
  shadow.append(iframe);
  (doc.body ?? doc.documentElement).append(host);
  return { host, iframe, remove: () => host.remove() };
}
