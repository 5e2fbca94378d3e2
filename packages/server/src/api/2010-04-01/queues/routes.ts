import { invalidParameter, notFound } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import { queueLoads } from '../../../storage/repositories/queue-members.ts';
import { DEFAULT_MAX_SIZE, deleteQueue, findQueue, insertQueue, listQueues, updateQueue, type Queue } from '../../../storage/repositories/queues.ts';
import { newSid } from '../../../util/sid.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { created, deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { friendlyName } from '../validate.ts';
import { serializeQueue } from './serialize.ts';

const LIST = '/Accounts/:AccountSid/Queues';
const INSTANCE = '/Accounts/:AccountSid/Queues/:Sid';
const sids = { Sid: 'QU' };
const MAX_MAX_SIZE = 5000;

function readMaxSize(form: Params): number | undefined {
  const raw = one(form, 'MaxSize');
  if (raw === undefined) return undefined;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_MAX_SIZE) {
    throw invalidParameter(`MaxSize must be a whole number from 1 to ${MAX_MAX_SIZE}; got '${raw}'.`);
  }
  return Number(raw);
}

async function loadQueue({ deps, params, target, path }: ApiContext): Promise<Queue> {
  const queue = await findQueue(deps.db, target.sid, params.Sid!);
  if (!queue) throw notFound(path);
  return queue;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  query: PAGING_PARAMS,
  async handle({ deps, target, query, now }) {
    const request = readPageRequest(query);
    const result = await listQueues(deps.db, target.sid, request);
    const loads = await queueLoads(deps.db, result.rows.map((q) => q.sid));
    const serialize = (q: Queue) => serializeQueue(q, loads.get(q.sid), now);
    return ok(listEnvelope({ key: 'queues', path: `/Accounts/${target.sid}/Queues`, filters: [], request, result, serialize, cursorOf: sidCursor }));
  },
};

const create: ApiRoute = {
  method: 'POST',
  path: LIST,
  form: ['FriendlyName', 'MaxSize'],
  async handle({ deps, target, form, now }) {
    const queue: Queue = {
      sid: newSid('QU'),
      account_sid: target.sid,
      friendly_name: friendlyName(form, 'FriendlyName', { required: true })!,
      max_size: readMaxSize(form) ?? DEFAULT_MAX_SIZE,
      date_created: now,
      date_updated: now,
    };
    await insertQueue(deps.db, queue);
    return created(serializeQueue(queue, undefined, now));
  },
};

const withLoad = async (ctx: ApiContext, queue: Queue) => serializeQueue(queue, (await queueLoads(ctx.deps.db, [queue.sid])).get(queue.sid), ctx.now);

const fetch: ApiRoute = { method: 'GET', path: INSTANCE, sids, handle: async (ctx) => ok(await withLoad(ctx, await loadQueue(ctx))) };

const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  sids,
  form: ['FriendlyName', 'MaxSize'],
  async handle(ctx) {
    const name = friendlyName(ctx.form, 'FriendlyName');
    if (name === '') throw invalidParameter('FriendlyName cannot be empty.');
    const maxSize = readMaxSize(ctx.form);
    const queue = await loadQueue(ctx);
    const changes = { friendly_name: name ?? queue.friendly_name, max_size: maxSize ?? queue.max_size };
    await updateQueue(ctx.deps.db, queue.sid, changes, ctx.now);
    return ok(await withLoad(ctx, { ...queue, ...changes, date_updated: ctx.now }));
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids,
  async handle(ctx) {
    const queue = await loadQueue(ctx);
    const waiting = (await queueLoads(ctx.deps.db, [queue.sid])).get(queue.sid)?.size ?? 0;
    if (waiting > 0) throw invalidParameter(`Queue ${queue.sid} has ${waiting} call(s) waiting: dequeue them (Members) before deleting it.`);
    await deleteQueue(ctx.deps.db, queue.sid);
    return deleted();
  },
};

export const queueRoutes: ApiRoute[] = [list, create, fetch, update, remove];
