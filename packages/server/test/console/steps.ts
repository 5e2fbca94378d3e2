import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { makePng } from '../support/png.ts';

export const uniqueEmail = (who: string) => `${who}-${randomBytes(4).toString('hex')}@example.com`;
export const PASSWORD = 'correct horse battery staple';

export interface SignUp {
  email: string;
  accountName: string;
  type?: 'Full' | 'Trial';
}

/** Fills and sends the sign-up form on the current page (the Console's, or the one the consent flow led to). */
export async function fillSignUp(page: Page, { email, accountName, type = 'Full' }: SignUp): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Account name').fill(accountName);
  await page.getByLabel(type === 'Full' ? 'Full (upgraded)' : 'Trial').check();
  await page.getByRole('button', { name: 'Create account' }).click();
}

export async function signUp(page: Page, baseUrl: string, who: SignUp): Promise<void> {
  await page.goto(`${baseUrl}/console/signup`);
  await fillSignUp(page, who);
  await page.waitForURL(`${baseUrl}/console/account`);
}

/** The Account SID and the Auth Token, read from the account page after revealing the token. */
export async function readCredentials(page: Page, baseUrl: string): Promise<{ sid: string; token: string }> {
  await page.goto(`${baseUrl}/console/account`);
  const sid = (await page.locator('#account-sid').textContent())!.trim();
  assert.equal(await page.locator('#auth-token').isVisible(), false, 'the Auth Token is hidden until revealed');
  await page.getByText('Show Auth Token').click();
  assert.equal(await page.locator('#auth-token').isVisible(), true);
  const token = (await page.locator('#auth-token').textContent())!.trim();
  return { sid, token };
}

export interface AppDetails {
  friendlyName: string;
  companyName: string;
  description: string;
  homepageUrl: string;
  termsUrl: string;
  authorizeUrl: string;
  deauthorizeUrl: string;
  deauthorizeMethod: 'GET' | 'POST';
  access: ('Read all account data' | 'Charge account for usage')[];
}

/** Creates a Connect App through the Console form, logo and all; returns its SID from the button page it lands on. */
export async function createConnectApp(page: Page, baseUrl: string, app: AppDetails): Promise<string> {
  await page.goto(`${baseUrl}/console/apps`);
  await page.getByRole('link', { name: 'Create Connect App' }).click();
  await page.getByLabel('Friendly Name').fill(app.friendlyName);
  await page.getByLabel('Application Logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: makePng() });
  await page.getByLabel('Company Name').fill(app.companyName);
  await page.getByLabel('Description').fill(app.description);
  await page.getByLabel('Homepage URL').fill(app.homepageUrl);
  await page.getByLabel('Terms of Service URL').fill(app.termsUrl);
  await page.getByLabel('Authorize URL', { exact: true }).fill(app.authorizeUrl);
  await page.getByLabel('Deauthorize URL', { exact: true }).fill(app.deauthorizeUrl);
  await page.getByLabel('Deauthorize URL HTTP Method').selectOption(app.deauthorizeMethod);
  for (const label of ['Read all account data', 'Charge account for usage'] as const) {
    await page.getByLabel(label).setChecked(app.access.includes(label));
  }
  await page.getByRole('button', { name: 'Create Connect App' }).click();
  await page.waitForURL(/\/console\/apps\/CN[0-9a-f]{32}\/button\?created=1$/);
  return /\/apps\/(CN[0-9a-f]{32})\//.exec(page.url())![1]!;
}
