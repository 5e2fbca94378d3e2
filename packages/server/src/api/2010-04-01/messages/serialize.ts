import type { Media, Message } from '../../../storage/repositories/messages.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';

const messageBase = (m: Pick<Message, 'account_sid' | 'sid'>) => `/2010-04-01/Accounts/${m.account_sid}/Messages/${m.sid}`;

export const serializeMessage = (m: Message) => ({
  body: m.body,
  num_segments: String(m.num_segments),
  direction: m.direction,
  from: m.from,
  to: m.to,
  date_updated: rfc2822(m.date_updated),
  price: m.price,
  error_message: m.error_message,
  uri: `${messageBase(m)}.json`,
  account_sid: m.account_sid,
  num_media: String(m.num_media),
  status: m.status,
  messaging_service_sid: m.messaging_service_sid,
  sid: m.sid,
  date_sent: m.date_sent === null ? null : rfc2822(m.date_sent),
  date_created: rfc2822(m.date_created),
  error_code: m.error_code,
  price_unit: 'USD',
  api_version: '2010-04-01',
  subresource_uris: { media: `${messageBase(m)}/Media.json`, feedback: `${messageBase(m)}/Feedback.json` },
});

export const serializeMedia = (media: Media) => ({
  account_sid: media.account_sid,
  content_type: media.content_type,
  date_created: rfc2822(media.date_created),
  date_updated: rfc2822(media.date_updated),
  parent_sid: media.message_sid,
  sid: media.sid,
  uri: `/2010-04-01/Accounts/${media.account_sid}/Messages/${media.message_sid}/Media/${media.sid}.json`,
});
