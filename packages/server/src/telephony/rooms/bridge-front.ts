import type { Kysely } from 'kysely';
import { dequeueMember, frontMember } from '../../storage/repositories/queue-members.ts';
import { findQueueByName } from '../../storage/repositories/queues.ts';
import { wakeCall } from '../../storage/repositories/wake-call.ts';
import type { Database } from '../../storage/schema.ts';
import { planCall } from '../call-lifecycle.ts';

export interface Bridge {
  queueSid: string;
  memberCallSid: string;
  talkSeconds: number;
  /** Seconds the member waited in the queue. */
  queueTime: number;
}

/**
 * `<Dial><Queue>`: the call that waited longest is taken out and bridged with the dialler; they talk
 * for a time fixed by the seed (at most `timeLimit`), then the member's call goes on (its `<Enqueue>`
 * action gets `QueueResult=bridged`). Null when the queue does not exist or nobody waits.
 */
export async function bridgeFront(db: Kysely<Database>, seed: number, accountSid: string, dialler: string, name: string, timeLimit: number, at: number): Promise<Bridge | null> {
  const queue = await findQueueByName(db, accountSid, name);
  const member = queue && (await frontMember(db, queue.sid));
  if (!queue || !member) return null;
  const talkSeconds = Math.min(planCall(seed, member.call_sid, dialler, at).talkSeconds || 3, timeLimit);
  const resumeAt = at + talkSeconds * 1000;
  if (!(await dequeueMember(db, member.call_sid, { result: 'bridged', left_at: at, resume_at: resumeAt, redirect_url: null, redirect_method: null }))) return null;
  await wakeCall(db, member.call_sid, resumeAt);
  return { queueSid: queue.sid, memberCallSid: member.call_sid, talkSeconds, queueTime: Math.round((at - member.date_enqueued) / 1000) };
}
