import type { Application } from '../../../storage/repositories/applications.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';

export const serializeApplication = (app: Application) => ({
  account_sid: app.account_sid,
  api_version: app.config.api_version,
  date_created: rfc2822(app.date_created),
  date_updated: rfc2822(app.date_updated),
  // Twilio documents no default name: an Application created without one has none.
  friendly_name: app.friendly_name === '' ? null : app.friendly_name,
  message_status_callback: app.config.message_status_callback,
  sid: app.sid,
  sms_fallback_method: app.config.sms_fallback_method,
  sms_fallback_url: app.config.sms_fallback_url,
  sms_method: app.config.sms_method,
  sms_status_callback: app.config.sms_status_callback,
  sms_url: app.config.sms_url,
  status_callback: app.config.status_callback,
  status_callback_method: app.config.status_callback_method,
  uri: `/2010-04-01/Accounts/${app.account_sid}/Applications/${app.sid}.json`,
  voice_caller_id_lookup: app.config.voice_caller_id_lookup,
  voice_fallback_method: app.config.voice_fallback_method,
  voice_fallback_url: app.config.voice_fallback_url,
  voice_method: app.config.voice_method,
  voice_url: app.config.voice_url,
  public_application_connect_enabled: app.config.public_application_connect_enabled,
});
