// examples/testing/vitest/calls.spec.ts
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSwitchboard, type Switchboard } from 'switchboard/testing';

let sb: Switchboard;
beforeAll(async () => { sb = await createSwitchboard(); });
afterAll(() => sb.close());

test('reads the customer\'s calls', async () => {
  const w = await sb.createWorld({ permissions: ['get-all'] });
  expect(await sb.twilio(w.connect.accountSid, w.developer.authToken).calls.list()).toEqual([]);
});

test('a call placed on a frozen clock completes when the clock moves on', async () => {
  const w = await sb.createWorld();
  const clock = sb.clock(w.customer.accountSid);
  await clock.freeze();
  const client = sb.twilio(w.connect.accountSid, w.developer.authToken);
  const call = await client.calls.create({ to: '+12125550100', from: '+15005550006', twiml: '<Response><Say>Hi</Say></Response>' });
  expect((await client.calls(call.sid).fetch()).status).toBe('queued');
  await clock.advance(3600);
  expect(['completed', 'busy', 'no-answer', 'failed']).toContain((await client.calls(call.sid).fetch()).status);
});
