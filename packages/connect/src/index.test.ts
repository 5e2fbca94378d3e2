import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const twilioLoaded = (): boolean => Object.keys(require.cache).some((path) => path.includes('/node_modules/twilio/'));

test('the main entry exports the whole API without loading twilio; the twilio entry loads it', async () => {
  const main = await import('./index.ts');
  assert.deepEqual(Object.keys(main).sort(), [
    'ClientCapability', 'ConnectError', 'authorizeUrl', 'connectButton', 'createState', 'fromNodeRequest', 'generateTestSignature',
    'getExpectedBodyHash', 'getExpectedTwilioSignature', 'handleDeauthorize', 'parseAuthorizeCallback', 'toWebRequest',
    'validateBody', 'validateRequest', 'validateRequestWithBody', 'verifyCapabilityToken',
  ]);
  assert.equal(twilioLoaded(), false);
  const entry = await import('./twilio/index.ts');
  assert.deepEqual(Object.keys(entry).sort(), ['SwitchboardRequestClient', 'switchboardClient']);
  assert.equal(twilioLoaded(), true);
});
