import { invalidParameter, notFound } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import { deleteQueue, findQueue, insertQueue, listQueues, updateQueue, type Queue } from '../../../storage/repositories/queues.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';
import { newSid } from '../../../util/sid.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { created, deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { friendlyName } from '../validate.ts';

const LIST = '/Accounts/:AccountSid/Queues';
const INSTANCE = '/Accounts/:AccountSid/Queues/:Sid';
const sids = { Sid: 'QU' };
const DEFAULT_MAX_SIZE = 1000;
const MAX_MAX_SIZE = 5000;

/** No call waits in a simulated queue: `<Enqueue>` is not simulated, so size and wait are always 0. */
const serializeQueue = (q: Queue) => ({
  account_sid: q.account_sid,
  average_wait_time: 0,
  current_size: 0,
  date_created: rfc2822(q.date_created),
  date_updated: rfc2822(q.date_updated),
  friendly_name: q.friendly_name,
  max_size: q.max_size,
  sid: q.sid,
  uri: `/2010-04-01/Accounts/${q.account_sid}/Queues/${q.sid}.json`,
});

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
  async handle({ deps, target, query }) {
    const request = readPageRequest(query);
    const result = await listQueues(deps.db, target.sid, request);
    return ok(listEnvelope({ key: 'queues', path: `/Accounts/${target.sid}/Queues`, filters: [], request, result, serialize: serializeQueue, cursorOf: sidCursor }));
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
    return created(serializeQueue(queue));
  },
};

const fetch: ApiRoute = { method: 'GET', path: INSTANCE, sids, handle: async (ctx) => ok(serializeQueue(await loadQueue(ctx))) };

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
    return ok(serializeQueue({ ...queue, ...changes, date_updated: ctx.now }));
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids,
  async handle(ctx) {
    await deleteQueue(ctx.deps.db, (await loadQueue(ctx)).sid);
    return deleted();
  },
};

export const queueRoutes: ApiRoute[] = [list, create, fetch, update, remove];
