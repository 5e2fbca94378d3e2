import { parsePermissions } from '../../../connect/permissions.ts';
import type { ConnectApp } from '../../../storage/repositories/connect-apps.ts';

export const serializeConnectApp = (app: ConnectApp) => ({
  account_sid: app.account_sid,
  authorize_redirect_url: app.authorize_redirect_url,
  company_name: app.company_name,
  deauthorize_callback_method: app.deauthorize_callback_method,
  deauthorize_callback_url: app.deauthorize_callback_url,
  description: app.description,
  friendly_name: app.friendly_name,
  homepage_url: app.homepage_url,
  permissions: parsePermissions(app.permissions),
  sid: app.sid,
  uri: `/2010-04-01/Accounts/${app.account_sid}/ConnectApps/${app.sid}.json`,
});
