import { grantAccess } from '../../connect/grant-access.ts';
import { revokeAccess } from '../../connect/revoke-access.ts';
import { parsePermissions } from '../../connect/permissions.ts';
import { isSid } from '../../util/sid.ts';
import { parseFlags, required, verbs, type Command } from '../command.ts';
import { print } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import { DB_HELP, DB_OPTION, withStorage } from '../with-storage.ts';
import { accountFlag } from './apps.ts';

const FLAGS = { app: { type: 'string' }, account: { type: 'string' }, json: { type: 'boolean' }, ...DB_OPTION } as const;

const appFlag = (flags: Record<string, unknown>): string => {
  const sid = required(flags, 'app');
  if (!isSid('CN', sid)) throw new UsageError('--app must be a Connect App SID (CN followed by 32 hex digits)');
  return sid;
};

const authorize: Command = {
  name: 'authorize',
  summary: "authorize a Connect App on a user's account, as the consent screen does",
  help: `Usage: switchboard connect authorize --app CN… --account AC… [--json] [--db URL]

Grants the app the permissions it asks for now, creating (or, on re-authorization, reusing) the
app's Connect subaccount in the user's account, and prints that subaccount's SID: the AccountSid
the app would receive at its Authorize URL.

  --app SID       the Connect App
  --account SID   the user's top-level account
  --json          print JSON
${DB_HELP}`,
  async run(args) {
    const flags = parseFlags(args, FLAGS);
    const connectAppSid = appFlag(flags);
    const accountSid = accountFlag(flags);
    const grant = await withStorage(flags.db, ({ db }) => grantAccess(db, { connectAppSid, accountSid, now: Date.now() }));
    print(flags.json, {
      account_sid: grant.subaccount_sid,
      connect_app_sid: grant.connect_app_sid,
      user_account_sid: grant.account_sid,
      permissions: parsePermissions(grant.permissions),
    });
    return 0;
  },
};

const revoke: Command = {
  name: 'revoke',
  summary: "end a Connect App's grant on a user's account",
  help: `Usage: switchboard connect revoke --app CN… --account AC… [--json] [--db URL]

Ends the grant at once; the Connect subaccount and its data stay with the user.

  --app SID       the Connect App
  --account SID   the user's top-level account
  --json          print JSON
${DB_HELP}`,
  async run(args) {
    const flags = parseFlags(args, FLAGS);
    const connectAppSid = appFlag(flags);
    const accountSid = accountFlag(flags);
    const grant = await withStorage(flags.db, ({ db }) => revokeAccess(db, { connectAppSid, accountSid, now: Date.now() }));
    print(flags.json, { account_sid: grant.subaccount_sid, connect_app_sid: grant.connect_app_sid, status: grant.status });
    return 0;
  },
};

export const connectCommand = verbs('connect', { authorize, revoke }, 'Authorize or revoke Connect Apps without a browser.');
