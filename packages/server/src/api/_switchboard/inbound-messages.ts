import { serializeMessage } from '../2010-04-01/messages/serialize.ts';
import { created, type ApiRoute } from '../2010-04-01/route.ts';
import { receiveMessage } from '../../telephony/inbound/receive-message.ts';

/**
 * `POST /_switchboard/Accounts/{AccountSid}/Inbound/Messages.json`: someone texts one of the account's
 * numbers. The inbound Message is stored (`received`, billed as sms-inbound) and the simulation then
 * asks the number's app for its TwiML, whose `<Message>` replies are sent from the number.
 */
export const inboundMessage: ApiRoute = {
  method: 'POST',
  path: '/Accounts/:AccountSid/Inbound/Messages',
  operation: { scope: 'control', method: 'POST' },
  form: ['From', 'To', 'Body', 'MediaUrl'],
  async handle({ deps, target, form, now }) {
    return created(serializeMessage(await receiveMessage(deps.db, target, form, now)));
  },
};
