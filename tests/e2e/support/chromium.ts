import { test as base, type BrowserContext } from '@playwright/test';
import { extensionIdOf, launchChromium } from './launch';

export * from './launch';

interface ExtensionFixtures {
  context: BrowserContext;
  extensionId: string;
}

/** Playwright test with a fresh Chromium profile and the extension loaded, per test. */
export const test = base.extend<ExtensionFixtures>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const context = await launchChromium();
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    await use(await extensionIdOf(context));
  },
});

export { expect } from '@playwright/test';
