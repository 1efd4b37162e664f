import { expect } from '@playwright/test';
import type { BrowserContext, Page } from 'playwright-core';
import type { ContentTabState } from '../../../lib/protocol/content-protocol';
import { serviceWorker } from './launch';

/** Sends a content-protocol message to the page's top frame from the service worker (wire format of @webext-core/messaging). */
export async function sendToTab<T>(context: BrowserContext, page: Page, type: string, data?: unknown): Promise<T> {
  const worker = await serviceWorker(context);
  const answer = await worker.evaluate(
    async ({ url, type, data }) => {
      const tabs = await chrome.tabs.query({});
      const tab = tabs.find((t) => t.url === url);
      if (tab?.id === undefined) throw new Error(`no tab at ${url}`);
      return chrome.tabs.sendMessage(tab.id, { id: 1, type, data, timestamp: Date.now() }, { frameId: 0 });
    },
    { url: page.url(), type, data },
  );
  const wire = answer as { res?: T; err?: { message?: string } } | undefined;
  if (!wire || wire.err) throw new Error(`content script answered ${JSON.stringify(wire)}`);
  return wire.res as T;
}

/** What the tab's content script knows (`content.state`). */
export const contentState = (context: BrowserContext, page: Page): Promise<ContentTabState> => sendToTab<ContentTabState>(context, page, 'content.state');

/**
 * Waits until the content script has finished `more` looks at the page after this call (its `looks` counter;
 * `state: 'none'` alone is also the value before the first look), so an absence checked next means something.
 * @returns the state after those looks.
 */
export async function waitForLooks(context: BrowserContext, page: Page, more = 2): Promise<ContentTabState> {
  let first: number | null = null;
  let last: ContentTabState | null = null;
  await expect
    .poll(
      async () => {
        last = await contentState(context, page).catch(() => null);
        if (!last) return 'no answer from the content script';
        first ??= last.looks;
        return last.looks - first >= more ? 'looked' : `${last.looks - first} looks`;
      },
      { timeout: 15_000 },
    )
    .toBe('looked');
  return last!;
}
