// examples/testing/jest/calls.spec.mjs
import { createSwitchboard } from 'switchboard/testing';

let sb;
beforeAll(async () => { sb = await createSwitchboard(); });
afterAll(() => sb.close());

test('reads the customer\'s calls', async () => {
  const w = await sb.createWorld({ permissions: ['get-all'] });
  expect(await sb.twilio(w.connect.accountSid, w.developer.authToken).calls.list()).toEqual([]);
});

test('without post-all the Connect App may not send', async () => {
  const w = await sb.createWorld({ permissions: ['get-all'] });
  const send = sb.twilio(w.connect.accountSid, w.developer.authToken).messages.create({ to: '+12125550100', from: '+15005550006', body: 'x' });
  await expect(send).rejects.toMatchObject({ status: 403, code: 20006 });
});
