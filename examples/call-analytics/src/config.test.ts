import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { ConfigError, DEFAULT_DATABASE_FILE, loadConfig } from './config.ts';

const SID = `CN${'0123456789abcdef'.repeat(2)}`;
const TOKEN = 'fedcba9876543210'.repeat(2);
const REQUIRED = { SWITCHBOARD_URL: 'http://127.0.0.1:8080', CONNECT_APP_SID: SID, TWILIO_AUTH_TOKEN: TOKEN };

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('the configuration was accepted');
};

test('the three required variables are enough: the rest has defaults and the result is frozen', () => {
  const config = loadConfig(REQUIRED);
  assert.deepEqual(config, {
    switchboardUrl: 'http://127.0.0.1:8080',
    connectAppSid: SID,
    authToken: TOKEN,
    host: '127.0.0.1',
    port: 3000,
    databaseFile: resolve(DEFAULT_DATABASE_FILE),
    publicUrl: null,
    sessionTtlMs: 12 * 3600_000,
    analyticsCacheMs: 60_000,
  });
  assert.ok(Object.isFrozen(config));
});

test('every optional setting is read from its variable', () => {
  const config = loadConfig({
    ...REQUIRED, SWITCHBOARD_URL: 'https://switchboard.example.com/base/', HOST: '0.0.0.0', PORT: '8000', DATABASE_FILE: 'var/app.db',
    APP_URL: 'https://analytics.example.com/', SESSION_TTL_HOURS: '2', ANALYTICS_CACHE_SECONDS: '0',
  });
  assert.equal(config.switchboardUrl, 'https://switchboard.example.com/base');
  assert.equal(config.host, '0.0.0.0');
  assert.equal(config.port, 8000);
  assert.equal(config.databaseFile, resolve('var/app.db'));
  assert.equal(config.publicUrl, 'https://analytics.example.com');
  assert.equal(config.sessionTtlMs, 2 * 3600_000);
  assert.equal(config.analyticsCacheMs, 0);
});

test('an empty environment names each missing variable at once, with where to find its value', () => {
  const problems = problemsOf({});
  assert.equal(problems.length, 3);
  assert.match(problems[0]!, /^SWITCHBOARD_URL is missing\. .*SWITCHBOARD_URL=http:\/\/127\.0\.0\.1:8080/);
  assert.match(problems[1]!, /^CONNECT_APP_SID is missing\. .*Connect Apps in the Switchboard Console/);
  assert.match(problems[2]!, /^TWILIO_AUTH_TOKEN is missing\. .*Show Auth Token/);
});

test('the error message lists every problem and points at npm run demo', () => {
  assert.throws(() => loadConfig({ CONNECT_APP_SID: SID }), (error: Error) => {
    assert.match(error.message, /^Call Analytics cannot start:\n {2}- SWITCHBOARD_URL is missing/);
    assert.match(error.message, /\n {2}- TWILIO_AUTH_TOKEN is missing/);
    assert.doesNotMatch(error.message, /CONNECT_APP_SID/);
    assert.match(error.message, /npm run demo/);
    return true;
  });
});

test('blank values count as missing', () => {
  assert.equal(problemsOf({ ...REQUIRED, TWILIO_AUTH_TOKEN: '   ' }).length, 1);
});

test('malformed values are refused, each with the reason and the expected form', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ SWITCHBOARD_URL: 'localhost:8080' }, /SWITCHBOARD_URL 'localhost:8080' must be an http\(s\) address/],
    [{ SWITCHBOARD_URL: 'not a url' }, /SWITCHBOARD_URL 'not a url' is not a URL/],
    [{ SWITCHBOARD_URL: 'http://127.0.0.1:8080/?x=1' }, /no query/],
    [{ SWITCHBOARD_URL: 'http://user:pw@127.0.0.1:8080' }, /no query, fragment or credentials/],
    [{ CONNECT_APP_SID: 'AC0123456789abcdef0123456789abcdef' }, /CONNECT_APP_SID .* is not a Connect App SID/],
    [{ CONNECT_APP_SID: SID.toUpperCase().replace(/^CN/, 'CN') }, /not a Connect App SID/],
    [{ TWILIO_AUTH_TOKEN: 'AC0123456789abcdef0123456789abcdef' }, /TWILIO_AUTH_TOKEN is not an Auth Token .*do not use the Account SID/],
    [{ PORT: '65536' }, /PORT '65536' must be a whole number from 0 to 65535/],
    [{ PORT: '80a' }, /PORT '80a'/],
    [{ SESSION_TTL_HOURS: '0' }, /SESSION_TTL_HOURS '0' must be a whole number from 1/],
    [{ ANALYTICS_CACHE_SECONDS: '-1' }, /ANALYTICS_CACHE_SECONDS '-1'/],
    [{ APP_URL: 'ftp://analytics.example.com' }, /APP_URL 'ftp:\/\/analytics\.example\.com' must be an http\(s\) origin/],
    [{ APP_URL: 'https://analytics.example.com/app' }, /APP_URL .* must be an http\(s\) origin/],
  ];
  for (const [override, expected] of cases) {
    const problems = problemsOf({ ...REQUIRED, ...override });
    assert.equal(problems.length, 1, JSON.stringify(override));
    assert.match(problems[0]!, expected);
  }
});

test('the auth token never appears in an error message', () => {
  const problems = problemsOf({ ...REQUIRED, TWILIO_AUTH_TOKEN: 'secret-value-that-is-wrong' });
  assert.doesNotMatch(problems.join('\n'), /secret-value/);
});
