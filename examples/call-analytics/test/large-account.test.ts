import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { answerConsent, connectButtonHref, dashboardWhenReady, logIntoConsole, stackForSuite } from './support/stack.ts';
import { locationOf, valueOf, Visitor } from './support/visitor.ts';

const CALLS = 100_000;

describe('a customer with 100,000 calls', () => {
  const stack = stackForSuite({ calls: CALLS });

  test('the dashboard counts every one of a hundred pages of calls, and later views come from the cache', async (t) => {
    const s = stack.current;
    const visitor = new Visitor();
    await visitor.submit(`${s.app.url}/signup`, '/signup', { email: 'big@example.com', password: 'correct horse battery' });
    await logIntoConsole(visitor, s);
    const landing = await answerConsent(visitor, await connectButtonHref(visitor, s.app.url), 'authorize');
    const dashboardUrl = locationOf(await visitor.get(landing), landing);

    const started = Date.now();
    const first = await visitor.get(dashboardUrl);
    assert.equal(first.status, 200);
    const firstHtml = await first.text();
    // A read longer than a page view waits shows its progress first, refreshing itself.
    if (/id="reading"/.test(firstHtml)) assert.match(firstHtml, /<meta http-equiv="refresh" content="1"\/>/);

    const { html } = await dashboardWhenReady(visitor, dashboardUrl, 180_000);
    const readMs = Date.now() - started;
    t.diagnostic(`read ${CALLS.toLocaleString('en-US')} calls in ${(readMs / 1000).toFixed(1)} s (100 pages of 1,000)`);
    assert.equal(valueOf(html, 'total-calls'), CALLS);

    const cached = await dashboardWhenReady(visitor, `${s.app.url}/dashboard`);
    assert.equal(cached.waited, false, 'a cached dashboard renders without reading the log again');
    assert.equal(valueOf(cached.html, 'total-calls'), CALLS);
  });
});
