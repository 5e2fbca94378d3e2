import { after, before } from 'node:test';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, headless, reaching nothing on its own: the project's way (packages/server/test/support/browser.ts). */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

/** One Chromium for the suite; each test opens its own context. Read `.current` inside tests. */
export function chromiumForSuite() {
  const handle: { current: Browser } = { current: undefined as unknown as Browser };
  before(async () => {
    handle.current = await launchChromium();
  });
  after(async () => {
    await handle.current?.close();
  });
  return handle;
}
