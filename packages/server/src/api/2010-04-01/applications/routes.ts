import { notFound } from '../../../errors/twilio-error.ts';
import { one } from '../../../http/params.ts';
import {
  DEFAULT_APPLICATION_SETTINGS,
  deleteApplication,
  findApplication,
  insertApplication,
  listApplications,
  updateApplication,
  type Application,
} from '../../../storage/repositories/applications.ts';
import { newSid } from '../../../util/sid.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { created, deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { APPLICATION_PARAMS, readApplicationFields } from './read-fields.ts';
import { serializeApplication } from './serialize.ts';

const LIST = '/Accounts/:AccountSid/Applications';
const INSTANCE = '/Accounts/:AccountSid/Applications/:Sid';
const sids = { Sid: 'AP' };

async function loadApplication({ deps, params, target, path }: ApiContext): Promise<Application> {
  const app = await findApplication(deps.db, target.sid, params.Sid!);
  if (!app) throw notFound(path);
  return app;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  query: ['FriendlyName', ...PAGING_PARAMS],
  async handle({ deps, target, query }) {
    const request = readPageRequest(query);
    const friendlyName = one(query, 'FriendlyName');
    const result = await listApplications(deps.db, target.sid, { friendlyName }, request);
    return ok(
      listEnvelope({
        key: 'applications',
        path: `/Accounts/${target.sid}/Applications`,
        filters: friendlyName === undefined ? [] : [['FriendlyName', friendlyName]],
        request,
        result,
        serialize: serializeApplication,
        cursorOf: sidCursor,
      }),
    );
  },
};

const create: ApiRoute = {
  method: 'POST',
  path: LIST,
  form: APPLICATION_PARAMS,
  async handle({ deps, target, form, now }) {
    const { friendlyName, settings } = readApplicationFields(form);
    const app: Application = {
      sid: newSid('AP'),
      account_sid: target.sid,
      friendly_name: friendlyName ?? '',
      config: { ...DEFAULT_APPLICATION_SETTINGS, ...settings },
      date_created: now,
      date_updated: now,
    };
    await insertApplication(deps.db, app);
    return created(serializeApplication(app));
  },
};

const fetch: ApiRoute = {
  method: 'GET',
  path: INSTANCE,
  sids,
  async handle(ctx) {
    return ok(serializeApplication(await loadApplication(ctx)));
  },
};

const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  sids,
  form: APPLICATION_PARAMS,
  async handle(ctx) {
    const { friendlyName, settings } = readApplicationFields(ctx.form);
    const app = await loadApplication(ctx);
    const changed: Application = {
      ...app,
      friendly_name: friendlyName ?? app.friendly_name,
      config: { ...app.config, ...settings },
      date_updated: ctx.now,
    };
    await updateApplication(ctx.deps.db, app.sid, { friendly_name: changed.friendly_name, config: changed.config }, ctx.now);
    return ok(serializeApplication(changed));
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids,
  async handle(ctx) {
    const app = await loadApplication(ctx);
    await deleteApplication(ctx.deps.db, app.sid);
    return deleted();
  },
};

export const applicationRoutes: ApiRoute[] = [list, create, fetch, update, remove];
