import { createAccount } from '../../storage/repositories/accounts.ts';
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

export const accountsCommand = verbs('accounts', { create, list }, 'Manage top-level accounts.');
