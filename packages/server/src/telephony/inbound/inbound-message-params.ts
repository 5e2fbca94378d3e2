import type { Media, Message } from '../../storage/repositories/messages.ts';

/** The parameters of Twilio's incoming-message request (geographic fields present and empty). */
export function inboundMessageParams(message: Message, media: readonly Media[]): Record<string, string> {
  const params: Record<string, string> = {
    MessageSid: message.sid,
    SmsSid: message.sid,
    SmsMessageSid: message.sid,
    AccountSid: message.account_sid,
    From: message.from ?? '',
    To: message.to,
    Body: message.body,
    NumMedia: String(media.length),
    NumSegments: String(message.num_segments),
    SmsStatus: 'received',
    ApiVersion: '2010-04-01',
  };
  for (const side of ['From', 'To']) for (const field of ['City', 'State', 'Zip', 'Country']) params[side + field] = '';
  media.forEach((m, i) => {
    params[`MediaUrl${i}`] = m.url;
    params[`MediaContentType${i}`] = m.content_type;
  });
  return params;
}
