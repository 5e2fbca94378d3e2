import { parsePermissions } from '../../../connect/permissions.ts';
import { notFound } from '../../../errors/twilio-error.ts';
import {
  findAuthorizedApp,
  listAuthorizedApps,
  type AuthorizedApp,
} from '../../../storage/repositories/connect-grants.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest } from '../paging.ts';
import { ok, type ApiRoute } from '../route.ts';

const serialize = (app: AuthorizedApp) => ({
  account_sid: app.account_sid,
  connect_app_company_name: app.company_name,
  connect_app_description: app.description,
  connect_app_friendly_name: app.friendly_name,
  connect_app_homepage_url: app.homepage_url,
  connect_app_sid: app.connect_app_sid,
  permissions: parsePermissions(app.permissions),
  uri: `/2010-04-01/Accounts/${app.account_sid}/AuthorizedConnectApps/${app.connect_app_sid}.json`,
});

const list: ApiRoute = {
  method: 'GET',
  path: '/Accounts/:AccountSid/AuthorizedConnectApps',
  query: PAGING_PARAMS,
  async handle({ deps, target, query }) {
    const request = readPageRequest(query);
    const result = await listAuthorizedApps(deps.db, target.sid, request);
    return ok(
      listEnvelope({
        key: 'authorized_connect_apps',
        path: `/Accounts/${target.sid}/AuthorizedConnectApps`,
        filters: [],
        request,
        result,
        serialize,
        cursorOf: (app) => ({ created: app.date_created, key: app.connect_app_sid }),
      }),
    );
  },
};

const fetch: ApiRoute = {
  method: 'GET',
  path: '/Accounts/:AccountSid/AuthorizedConnectApps/:ConnectAppSid',
  sids: { ConnectAppSid: 'CN' },
  async handle({ deps, target, params, path }) {
    const app = await findAuthorizedApp(deps.db, target.sid, params.ConnectAppSid!);
    if (!app) throw notFound(path);
    return ok(serialize(app));
  },
};

export const authorizedConnectAppRoutes: ApiRoute[] = [list, fetch];
