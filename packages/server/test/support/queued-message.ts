import type { MessagesTable } from '../../src/storage/schema.ts';
import { messageStateAt } from '../../src/telephony/message-lifecycle.ts';
import { newSid } from '../../src/util/sid.ts';

/** An outbound message just created at `createdAt`, bound for delivery, that nothing watches (no status callback). */
export const queuedMessage = (accountSid: string, createdAt: number, segments = 1): MessagesTable => ({
  sid: newSid('SM'), account_sid: accountSid, to: '+12125550100', from: '+13125550101', messaging_service_sid: null, body: 'Hello',
  direction: 'outbound-api', num_segments: segments, num_media: 0, price: null, status_callback: null, outcome: 'delivered', send_at: null, unobserved: 0,
  ...messageStateAt({ date_created: createdAt, outcome: 'delivered' }, createdAt), date_created: createdAt, date_updated: createdAt,
});
