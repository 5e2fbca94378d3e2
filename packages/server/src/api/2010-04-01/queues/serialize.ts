import type { QueueLoad } from '../../../storage/repositories/queue-members.ts';
import type { Queue } from '../../../storage/repositories/queues.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';

/** A queue with its live numbers: how many calls wait now, and how long (seconds) they have waited on average. */
export const serializeQueue = (q: Queue, load: QueueLoad | undefined, now: number) => ({
  account_sid: q.account_sid,
  average_wait_time: load && load.size > 0 ? Math.round((now * load.size - load.enqueuedSum) / load.size / 1000) : 0,
  current_size: load?.size ?? 0,
  date_created: rfc2822(q.date_created),
  date_updated: rfc2822(q.date_updated),
  friendly_name: q.friendly_name,
  max_size: q.max_size,
  sid: q.sid,
  uri: `/2010-04-01/Accounts/${q.account_sid}/Queues/${q.sid}.json`,
});
