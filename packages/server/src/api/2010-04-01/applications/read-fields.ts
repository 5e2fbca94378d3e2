import type { Params } from '../../../http/params.ts';
import type { ApplicationSettings } from '../../../storage/repositories/applications.ts';
import { friendlyName } from '../validate.ts';
import { booleanParam, handlerUrl, readSharedSettings, SHARED_SETTING_PARAMS } from './read-settings.ts';

export const APPLICATION_PARAMS = [
  'FriendlyName',
  ...SHARED_SETTING_PARAMS,
  'SmsStatusCallback',
  'MessageStatusCallback',
  'PublicApplicationConnectEnabled',
];

export interface ApplicationFields {
  friendlyName?: string;
  settings: Partial<ApplicationSettings>;
}

/** Everything a create or update form sets, validated before anything is written. */
export function readApplicationFields(form: Params): ApplicationFields {
  const settings: Partial<ApplicationSettings> = readSharedSettings(form);
  const smsStatusCallback = handlerUrl(form, 'SmsStatusCallback');
  if (smsStatusCallback !== undefined) settings.sms_status_callback = smsStatusCallback;
  const messageStatusCallback = handlerUrl(form, 'MessageStatusCallback');
  if (messageStatusCallback !== undefined) settings.message_status_callback = messageStatusCallback;
  const publicConnect = booleanParam(form, 'PublicApplicationConnectEnabled');
  if (publicConnect !== undefined) settings.public_application_connect_enabled = publicConnect;
  return { friendlyName: friendlyName(form, 'FriendlyName'), settings };
}
