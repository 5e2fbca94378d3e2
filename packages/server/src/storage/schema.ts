import type { AuditTables } from './schema-audit.ts';
import type { RestResourceTables } from './schema-rest.ts';
import type { RoomTables } from './schema-rooms.ts';
import type { SipTables } from './schema-sip.ts';
import type { WebhookTables } from './schema-webhooks.ts';

/** Row types of every table. Instants are epoch milliseconds; permission sets are comma lists. */
export interface AccountsTable {
  sid: string;
  parent_sid: string | null;
  friendly_name: string;
  type: 'Full' | 'Trial';
  status: 'active' | 'suspended' | 'closed';
  auth_token: string;
  date_created: number;
  date_updated: number;
}

export interface ConnectAppsTable {
  sid: string;
  account_sid: string;
  friendly_name: string;
  company_name: string | null;
  description: string | null;
  homepage_url: string | null;
  terms_of_service_url: string | null;
  authorize_redirect_url: string | null;
  deauthorize_callback_url: string | null;
  deauthorize_callback_method: 'GET' | 'POST';
  permissions: string;
  date_created: number;
  date_updated: number;
}

/** A user's authorization of a Connect App: one row per (app, user account), kept after revocation. */
export interface ConnectGrantsTable {
  connect_app_sid: string;
  account_sid: string;
  subaccount_sid: string;
  developer_account_sid: string;
  permissions: string;
  status: 'active' | 'revoked';
  date_created: number;
  date_updated: number;
}

export type CallStatus = 'queued' | 'ringing' | 'in-progress' | 'canceled' | 'completed' | 'failed' | 'busy' | 'no-answer';

export interface CallsTable {
  sid: string;
  account_sid: string;
  parent_call_sid: string | null;
  to: string;
  from: string;
  phone_number_sid: string | null;
  status: CallStatus;
  direction: 'inbound' | 'outbound-api' | 'outbound-dial';
  start_time: number | null;
  end_time: number | null;
  /** Seconds, once the call has ended. */
  duration: number | null;
  /** Negative decimal string in USD, e.g. `-0.02800`, once the call has ended. */
  price: string | null;
  answered_by: string | null;
  caller_name: string | null;
  forwarded_from: string | null;
  queue_time: number;
  url: string | null;
  method: string | null;
  twiml: string | null;
  application_sid: string | null;
  status_callback: string | null;
  status_callback_method: string | null;
  /** Space-separated StatusCallbackEvent values: initiated, ringing, answered, completed. */
  status_callback_events: string;
  fallback_url: string | null;
  fallback_method: string | null;
  /** JSON of the TwiML conversation while it runs (and its record after): see telephony/voice. */
  conversation: string | null;
  /** 1 when the caller asked for a recording (Record=true). */
  record: number;
  /** The final status the simulation will reach. */
  outcome: CallStatus;
  ring_seconds: number;
  talk_seconds: number;
  /** When the simulation next moves this call on; null once final. */
  next_event_at: number | null;
  date_created: number;
  date_updated: number;
}

export type MessageStatus =
  | 'queued' | 'sending' | 'sent' | 'failed' | 'delivered' | 'undelivered' | 'receiving' | 'received'
  | 'accepted' | 'scheduled' | 'read' | 'partially_delivered' | 'canceled';

export interface MessagesTable {
  sid: string;
  account_sid: string;
  to: string;
  from: string | null;
  messaging_service_sid: string | null;
  body: string;
  status: MessageStatus;
  direction: 'inbound' | 'outbound-api' | 'outbound-call' | 'outbound-reply';
  num_segments: number;
  num_media: number;
  price: string | null;
  error_code: number | null;
  error_message: string | null;
  status_callback: string | null;
  outcome: MessageStatus;
  next_event_at: number | null;
  /** For scheduled messages: when to send. */
  send_at: number | null;
  /**
   * 1 while nothing observes the message's way (observed-message.ts): its stored row keeps the state it
   * was created in until it settles, and reads derive its state from the clock.
   */
  unobserved: number;
  date_sent: number | null;
  date_created: number;
  date_updated: number;
}

export interface MessageMediaTable {
  sid: string;
  account_sid: string;
  message_sid: string;
  content_type: string;
  url: string;
  date_created: number;
  date_updated: number;
}

export interface IncomingPhoneNumbersTable {
  sid: string;
  account_sid: string;
  phone_number: string;
  friendly_name: string;
  type: 'local' | 'mobile' | 'tollfree';
  iso_country: string;
  /** Comma list of voice, sms, mms, fax. */
  capabilities: string;
  /** JSON of the voice/SMS URL settings, as Twilio names them in responses. */
  config: string;
  date_created: number;
  date_updated: number;
}

export interface ApplicationsTable {
  sid: string;
  account_sid: string;
  friendly_name: string;
  /** JSON of the voice/SMS URL settings, as Twilio names them in responses. */
  config: string;
  date_created: number;
  date_updated: number;
}

export interface RecordingsTable {
  sid: string;
  account_sid: string;
  call_sid: string;
  /** The conference recorded, for a conference recording. */
  conference_sid: string | null;
  duration: number;
  channels: number;
  source: string;
  status: string;
  price: string | null;
  start_time: number;
  date_created: number;
  date_updated: number;
}

export interface TranscriptionsTable {
  sid: string;
  account_sid: string;
  recording_sid: string;
  duration: number;
  status: string;
  transcription_text: string | null;
  price: string | null;
  date_created: number;
  date_updated: number;
}

/** Usage per account, UTC day (`YYYY-MM-DD`) and leaf category; prices in millionths of a dollar. */
export interface UsageDailyTable {
  account_sid: string;
  day: string;
  category: string;
  count: number;
  usage: number;
  price_micros: number;
}

/** A number the account proved it owns: a Trial account may call and text only these. */
export interface OutgoingCallerIdsTable {
  sid: string;
  account_sid: string;
  phone_number: string;
  friendly_name: string;
  date_created: number;
  date_updated: number;
}

/** Money added to a top-level account's balance, in millionths of a dollar. */
export interface BalanceCreditsTable {
  sid: string;
  account_sid: string;
  micros: number;
  reason: string;
  date_created: number;
}

/** A person who signs in to the Console; each owns one top-level account. */
export interface ConsoleUsersTable {
  sid: string;
  /** Lower-cased. */
  email: string;
  /** `scrypt$N$r$p$salt$hash`, salt and hash base64. */
  password_hash: string;
  account_sid: string;
  date_created: number;
  date_updated: number;
}

/** Sessions are found by the SHA-256 of the cookie's token, so a database leak reveals no session. */
export interface ConsoleSessionsTable {
  token_hash: string;
  user_sid: string;
  csrf_token: string;
  date_created: number;
  expires_at: number;
}

export interface ConnectAppLogosTable {
  connect_app_sid: string;
  content_type: 'image/png' | 'image/jpeg';
  /** Base64 of the image bytes. */
  data: string;
  date_updated: number;
}

/** An API key (`SK…`): standard keys and signing keys share the table; the secret is kept only as a hash. */
export interface ApiKeysTable {
  sid: string;
  account_sid: string;
  kind: 'standard' | 'signing';
  friendly_name: string | null;
  /** HMAC-SHA256 of the secret keyed with the key's SID, hex. */
  secret_hash: string;
  date_created: number;
  date_updated: number;
}

/** A fault the test controls inject into the API requests of one account. */
export interface TestFaultsTable {
  sid: string;
  account_sid: string;
  /** GET, POST or DELETE; null matches any. */
  method: string | null;
  /** A glob over the request path, `*` spanning slashes. */
  path: string;
  /** The HTTP status to fail with; null only delays. */
  status: number | null;
  code: number | null;
  retry_after: number | null;
  delay_ms: number | null;
  /** How many more matching requests it applies to. */
  remaining: number;
  date_created: number;
  date_updated: number;
}

/**
 * A top-level account's test clock: while `frozen_at` is set it reads that instant, otherwise the
 * server's clock plus `offset_ms`.
 */
export interface AccountClocksTable {
  account_sid: string;
  offset_ms: number;
  frozen_at: number | null;
  date_created: number;
  date_updated: number;
}

/** Create Call's `RecordingStatusCallback` for a call made with `Record=true`. */
export interface CallRecordingCallbacksTable {
  call_sid: string;
  url: string;
  method: 'GET' | 'POST';
  /** Space-separated `RecordingStatusCallbackEvent` values (default `completed`). */
  events: string;
}

/** A `<Message action>` reply's action, due once the message is sent. */
export interface MessageActionsTable {
  message_sid: string;
  url: string;
  method: 'GET' | 'POST';
  /** When the action is to be requested: null until the message is sent. */
  due_at: number | null;
}

/** An error (log 0) or warning (log 1) caused by what an app answered, with Twilio's code. */
export interface NotificationsTable {
  sid: string;
  account_sid: string;
  call_sid: string | null;
  error_code: string;
  log: '0' | '1';
  message_text: string;
  request_method: string | null;
  request_url: string | null;
  request_variables: string | null;
  response_body: string | null;
  response_headers: string | null;
  date_created: number;
}

export interface Database extends RestResourceTables, SipTables, RoomTables, AuditTables, WebhookTables {
  accounts: AccountsTable;
  connect_apps: ConnectAppsTable;
  connect_grants: ConnectGrantsTable;
  calls: CallsTable;
  messages: MessagesTable;
  message_media: MessageMediaTable;
  incoming_phone_numbers: IncomingPhoneNumbersTable;
  applications: ApplicationsTable;
  recordings: RecordingsTable;
  transcriptions: TranscriptionsTable;
  usage_daily: UsageDailyTable;
  console_users: ConsoleUsersTable;
  console_sessions: ConsoleSessionsTable;
  connect_app_logos: ConnectAppLogosTable;
  outgoing_caller_ids: OutgoingCallerIdsTable;
  balance_credits: BalanceCreditsTable;
  api_keys: ApiKeysTable;
  test_faults: TestFaultsTable;
  account_clocks: AccountClocksTable;
  notifications: NotificationsTable;
  call_recording_callbacks: CallRecordingCallbacksTable;
  message_actions: MessageActionsTable;
}
