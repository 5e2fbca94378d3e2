import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { findAccount } from '../../src/storage/repositories/accounts.ts';
import { seedAccount } from '../../src/telephony/seed/seed-account.ts';
import { chromiumForSuite } from '../support/browser.ts';
import { serveConsoleForSuite } from '../support/console-server.ts';
import { onEachDatabase } from '../support/databases.ts';
import { authorize, makeAccount, makeApp } from '../support/fixtures.ts';
import { signUp, uniqueEmail } from './steps.ts';

const PHONE = { width: 375, height: 740 };
/** Roles a person operates; each needs a name a screen reader can say. */
const CONTROL_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'listbox', 'checkbox', 'radio', 'button', 'spinbutton', 'slider', 'switch', 'link', 'menuitem', 'tab']);
/** Tab stops checked per page: the skip link, the navigation and the page's first controls. */
const TAB_STOPS = 20;

/** The controls on the page without an accessible name, as Chromium's accessibility tree computes it. */
async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    return nodes
      .filter((n) => !n.ignored && CONTROL_ROLES.has(String(n.role?.value)) && String(n.name?.value ?? '').trim() === '')
      .map((n) => `${n.role?.value} (DOM node ${n.backendDOMNodeId})`);
  } finally {
    await cdp.detach();
  }
}

/** Tabs through the page; returns each focused element that shows no focus ring. */
async function focusWithoutRing(page: Page): Promise<string[]> {
  const missing: string[] = [];
  for (let i = 0; i < TAB_STOPS; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      return { ring, what: `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30) || el.getAttribute('name') || ''}"` };
    });
    if (focused === null) break;
    if (!focused.ring) missing.push(focused.what);
  }
  return missing;
}

/**
 * Text whose contrast with what is behind it is below WCAG AA: 4.5:1, or 3:1 for large text. The
 * background is the nearest mostly-opaque background colour up the tree (the Console paints no text
 * on images). Plain JavaScript in a string: it runs in the page as written, untouched by the test's compiler.
 */
const LOW_CONTRAST_TEXT = `(() => {
  const parse = (css) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(css);
    if (!m) return null;
    const [r = 0, g = 0, b = 0, a = 1] = m[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const channel = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const failures = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = (node.textContent || '').trim();
    if (!el || !text || el.closest('svg, option, [aria-hidden="true"]') || !el.checkVisibility()) continue;
    const style = getComputedStyle(el);
    const [light, dark] = [luminance(parse(style.color)), luminance(background(el))].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) failures.push('"' + text.slice(0, 40) + '" ' + ratio.toFixed(2) + ':1');
  }
  return failures;
})()`;

const lowContrastText = (page: Page): Promise<string[]> => page.evaluate(LOW_CONTRAST_TEXT);

/** What a page must be on a 375 px phone and to a keyboard or screen reader user. */
async function checkPage(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  assert.ok(response && response.status() < 400, `${url} answers (${response?.status()})`);
  const layout = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    mains: document.querySelectorAll('main').length,
    h1s: document.querySelectorAll('h1').length,
    lang: document.documentElement.lang,
    current: [...document.querySelectorAll('nav a[aria-current="page"]')].map((a) => a.textContent),
    navs: document.querySelectorAll('nav[aria-label="Console"]').length,
  }));
  assert.ok(layout.scrollWidth <= PHONE.width, `${url} is ${layout.scrollWidth} px wide at ${PHONE.width} px`);
  assert.equal(layout.mains, 1, `${url} has one main landmark`);
  assert.equal(layout.h1s, 1, `${url} has one heading of the first level`);
  assert.equal(layout.lang, 'en');
  if (layout.navs > 0) assert.equal(layout.current.length, 1, `${url} marks its section in the navigation with aria-current`);
  assert.deepEqual(await unnamedControls(page), [], `${url}: every control has an accessible name`);
  assert.deepEqual(await lowContrastText(page), [], `${url}: text contrasts enough with its background`);
  assert.deepEqual(await focusWithoutRing(page), [], `${url}: focus is visible on every tab stop`);
}

onEachDatabase('Every Console page on a phone, by keyboard, by screen reader and in contrast', (database) => {
  const server = serveConsoleForSuite(database);
  const chromium = chromiumForSuite();
  let context: BrowserContext;
  let page: Page;
  /** Add a page's address here and it is checked like the rest. */
  const signedInPages: string[] = [];
  const signedOutPages = ['/console/login', '/console/signup'];

  before(async () => {
    const base = server.current.url;
    const { db } = server.current.deps;
    context = await chromium.current.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    page = await context.newPage();
    const email = uniqueEmail('phone');
    await signUp(page, base, { email, accountName: 'Phone Co' });
    const me = (await findAccount(db, (await db.selectFrom('console_users').select('account_sid').where('email', '=', email).executeTakeFirstOrThrow()).account_sid))!;
    await seedAccount(db, { accountSid: me.sid, calls: 60, messages: 60, days: 40, seed: 9, now: Date.now() });
    const mine = await makeApp(db, me, ['get-all'], 'My Dialer');
    const theirs = await makeApp(db, await makeAccount(db, 'Rossum'), ['get-all', 'post-all'], 'Their Analytics');
    await authorize(db, theirs, me);
    const call = await db.selectFrom('calls').select('sid').where('account_sid', '=', me.sid).executeTakeFirstOrThrow();
    const message = await db.selectFrom('messages').select('sid').where('account_sid', '=', me.sid).executeTakeFirstOrThrow();
    signedInPages.push(
      '/console/account', '/console/calls', `/console/calls?status=busy&started_from=2001-01-01`, `/console/calls/${call.sid}`,
      '/console/messages', `/console/messages/${message.sid}`, '/console/recordings', '/console/notifications', '/console/usage',
      '/console/apps', '/console/apps/new', `/console/apps/${mine.sid}`, `/console/apps/${mine.sid}/button`, `/console/apps/${mine.sid}/delete`,
      `/console/apps/${mine.sid}/deliveries`, `/console/apps/${mine.sid}/activity`, '/console/authorized-apps', `/console/authorized-apps/${theirs.sid}`,
      `/console/authorized-apps/${theirs.sid}/revoke`, `/authorize/${theirs.sid}`, '/console/phone',
    );
  });
  after(() => context?.close());

  test('signed in: every page fits 375 px, names every control, contrasts enough and shows where focus is', async () => {
    for (const path of signedInPages) await checkPage(page, server.current.url + path);
  });

  test('signed out: sign-in and sign-up fit 375 px, name every control, contrast enough and show focus', async () => {
    const anonymous = await chromium.current.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const visitor = await anonymous.newPage();
      for (const path of signedOutPages) await checkPage(visitor, server.current.url + path);
    } finally {
      await anonymous.close();
    }
  });
});
