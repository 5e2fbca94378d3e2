import type { Call } from '../../storage/repositories/calls.ts';
import { findParticipant } from '../../storage/repositories/conferences.ts';
import { findMemberOfCall } from '../../storage/repositories/queue-members.ts';
import { voiceParams } from '../callbacks/voice-params.ts';
import { leaveConference } from '../rooms/leave-conference.ts';
import { requestTwiml } from '../twiml/request-twiml.ts';
import type { VoiceContext } from './advance-conversation.ts';
import type { Room } from './conversation.ts';

/**
 * A call that ends while in a room leaves it: a conference participant leaves (which may end the
 * conference); a queued caller leaves the line, and its `<Enqueue>` action is told `QueueResult=hangup`
 * (its answer cannot run: the call is over).
 */
export async function leaveRoomOnHangup(ctx: VoiceContext, call: Call, room: Room, at: number): Promise<void> {
  if (room.kind === 'conference') {
    const participant = await findParticipant(ctx.db, room.sid, call.sid);
    if (participant) await leaveConference(ctx.db, participant, 'left', at);
    return;
  }
  const member = await findMemberOfCall(ctx.db, call.sid);
  if (!member) return;
  await ctx.db.deleteFrom('queue_members').where('call_sid', '=', call.sid).execute();
  if (member.result !== null || !room.action) return;
  const params = { ...voiceParams(call, 'completed'), QueueResult: 'hangup', QueueSid: room.sid, QueueTime: String(Math.round((at - room.enqueuedAt) / 1000)) };
  await ctx.beforeAppRequest?.();
  await requestTwiml(ctx.db, { type: 'call.twiml', accountSid: call.account_sid, resourceSid: call.sid, url: room.action.url, method: room.action.method, params, at });
}
