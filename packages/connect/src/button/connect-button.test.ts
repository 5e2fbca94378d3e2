import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectError } from '../errors.ts';
import { CONNECT_APP_SID } from '../../test/sids.ts';
import { authorizeUrl, connectButton } from './connect-button.ts';

const hrefOf = (html: string): string => {
  const match = /<a href="([^"]*)"/.exec(html);
  assert.ok(match, html);
  return (match[1] ?? '').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
};

test('the button links to {baseUrl}/authorize/{CN…} with the state URL-encoded', () => {
  const html = connectButton({ connectAppSid: CONNECT_APP_SID, baseUrl: 'https://sb.example.com/', state: 'a b&c=d/é' });
  const href = new URL(hrefOf(html));
  assert.equal(href.origin + href.pathname, `https://sb.example.com/authorize/${CONNECT_APP_SID}`);
  assert.equal(href.searchParams.get('state'), 'a b&c=d/é');
  assert.ok(html.includes('?state=a%20b%26c%3Dd%2F%C3%A9'), html);
});

test('without a state the link has no query, and a base path prefix is kept', () => {
  assert.equal(authorizeUrl({ connectAppSid: CONNECT_APP_SID, baseUrl: 'http://127.0.0.1:8080/sb//' }), `http://127.0.0.1:8080/sb/authorize/${CONNECT_APP_SID}`);
});

test('the same options always give the same bytes', () => {
  const options = { connectAppSid: CONNECT_APP_SID, baseUrl: 'https://sb.example.com', state: 's1' };
  assert.equal(connectButton(options), connectButton({ ...options }));
  assert.notEqual(connectButton(options), connectButton({ ...options, state: 's2' }));
});

test('every value is HTML-escaped, so a hostile label cannot add markup', () => {
  const html = connectButton({ connectAppSid: CONNECT_APP_SID, baseUrl: 'https://sb.example.com', label: '"><script>alert(1)</script>&\'' });
  assert.ok(!html.includes('<script>'), html);
  assert.ok(html.includes('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#39;'), html);
});

test('the snippet loads nothing from elsewhere: inline styles, inline SVG, one link', () => {
  const html = connectButton({ connectAppSid: CONNECT_APP_SID, baseUrl: 'https://sb.example.com' });
  assert.ok(html.includes('<svg') && html.includes('style="'), html);
  assert.ok(!/<(img|link|script|iframe)\b|url\(|@import/i.test(html), html);
  const urls = html.replace('xmlns="http://www.w3.org/2000/svg"', '').match(/:\/\//g) ?? [];
  assert.equal(urls.length, 1, 'the authorize link is the only URL besides the SVG namespace');
});

test('a malformed Connect App SID or a non-http base URL is refused with a typed error', () => {
  const code = (fn: () => unknown) => { try { fn(); } catch (e) { return e instanceof ConnectError ? e.code : 'other'; } return 'none'; };
  assert.equal(code(() => connectButton({ connectAppSid: 'CN123', baseUrl: 'https://sb.example.com' })), 'invalid_connect_app_sid');
  assert.equal(code(() => connectButton({ connectAppSid: 'AP0123456789abcdef0123456789abcdef', baseUrl: 'https://sb.example.com' })), 'invalid_connect_app_sid');
  assert.equal(code(() => connectButton({ connectAppSid: CONNECT_APP_SID, baseUrl: 'javascript:alert(1)' })), 'invalid_base_url');
  assert.equal(code(() => connectButton({ connectAppSid: CONNECT_APP_SID, baseUrl: 'sb.example.com' })), 'invalid_base_url');
  assert.equal(code(() => connectButton({ connectAppSid: CONNECT_APP_SID, baseUrl: 'https://sb.example.com/?x=1' })), 'invalid_base_url');
});
