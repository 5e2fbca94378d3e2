import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { inProcessApp, ORIGIN, signedUpVisitor } from '../test/support/in-process.ts';

describe('pages and assets', () => {
  const { visitor } = inProcessApp();

  test('every page forbids inline script, other origins, framing and caching', async () => {
    const v = await signedUpVisitor(visitor(), 'headers@example.com');
    for (const path of ['/', '/login', '/dashboard', '/no-such-page']) {
      const response = await (path === '/' || path === '/login' ? visitor() : v).get(`${ORIGIN}${path}`);
      const csp = response.headers.get('content-security-policy')!;
      assert.match(csp, /default-src 'none'/, path);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /style-src 'self' 'unsafe-hashes' 'sha256-[A-Za-z0-9+/]{43}='(;|$)/, 'one inline style allowed: the Connect button\'s');
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /form-action 'self'/);
      assert.equal(response.headers.get('x-frame-options'), 'DENY');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('referrer-policy'), 'same-origin');
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    }
  });

  test('the Connect button\'s style attribute is exactly the one the policy allows', async () => {
    const { createHash } = await import('node:crypto');
    const v = await signedUpVisitor(visitor(), 'style@example.com');
    const response = await v.get(`${ORIGIN}/dashboard`);
    const style = /<a href="[^"]+" style="([^"]+)"/.exec(await response.text())![1]!.replace(/&#39;/g, "'");
    const hash = createHash('sha256').update(style).digest('base64');
    assert.ok(response.headers.get('content-security-policy')!.includes(`'sha256-${hash}'`));
  });

  test('Chart.js is served by the app itself, byte for byte the installed package\'s', async () => {
    const response = await visitor().get(`${ORIGIN}/assets/chart.umd.min.js`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.match(response.headers.get('cache-control')!, /^public, max-age=\d+$/);
    const installed = readFileSync(join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'));
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), installed);
  });

  test('the stylesheet, the dashboard script and the icon are served; nothing else under /assets', async () => {
    for (const [name, type] of [['app.css', 'text/css'], ['dashboard.js', 'text/javascript'], ['favicon.svg', 'image/svg+xml']] as const) {
      const response = await visitor().get(`${ORIGIN}/assets/${name}`);
      assert.equal(response.status, 200, name);
      assert.ok(response.headers.get('content-type')!.startsWith(type), name);
    }
    for (const name of ['..%2Fconfig.ts', 'chart.js', 'app.css.map']) assert.equal((await visitor().get(`${ORIGIN}/assets/${name}`)).status, 404, name);
  });

  test('an unknown page is a 404 page that leads home', async () => {
    const response = await visitor().get(`${ORIGIN}/wp-admin`);
    assert.equal(response.status, 404);
    assert.match(response.headers.get('content-type')!, /^text\/html/);
    assert.match(await response.text(), /Page not found.*href="\/"/s);
  });

  test('the home page explains the app and offers sign-up, without a Connect button', async () => {
    const html = await (await visitor().get(`${ORIGIN}/`)).text();
    assert.match(html, /Create a free account/);
    assert.match(html, /bills your account directly/);
    assert.doesNotMatch(html, /\/authorize\/CN/, 'the Connect button is only behind the log-in');
  });
});
