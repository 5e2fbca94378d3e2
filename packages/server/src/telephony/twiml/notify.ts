import type { Kysely } from 'kysely';
import { insertNotification } from '../../storage/repositories/notifications.ts';
import type { Database } from '../../storage/schema.ts';
import { timeOrderedSid } from '../../util/sid.ts';
import type { TwimlAnswer, TwimlRequest } from './request-twiml.ts';

/**
 * Records an error an app's answer caused as a Notification (log 0), with the request and what came
 * back, as Twilio's debugger does.
 */
export async function notifyError(db: Kysely<Database>, request: TwimlRequest, failure: { code: number; message: string }, answer: TwimlAnswer | null, callSid: string | null): Promise<void> {
  const result = answer && !answer.ok ? answer.result : null;
  await insertNotification(db, {
    sid: timeOrderedSid('NO', request.at),
    account_sid: request.accountSid,
    call_sid: callSid,
    error_code: String(failure.code),
    log: '0',
    message_text: new URLSearchParams({ Msg: failure.message, sourceComponent: callSid ? '12000' : '14100', url: request.url }).toString(),
    request_method: request.method,
    request_url: request.url,
    request_variables: new URLSearchParams(request.params).toString(),
    response_body: result?.body ?? null,
    response_headers: result?.contentType ? `Content-Type=${encodeURIComponent(result.contentType)}` : null,
    date_created: request.at,
  });
}
