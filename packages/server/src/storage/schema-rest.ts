/** Tables of the rest of the 2010-04-01 API (migration 0014). */

export interface UsageTriggersTable {
  sid: string;
  account_sid: string;
  friendly_name: string | null;
  callback_url: string;
  callback_method: 'GET' | 'POST';
  /** As the app gave it: a count, a usage amount or a price in dollars. */
  trigger_value: string;
  usage_category: string;
  recurring: 'daily' | 'monthly' | 'yearly' | 'alltime';
  trigger_by: 'count' | 'usage' | 'price';
  /** The value when usage was last recorded. */
  current_value: string;
  date_fired: number | null;
  date_created: number;
  date_updated: number;
}

export interface AddressesTable {
  sid: string;
  account_sid: string;
  friendly_name: string | null;
  customer_name: string;
  street: string;
  street_secondary: string | null;
  city: string;
  region: string;
  postal_code: string;
  iso_country: string;
  emergency_enabled: number;
  date_created: number;
  date_updated: number;
}

export interface ShortCodesTable {
  sid: string;
  account_sid: string;
  short_code: string;
  friendly_name: string;
  api_version: string;
  sms_url: string | null;
  sms_method: 'GET' | 'POST';
  sms_fallback_url: string | null;
  sms_fallback_method: 'GET' | 'POST';
  date_created: number;
  date_updated: number;
}

/** Something an app started on a live call, by `kind`; `settings` is the JSON of what it asked for. */
export interface CallSessionsTable {
  sid: string;
  account_sid: string;
  call_sid: string;
  kind: 'payment' | 'stream' | 'siprec' | 'transcription' | 'user-defined-message-subscription';
  name: string | null;
  status: string;
  settings: string;
  date_created: number;
  date_updated: number;
}

export interface MessageFeedbackTable {
  message_sid: string;
  account_sid: string;
  outcome: 'confirmed' | 'unconfirmed';
  date_created: number;
  date_updated: number;
}

export interface RestResourceTables {
  usage_triggers: UsageTriggersTable;
  addresses: AddressesTable;
  short_codes: ShortCodesTable;
  call_sessions: CallSessionsTable;
  message_feedback: MessageFeedbackTable;
}
