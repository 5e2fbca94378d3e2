import { loadConfig } from '../../config/config.ts';
import { countAccounts } from '../../storage/repositories/accounts.ts';
import { startServer } from '../../server.ts';
import { parseFlags, type Command } from '../command.ts';
import { createDemoAccount } from '../demo-account.ts';
import { UsageError } from '../usage-error.ts';

const help = `Usage: switchboard serve [--port 8080] [--host 127.0.0.1] [--db URL | --ephemeral] [--public-url URL] [--json]

Starts the REST API and the Console. Migrations run at start. On an empty database a demo account
is created and its Console login, Account SID and Auth Token are printed.

  --port N        port to listen on (default: PORT, else 8080; 0 picks a free one)
  --host HOST     address to bind (default: HOST, else 127.0.0.1)
  --db URL        database: postgres://… or a SQLite file (default: DATABASE_URL, else ./data/switchboard.sqlite)
  --public-url URL  where browsers reach the server, for Connect buttons (default: SWITCHBOARD_PUBLIC_URL,
                  else the address each request came to)
  --ephemeral     keep everything in memory: nothing is written to disk, and it is all gone on exit
  --json          print one JSON line, {"url", "demo": {account_sid, auth_token, email, password}}, and
                  nothing else on stdout (demo is null when the database already had accounts)`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the server',
  help,
  async run(args) {
    const flags = parseFlags(args, {
      port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, 'public-url': { type: 'string' }, ephemeral: { type: 'boolean' }, json: { type: 'boolean' },
    });
    if (flags.ephemeral && flags.db !== undefined) throw new UsageError('--ephemeral keeps the database in memory; leave out --db');
    let config;
    try {
      config = loadConfig({ port: flags.port, host: flags.host, db: flags.ephemeral ? ':memory:' : flags.db, publicUrl: flags['public-url'] });
    } catch (error) {
      // A port that is not a port is a bad argument (exit 2), like any other.
      throw new UsageError((error as Error).message.replace(/\.$/, ''));
    }
    const server = await startServer(config);
    const { db } = server.deps;
    if (flags.json) {
      const demo = (await countAccounts(db)) === 0 ? await createDemoAccount(db, Date.now()) : null;
      const printed = demo && { account_sid: demo.account.sid, auth_token: demo.account.auth_token, email: demo.email, password: demo.password };
      console.log(JSON.stringify({ url: server.url, demo: printed }));
      return untilStopped(server, () => undefined);
    }
    const where = config.databaseUrl.startsWith('postgres') ? 'PostgreSQL' : config.databaseUrl;
    console.log(`Switchboard is listening on ${server.url}  (database: ${where})`);
    console.log(`Console (sign up, Connect Apps, Authorized Apps): ${config.publicUrl ?? server.url}/console`);
    console.log(`Point twilio-node at it:  twilio(accountSid, authToken, { httpClient })  — see README "Pointing twilio-node at Switchboard".`);
    if ((await countAccounts(db)) === 0) {
      const demo = await createDemoAccount(db, Date.now());
      console.log(`\nCreated a demo account on this empty database (shown this once):`);
      console.log(`  Console login: ${demo.email} / ${demo.password}   at ${config.publicUrl ?? server.url}/console/login`);
      console.log(`  Account SID:   ${demo.account.sid}\n  Auth Token:    ${demo.account.auth_token}\n`);
      console.log(`Try it:  curl -u ${demo.account.sid}:${demo.account.auth_token} ${server.url}/2010-04-01/Accounts.json`);
    } else {
      console.log(`Accounts and their tokens: npx switchboard accounts list`);
    }
    console.log('Press Ctrl-C to stop.');
    return untilStopped(server, () => console.log('\nStopping…'));
  },
};

/** Serves until SIGINT or SIGTERM, then closes the server and exits 0. */
async function untilStopped(server: { close(): Promise<void> }, announce: () => void): Promise<number> {
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      announce();
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
