import { notFound, TwilioError } from '../../../errors/twilio-error.ts';
import { dequeueMember, findMember, frontMember, listMembers, positionOf, type QueueMember } from '../../../storage/repositories/queue-members.ts';
import { findQueue, type Queue } from '../../../storage/repositories/queues.ts';
import { wakeCall } from '../../../storage/repositories/wake-call.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';
import { httpMethod, webhookUrl } from '../calls/read-settings.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest } from '../paging.ts';
import { ok, type ApiContext, type ApiRoute } from '../route.ts';

const LIST = '/Accounts/:AccountSid/Queues/:QueueSid/Members';

const serializeMember = (m: QueueMember, position: number, now: number) => ({
  call_sid: m.call_sid,
  date_enqueued: rfc2822(m.date_enqueued),
  position,
  queue_sid: m.queue_sid,
  uri: `/2010-04-01/Accounts/${m.account_sid}/Queues/${m.queue_sid}/Members/${m.call_sid}.json`,
  wait_time: Math.round((now - m.date_enqueued) / 1000),
});

async function loadQueue({ deps, params, target, path }: ApiContext): Promise<Queue> {
  const queue = await findQueue(deps.db, target.sid, params.QueueSid!);
  if (!queue) throw notFound(path);
  return queue;
}

/** `Members/Front` is the call that waited longest; `Members/{CallSid}` one waiting call. */
async function loadMember(ctx: ApiContext): Promise<QueueMember> {
  const queue = await loadQueue(ctx);
  const member = ctx.params.CallSid ? await findMember(ctx.deps.db, queue.sid, ctx.params.CallSid) : await frontMember(ctx.deps.db, queue.sid);
  if (!member || member.result !== null) throw notFound(ctx.path);
  return member;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  sids: { QueueSid: 'QU' },
  query: PAGING_PARAMS,
  async handle(ctx) {
    const queue = await loadQueue(ctx);
    const request = readPageRequest(ctx.query);
    const result = await listMembers(ctx.deps.db, queue.sid, request);
    const first = result.rows[0] ? await positionOf(ctx.deps.db, result.rows[0]) : 1;
    const place = new Map(result.rows.map((m, i) => [m.call_sid, first + i]));
    const path = `/Accounts/${ctx.target.sid}/Queues/${queue.sid}/Members`;
    return ok(listEnvelope({ key: 'queue_members', path, filters: [], request, result, serialize: (m) => serializeMember(m, place.get(m.call_sid)!, ctx.now), cursorOf: (m) => ({ created: m.date_enqueued, key: m.call_sid }) }));
  },
};

const fetchMember = async (ctx: ApiContext) => {
  const member = await loadMember(ctx);
  return ok(serializeMember(member, await positionOf(ctx.deps.db, member), ctx.now));
};

/** Dequeues a waiting call: it leaves the queue now and fetches `Url` (with `Method`) as its next TwiML. */
const dequeue = async (ctx: ApiContext) => {
  const url = webhookUrl(ctx.form, 'Url', 21205);
  const method = httpMethod(ctx.form, 'Method') ?? 'POST';
  if (!url) throw TwilioError.validation(21205, 'Url is required: the TwiML the dequeued call runs next.');
  const member = await loadMember(ctx);
  const position = await positionOf(ctx.deps.db, member);
  const taken = await ctx.deps.db.transaction().execute(async (trx) => {
    const moved = await dequeueMember(trx, member.call_sid, { result: 'redirected', left_at: ctx.now, resume_at: ctx.now, redirect_url: url, redirect_method: method });
    if (moved) await wakeCall(trx, member.call_sid, ctx.now);
    return moved;
  });
  if (!taken) throw notFound(ctx.path);
  return ok(serializeMember(member, position, ctx.now));
};

const FRONT = `${LIST}/Front`;
const MEMBER = `${LIST}/:CallSid`;

// Front is declared before :CallSid, which would otherwise take it for a malformed SID.
export const queueMemberRoutes: ApiRoute[] = [
  list,
  { method: 'GET', path: FRONT, sids: { QueueSid: 'QU' }, handle: fetchMember },
  { method: 'POST', path: FRONT, sids: { QueueSid: 'QU' }, form: ['Url', 'Method'], handle: dequeue },
  { method: 'GET', path: MEMBER, sids: { QueueSid: 'QU', CallSid: 'CA' }, handle: fetchMember },
  { method: 'POST', path: MEMBER, sids: { QueueSid: 'QU', CallSid: 'CA' }, form: ['Url', 'Method'], handle: dequeue },
];
