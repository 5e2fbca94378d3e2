/** The webhook outbox: what happened, each request to make about it, and each attempt at it. */

/** Something that happened that a webhook reports; `payload` is JSON. */
export interface WebhookEventsTable {
  sid: string;
  type: 'connect.deauthorized' | 'call.status' | 'message.status' | 'message.inbound' | 'call.twiml' | 'recording.status' | 'transcription.status' | 'conference.status' | 'usage.trigger';
  /** The account the event is reported to (a Connect App's owner). */
  account_sid: string;
  connect_app_sid: string | null;
  payload: string;
  date_created: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One webhook request to make until a 2xx acknowledges it; `params` is a JSON object of strings. */
export interface WebhookDeliveriesTable {
  sid: string;
  event_sid: string;
  /** Whose auth token signs the request, and who sees it in the Console. */
  account_sid: string;
  connect_app_sid: string | null;
  url: string;
  method: 'GET' | 'POST';
  params: string;
  status: DeliveryStatus;
  attempts: number;
  /** When the dispatcher may next claim it; null once delivered or given up. */
  next_attempt_at: number | null;
  /** Set by the dispatcher that holds the claim. */
  lease_token: string | null;
  replay_of: string | null;
  /** The call or message a callback reports on; its callbacks are sent in `resource_seq` order. */
  resource_sid: string | null;
  resource_seq: number | null;
  delivered_at: number | null;
  date_created: number;
  date_updated: number;
}

export interface WebhookAttemptsTable {
  sid: string;
  delivery_sid: string;
  number: number;
  started_at: number;
  url: string;
  method: 'GET' | 'POST';
  /** Null when no response came (refused, timed out). */
  response_status: number | null;
  error: string | null;
  latency_ms: number;
  content_type: string | null;
  /** What the app answered, cut to 64 KiB. */
  response_body: string | null;
  /** The retry this attempt's failure scheduled; null when none follows. */
  next_attempt_at: number | null;
}

export interface WebhookTables {
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
}
