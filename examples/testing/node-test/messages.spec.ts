// examples/testing/node-test/messages.spec.ts
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createSwitchboard, type Switchboard } from 'switchboard/testing';

let sb: Switchboard;
before(async () => { sb = await createSwitchboard(); });
after(() => sb.close());

test('the app sends as the Connect App', async () => {
  const w = await sb.createWorld({ permissions: ['get-all', 'post-all'] });
  // w.developer.{accountSid, authToken}, w.customer.{accountSid, authToken}, w.connectApp.sid, w.connect.accountSid
  const client = sb.twilio(w.connect.accountSid, w.developer.authToken);   // twilio-node pointed at sb
  const message = await client.messages.create({ to: '+12125550100', from: '+15005550006', body: 'hi' });
  assert.equal(message.accountSid, w.connect.accountSid);
});

test('the message is delivered when the test clock says so', async () => {
  const w = await sb.createWorld();
  const clock = sb.clock(w.customer.accountSid);   // the Connect subaccount lives on its customer's clock
  await clock.freeze();
  await clock.set('2030-01-15T09:00:00Z');
  const client = sb.twilio(w.connect.accountSid, w.developer.authToken);
  const message = await client.messages.create({ to: '+12125550100', from: '+15005550006', body: 'on time' });
  assert.equal(message.status, 'queued');
  await clock.advance(90);                         // resolves once everything due by then has run
  const sent = await client.messages(message.sid).fetch();
  assert.equal(sent.status, 'delivered');
  assert.equal(sent.dateSent.toISOString(), '2030-01-15T09:00:00.000Z');
});
