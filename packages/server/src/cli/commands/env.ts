import { loadConfig } from '../../config/config.ts';
import { caDirFor, caFilesIn } from '../../proxy/ca-files.ts';
import { exportLines } from '../../proxy/env-lines.ts';
import { openLocalCa } from '../../proxy/local-ca.ts';
import { findAccount } from '../../storage/repositories/accounts.ts';
import { parseFlags, type Command } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { DB_HELP, DB_OPTION, withStorage } from '../with-storage.ts';

const help = `Usage: switchboard env [--port 8080] [--account AC…] [--db URL]

Prints the shell lines that send unchanged apps and tools (twilio-node, twilio-python, twilio-cli,
curl) to Switchboard when they call https://api.twilio.com:  eval "$(npx switchboard env)"
Creates the local certificate authority in the data folder if 'serve' has not yet.

  --port N        the port 'serve' listens on (default: PORT, else 8080)
  --account AC…   also export this account's TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN
${DB_HELP}`;

export const envCommand: Command = {
  name: 'env',
  summary: 'print the environment that points unchanged apps at Switchboard',
  help,
  async run(args) {
    const flags = parseFlags(args, { port: { type: 'string' }, account: { type: 'string' }, ...DB_OPTION });
    let config;
    try {
      config = loadConfig({ port: flags.port, db: flags.db });
    } catch (error) {
      throw new UsageError((error as Error).message.replace(/\.$/, ''));
    }
    if (config.port === 0) throw new UsageError('--port must be the port serve listens on, not 0');
    if (flags.account !== undefined && !/^AC[0-9a-f]{32}$/.test(flags.account)) {
      throw new UsageError(`--account must be an Account SID (AC followed by 32 hex digits), not '${flags.account}'`);
    }
    const account = flags.account === undefined ? undefined : await withStorage(flags.db, ({ db }) => findAccount(db, flags.account!));
    if (flags.account !== undefined && !account) throw new UsageError(`there is no account ${flags.account} in this database`);
    const ca = await openLocalCa(caFilesIn(caDirFor(config.databaseUrl)));
    const lines = exportLines({ port: config.port, ca: ca.files, account: account && { sid: account.sid, authToken: account.auth_token } });
    console.log(lines.join('\n'));
    return 0;
  },
};
