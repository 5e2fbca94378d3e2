import { readConnectAppFields } from '../../api/2010-04-01/connect-apps/read-fields.ts';
import { parsePermissions } from '../../connect/permissions.ts';
import { createAppFor } from '../../connect/create-connect-app.ts';
import { TwilioError } from '../../errors/twilio-error.ts';
import { findAccount } from '../../storage/repositories/accounts.ts';
import type { ConnectApp } from '../../storage/repositories/connect-apps.ts';
import { isSid } from '../../util/sid.ts';
import { parseFlags, required, verbs, type Command } from '../command.ts';
import { print, printTable } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import { DB_HELP, DB_OPTION, withStorage } from '../with-storage.ts';

const describe = (app: ConnectApp) => ({
  sid: app.sid,
  account_sid: app.account_sid,
  friendly_name: app.friendly_name,
  company_name: app.company_name,
  authorize_url: app.authorize_redirect_url,
  deauthorize_url: app.deauthorize_callback_url,
  deauthorize_method: app.deauthorize_callback_method,
  permissions: parsePermissions(app.permissions),
});

export const accountFlag = (flags: Record<string, unknown>, name = 'account'): string => {
  const sid = required(flags, name);
  if (!isSid('AC', sid)) throw new UsageError(`--${name} must be an Account SID (AC followed by 32 hex digits)`);
  return sid;
};

const create: Command = {
  name: 'create',
  summary: 'create a Connect App owned by an account',
  help: `Usage: switchboard apps create --account AC… --name NAME --company NAME --authorize-url URL [options]

  --account SID              the developer's (Full) account that owns the app
  --name NAME                Friendly Name (up to 64 characters)
  --company NAME             Company Name
  --authorize-url URL        Authorize URL: where users land with ?AccountSid=… after authorizing
  --deauthorize-url URL      Deauthorize URL, called when a user revokes the app
  --deauthorize-method M     GET or POST (default: POST)
  --permissions LIST         get-all, post-all or get-all,post-all (default: get-all)
  --description TEXT         Description
  --homepage-url URL         Homepage URL
  --terms-url URL            Terms of Service URL
  --json                     print JSON
${DB_HELP}`,
  async run(args) {
    const flags = parseFlags(args, {
      account: { type: 'string' },
      name: { type: 'string' },
      company: { type: 'string' },
      'authorize-url': { type: 'string' },
      'deauthorize-url': { type: 'string' },
      'deauthorize-method': { type: 'string' },
      permissions: { type: 'string' },
      description: { type: 'string' },
      'homepage-url': { type: 'string' },
      'terms-url': { type: 'string' },
      json: { type: 'boolean' },
      ...DB_OPTION,
    });
    const accountSid = accountFlag(flags);
    const form = new Map<string, string[]>();
    const set = (param: string, value: string | undefined) => value !== undefined && form.set(param, [value]);
    set('FriendlyName', required(flags, 'name'));
    set('CompanyName', required(flags, 'company'));
    set('AuthorizeRedirectUrl', required(flags, 'authorize-url'));
    set('DeauthorizeCallbackUrl', flags['deauthorize-url']);
    set('DeauthorizeCallbackMethod', flags['deauthorize-method']);
    set('Permissions', flags.permissions ?? 'get-all');
    set('Description', flags.description);
    set('HomepageUrl', flags['homepage-url']);
    set('TermsOfServiceUrl', flags['terms-url']);
    let fields;
    try {
      fields = readConnectAppFields(form);
    } catch (error) {
      if (error instanceof TwilioError) throw new UsageError(error.message);
      throw error;
    }
    const app = await withStorage(flags.db, async ({ db }) => {
      const owner = await findAccount(db, accountSid);
      if (!owner) throw new UsageError(`no account ${accountSid}`);
      return createAppFor(db, owner, fields, Date.now());
    });
    print(flags.json, describe(app));
    return 0;
  },
};

const list: Command = {
  name: 'list',
  summary: "list an account's Connect Apps",
  help: `Usage: switchboard apps list --account AC… [--json] [--db URL]\n\n  --account SID   the owning account\n  --json          print JSON\n${DB_HELP}`,
  async run(args) {
    const flags = parseFlags(args, { account: { type: 'string' }, json: { type: 'boolean' }, ...DB_OPTION });
    const accountSid = accountFlag(flags);
    const apps = await withStorage(flags.db, ({ db }) =>
      db.selectFrom('connect_apps').selectAll().where('account_sid', '=', accountSid).orderBy('date_created').execute(),
    );
    printTable(flags.json, apps.map(describe));
    return 0;
  },
};

export const appsCommand = verbs('apps', { create, list }, 'Manage Connect Apps.');
