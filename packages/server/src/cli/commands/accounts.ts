import { changeAccountStatus } from '../../connect/change-account-status.ts';
import { createAccount } from '../../storage/repositories/accounts.ts';
import { isSid } from '../../util/sid.ts';
import { parseFlags, required, verbs, type Command } from '../command.ts';
import { print, printTable } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import { DB_HELP, DB_OPTION, withStorage } from '../with-storage.ts';

const create: Command = {
  name: 'create',
  summary: 'create a top-level account and print its SID and auth token',
  help: `Usage: switchboard accounts create --name NAME [--type Full|Trial] [--json] [--db URL]

  --name NAME     friendly name (up to 64 characters)
  --type TYPE     Full (upgraded; may create Connect Apps) or Trial (default: Full)
  --json          print JSON
${DB_HELP}`,
  async run(args) {
    const flags = parseFlags(args, { name: { type: 'string' }, type: { type: 'string' }, json: { type: 'boolean' }, ...DB_OPTION });
    const name = required(flags, 'name');
    if ([...name].length > 64) throw new UsageError('--name must be at most 64 characters');
    const type = flags.type ?? 'Full';
    if (type !== 'Full' && type !== 'Trial') throw new UsageError(`--type must be Full or Trial, not '${type}'`);
    const account = await withStorage(flags.db, ({ db }) => createAccount(db, { friendlyName: name, type, parentSid: null, now: Date.now() }));
    print(flags.json, { sid: account.sid, auth_token: account.auth_token, friendly_name: account.friendly_name, type: account.type });
    return 0;
  },
};

const list: Command = {
  name: 'list',
  summary: 'list top-level accounts with their auth tokens',
  help: `Usage: switchboard accounts list [--json] [--db URL]\n\n  --json          print JSON\n${DB_HELP}`,
  async run(args) {
    const flags = parseFlags(args, { json: { type: 'boolean' }, ...DB_OPTION });
    const rows = await withStorage(flags.db, ({ db }) =>
      db.selectFrom('accounts').select(['sid', 'auth_token', 'type', 'status', 'friendly_name']).where('parent_sid', 'is', null).orderBy('date_created').execute(),
    );
    printTable(flags.json, rows);
    return 0;
  },
};

const STATUSES = ['active', 'suspended', 'closed'] as const;

const update: Command = {
  name: 'update',
  summary: "suspend, reactivate or close an account (closed is final)",
  help: `Usage: switchboard accounts update AC… --status active|suspended|closed [--json] [--db URL]

A suspended or closed account, its subaccounts and the Connect Apps it owns authenticate nothing
(401 / 20003); reactivating restores them. Closing is final: it closes the account's subaccounts and
ends every Connect grant in them, each app hearing of it at its Deauthorize URL.

  --status S      active, suspended or closed
  --json          print JSON
${DB_HELP}`,
  async run([sid, ...args]) {
    if (sid === undefined || sid.startsWith('-')) throw new UsageError('the account SID comes first: switchboard accounts update AC… --status …');
    if (!isSid('AC', sid)) throw new UsageError(`'${sid}' is not an Account SID (AC followed by 32 hex digits)`);
    const flags = parseFlags(args, { status: { type: 'string' }, json: { type: 'boolean' }, ...DB_OPTION });
    const status = required(flags, 'status');
    if (!(STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be active, suspended or closed, not '${status}'`);
    const account = await withStorage(flags.db, ({ db }) =>
      db.transaction().execute((trx) => changeAccountStatus(trx, sid, status as (typeof STATUSES)[number], Date.now())),
    );
    print(flags.json, { sid: account.sid, status: account.status, friendly_name: account.friendly_name });
    return 0;
  },
};

export const accountsCommand = verbs('accounts', { create, list, update }, 'Manage accounts.');
