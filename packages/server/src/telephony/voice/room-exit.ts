import type { Call } from '../../storage/repositories/calls.ts';
import { findParticipant } from '../../storage/repositories/conferences.ts';
import { findMemberOfCall } from '../../storage/repositories/queue-members.ts';
import type { VoiceContext } from './advance-conversation.ts';
import type { PendingFetch, Room } from './conversation.ts';

/** Where a call in a room stands at `now`: still in (until when), out (when, and what it fetches next), or hung up at the call's time limit. */
export type RoomState = { kind: 'inside'; until: number } | { kind: 'out'; at: number; fetch: PendingFetch | null; detail: string } | { kind: 'limit'; at: number };

const withParams = (action: PendingFetch | null, params: Record<string, string>): PendingFetch | null => (action ? { ...action, params } : null);

/**
 * Reads whether a call is still in its conference or queue. Whoever takes it out (the conference
 * ending, the Participants API, a dequeue or bridge) wakes the call at that instant, its
 * `next_event_at`; the call then goes on with its `<Dial>` / `<Enqueue>` action, or a dequeue's Url.
 */
export async function roomState(ctx: VoiceContext, call: Call, room: Room, now: number): Promise<RoomState> {
  const wokenAt = Math.min(now, call.next_event_at ?? now);
  if (room.kind === 'conference') {
    if (await findParticipant(ctx.db, room.sid, call.sid)) return room.until <= now ? { kind: 'limit', at: room.until } : { kind: 'inside', until: room.until };
    return { kind: 'out', at: wokenAt, fetch: withParams(room.action, { DialCallStatus: 'answered' }), detail: 'left the conference' };
  }
  const member = await findMemberOfCall(ctx.db, call.sid);
  const queueTime = (at: number) => String(Math.round((at - room.enqueuedAt) / 1000));
  const leave = async (at: number, result: string, fetch: PendingFetch | null): Promise<RoomState> => {
    await ctx.db.deleteFrom('queue_members').where('call_sid', '=', call.sid).execute();
    return { kind: 'out', at, fetch, detail: `left the queue: ${result}` };
  };
  if (!member) return leave(wokenAt, 'error', withParams(room.action, { QueueResult: 'error', QueueSid: room.sid, QueueTime: queueTime(wokenAt) }));
  if (member.result === 'redirected') return leave(member.left_at!, 'redirected', { url: member.redirect_url!, method: member.redirect_method === 'GET' ? 'GET' : 'POST', params: {} });
  if (member.result === 'bridged') {
    if (member.resume_at! > now) return { kind: 'inside', until: member.resume_at! };
    return leave(member.resume_at!, 'bridged', withParams(room.action, { QueueResult: 'bridged', QueueSid: room.sid, QueueTime: queueTime(member.left_at!) }));
  }
  if (room.leaveAt !== undefined && room.leaveAt <= now) return leave(room.leaveAt, 'leave', withParams(room.action, { QueueResult: 'leave', QueueSid: room.sid, QueueTime: queueTime(room.leaveAt) }));
  if (room.until <= now) return { kind: 'limit', at: room.until };
  return { kind: 'inside', until: Math.min(room.until, room.leaveAt ?? Infinity) };
}
