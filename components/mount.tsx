import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';

/** Renders a view's root component and sets the document language from the browser's UI language. */
export function mountView(node: ReactNode, title: string) {
  document.documentElement.lang = browser.i18n.getUILanguage().split('-')[0] ?? 'en';
  document.title = title;
  const root = document.getElementById('root');
  if (!root) throw new Error('Missing #root element');
  createRoot(root).render(<StrictMode>{node}</StrictMode>);
}
