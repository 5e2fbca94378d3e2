/** Debian's Chromium, launched the project's one way. */
export { chromiumForSuite, launchChromium } from '../../../../packages/server/test/support/browser.ts';
