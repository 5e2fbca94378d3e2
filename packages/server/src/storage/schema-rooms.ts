/** Tables of the places calls meet and wait: queues and their members, conferences and their participants. */

export interface QueuesTable {
  sid: string;
  account_sid: string;
  friendly_name: string;
  max_size: number;
  date_created: number;
  date_updated: number;
}

export type ConferenceStatus = 'init' | 'in-progress' | 'completed';

/** A conference room, made when its first participant joins; it ends once, and a later join opens a new one. */
export interface ConferencesTable {
  sid: string;
  account_sid: string;
  friendly_name: string;
  status: ConferenceStatus;
  region: string;
  reason_conference_ended: string | null;
  call_sid_ending_conference: string | null;
  /** The first statusCallback a participant's `<Conference>` gave, with its events (space-separated). */
  status_callback: string | null;
  status_callback_method: string | null;
  status_callback_events: string | null;
  /** The participant whose `record="record-from-start"` asked for a recording, and when it started (the conference's start). */
  record_call_sid: string | null;
  record_from: number | null;
  date_created: number;
  date_updated: number;
}

/** A call in a conference now; the row goes when it leaves. Flags are 0/1. */
export interface ConferenceParticipantsTable {
  call_sid: string;
  conference_sid: string;
  account_sid: string;
  label: string | null;
  muted: number;
  hold: number;
  coaching: number;
  start_conference_on_enter: number;
  end_conference_on_exit: number;
  date_created: number;
  date_updated: number;
}

/**
 * A call waiting in a queue, until its call takes it out: `result` is set (bridged, redirected) by
 * whoever dequeues it, with when the call goes on (`resume_at`) and, when redirected, where to.
 */
export interface QueueMembersTable {
  call_sid: string;
  queue_sid: string;
  account_sid: string;
  date_enqueued: number;
  result: 'bridged' | 'redirected' | null;
  left_at: number | null;
  resume_at: number | null;
  redirect_url: string | null;
  redirect_method: string | null;
}

export interface RoomTables {
  queues: QueuesTable;
  queue_members: QueueMembersTable;
  conferences: ConferencesTable;
  conference_participants: ConferenceParticipantsTable;
}
