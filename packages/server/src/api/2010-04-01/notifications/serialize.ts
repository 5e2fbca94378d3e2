import type { Notification } from '../../../storage/repositories/notifications.ts';
import { moreInfoUrl } from '../../../errors/codes.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';

/** A Notification as Twilio lists it; `uri` follows the path it was read through. */
export const serializeNotification = (n: Notification, viaCall: boolean) => ({
  account_sid: n.account_sid,
  api_version: '2010-04-01',
  call_sid: n.call_sid,
  date_created: rfc2822(n.date_created),
  date_updated: rfc2822(n.date_created),
  error_code: n.error_code,
  log: n.log,
  message_date: rfc2822(n.date_created),
  message_text: n.message_text,
  more_info: moreInfoUrl(Number(n.error_code)),
  request_method: n.request_method,
  request_url: n.request_url,
  sid: n.sid,
  uri: viaCall && n.call_sid ? `/2010-04-01/Accounts/${n.account_sid}/Calls/${n.call_sid}/Notifications/${n.sid}.json` : `/2010-04-01/Accounts/${n.account_sid}/Notifications/${n.sid}.json`,
});

/** A fetched Notification also carries the request and what the app answered. */
export const serializeNotificationInstance = (n: Notification, viaCall: boolean) => ({
  ...serializeNotification(n, viaCall),
  request_variables: n.request_variables,
  response_body: n.response_body,
  response_headers: n.response_headers,
});
