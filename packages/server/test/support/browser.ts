import { after, before } from 'node:test';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, headless, with nothing that reaches the network on its own. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

/** One Chromium for the suite; each test opens its own contexts (fresh cookies). Read `.current` inside tests. */
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
