import type { Kysely } from 'kysely';
import type { Call } from '../../storage/repositories/calls.ts';
import { queueLoads } from '../../storage/repositories/queue-members.ts';
import { DEFAULT_MAX_SIZE, findQueueByName, insertQueue, type Queue } from '../../storage/repositories/queues.ts';
import type { Database } from '../../storage/schema.ts';
import { newSid } from '../../util/sid.ts';

export interface Enqueued {
  queue: Queue;
  /** False when the queue was full: the call did not join it. */
  joined: boolean;
  /** The caller's place in line and the line's length once in it. */
  position: number;
  size: number;
  /** Seconds the calls waiting before it have waited on average. */
  averageWait: number;
}

/** Puts a call at the back of the account's queue of that name, making the queue (with the default MaxSize) when there is none. */
export async function enqueueCall(db: Kysely<Database>, call: Call, name: string, at: number): Promise<Enqueued> {
  let queue = await findQueueByName(db, call.account_sid, name);
  if (!queue) {
    queue = { sid: newSid('QU'), account_sid: call.account_sid, friendly_name: name, max_size: DEFAULT_MAX_SIZE, date_created: at, date_updated: at };
    await insertQueue(db, queue);
  }
  const load = (await queueLoads(db, [queue.sid])).get(queue.sid) ?? { size: 0, enqueuedSum: 0 };
  const averageWait = load.size === 0 ? 0 : Math.round((at * load.size - load.enqueuedSum) / load.size / 1000);
  if (load.size >= queue.max_size) return { queue, joined: false, position: 0, size: load.size, averageWait };
  await db.insertInto('queue_members').values({ call_sid: call.sid, queue_sid: queue.sid, account_sid: call.account_sid, date_enqueued: at, result: null, left_at: null, resume_at: null, redirect_url: null, redirect_method: null }).execute();
  return { queue, joined: true, position: load.size + 1, size: load.size + 1, averageWait };
}
