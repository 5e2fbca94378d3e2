import { createAppFor } from '../../../connect/create-connect-app.ts';
import { deleteAppAndGrants } from '../../../connect/delete-connect-app.ts';
import { notFound, TwilioError } from '../../../errors/twilio-error.ts';
import {
  findConnectApp,
  listConnectApps,
  updateConnectApp,
  type ConnectApp,
} from '../../../storage/repositories/connect-apps.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { created, deleted, ok, type ApiContext, type ApiRoute } from '../route.ts';
import { CONNECT_APP_PARAMS, readConnectAppFields } from './read-fields.ts';
import { serializeConnectApp } from './serialize.ts';

const LIST = '/Accounts/:AccountSid/ConnectApps';
const INSTANCE = '/Accounts/:AccountSid/ConnectApps/:Sid';
const sids = { Sid: 'CN' };

/** The app named in the path, if it belongs to the account in the path. */
async function loadApp({ deps, params, target, path }: ApiContext): Promise<ConnectApp> {
  const app = await findConnectApp(deps.db, params.Sid!);
  if (!app || app.account_sid !== target.sid) throw notFound(path);
  return app;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  query: PAGING_PARAMS,
  async handle({ deps, target, query }) {
    const request = readPageRequest(query);
    const result = await listConnectApps(deps.db, target.sid, request);
    return ok(
      listEnvelope({
        key: 'connect_apps',
        path: `/Accounts/${target.sid}/ConnectApps`,
        filters: [],
        request,
        result,
        serialize: serializeConnectApp,
        cursorOf: sidCursor,
      }),
    );
  },
};

/** Switchboard's documented extension: Twilio creates Connect Apps only in its Console. */
const create: ApiRoute = {
  method: 'POST',
  path: LIST,
  form: CONNECT_APP_PARAMS,
  async handle({ deps, target, form, now }) {
    return created(serializeConnectApp(await createAppFor(deps.db, target, readConnectAppFields(form), now)));
  },
};

const fetch: ApiRoute = {
  method: 'GET',
  path: INSTANCE,
  sids,
  async handle(ctx) {
    return ok(serializeConnectApp(await loadApp(ctx)));
  },
};

const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  sids,
  form: CONNECT_APP_PARAMS,
  async handle(ctx) {
    const app = await loadApp(ctx);
    const changes = readConnectAppFields(ctx.form);
    if (changes.company_name === '') throw TwilioError.of('invalidParameter', 'CompanyName cannot be empty.');
    if (changes.authorize_redirect_url === null) throw TwilioError.of('invalidParameter', 'AuthorizeRedirectUrl cannot be empty.');
    return ok(serializeConnectApp(await updateConnectApp(ctx.deps.db, app.sid, changes, ctx.now)));
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids,
  async handle(ctx) {
    const app = await loadApp(ctx);
    await deleteAppAndGrants(ctx.deps.db, app.sid, ctx.now);
    return deleted();
  },
};

export const connectAppRoutes: ApiRoute[] = [list, create, fetch, update, remove];
