import cluster from 'node:cluster';
import type { Server } from 'node:http';
import type { Kysely } from 'kysely';
import { loadConfig, type Config } from '../../config/config.ts';
import { attachInterceptionProxy, caDirFor } from '../../proxy/index.ts';
import { countAccounts } from '../../storage/repositories/accounts.ts';
import type { Database } from '../../storage/schema.ts';
import { startServer } from '../../server.ts';
import { parseFlags, type Command } from '../command.ts';
import { createDemoAccount } from '../demo-account.ts';
import { limitHeapGrowth } from '../limit-heap-growth.ts';
import { untilStopped } from '../until-stopped.ts';
import { UsageError } from '../usage-error.ts';
import { BACKGROUND_ENV, runCluster, type WorkerReady } from './serve-cluster.ts';

const help = `Usage: switchboard serve [--port 8080] [--host 127.0.0.1] [--db URL | --ephemeral] [--public-url URL] [--json] [--trust-proxy LIST]
                        [--workers N] [--headers-timeout MS] [--request-timeout MS] [--keep-alive-timeout MS] [--max-connections N]

Starts the REST API, the Console, and on the same port an HTTP proxy for this machine's clients that
answers api.twilio.com itself (see 'switchboard env'). Migrations run at start. On an empty database
a demo account is created and its Console login, Account SID and Auth Token are printed.

  --port N        port to listen on (default: PORT, else 8080; 0 picks a free one)
  --host HOST     address to bind (default: HOST, else 127.0.0.1)
  --db URL        database: postgres://… or a SQLite file (default: DATABASE_URL, else ./data/switchboard.sqlite)
  --public-url URL  where browsers reach the server, for Connect buttons (default: SWITCHBOARD_PUBLIC_URL,
                  else the address each request came to)
  --ephemeral     keep everything in memory: nothing is written to disk, and it is all gone on exit
  --json          print one JSON line, {"url", "demo": {account_sid, auth_token, email, password}}, and
                  nothing else on stdout (demo is null when the database already had accounts)
  --trust-proxy LIST  proxies whose X-Forwarded-For names the client: addresses, CIDR ranges, loopback,
                  private, comma-separated (default: SWITCHBOARD_TRUST_PROXY, else none)
  --workers N     run N processes sharing the port (default 1). On PostgreSQL all of them run the
                  simulation and webhook delivery; on SQLite one does. A worker that dies is restarted.
                  Set REDIS_URL so the API and log-in limits hold for all of them, not per worker.
  --headers-timeout MS   close a connection whose request headers take longer (default 10000)
  --request-timeout MS   close a connection whose whole request takes longer (default 30000)
  --keep-alive-timeout MS  close an idle keep-alive connection after this (default 5000)
  --max-connections N    refuse connections past this many (default 1000)`;

const LIMIT_FLAGS = {
  'trust-proxy': { type: 'string' },
  'headers-timeout': { type: 'string' },
  'request-timeout': { type: 'string' },
  'keep-alive-timeout': { type: 'string' },
  'max-connections': { type: 'string' },
} as const;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the server',
  help,
  async run(args) {
    const flags = parseFlags(args, { port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, 'public-url': { type: 'string' },
      ephemeral: { type: 'boolean' }, json: { type: 'boolean' }, workers: { type: 'string' }, ...LIMIT_FLAGS,
    });
    if (flags.ephemeral && flags.db !== undefined) throw new UsageError('--ephemeral keeps the database in memory; leave out --db');
    const workers = readWorkers(flags.workers, flags.ephemeral);
    // A setting that cannot work is a ConfigError: one line naming it, exit 2.
    const config = loadConfig({
      port: flags.port, host: flags.host, db: flags.ephemeral ? ':memory:' : flags.db, publicUrl: flags['public-url'], trustProxy: flags['trust-proxy'],
      headersTimeout: flags['headers-timeout'], requestTimeout: flags['request-timeout'],
      keepAliveTimeout: flags['keep-alive-timeout'], maxConnections: flags['max-connections'],
    });
    limitHeapGrowth(config.databaseUrl);
    if (workers !== null && cluster.isPrimary) return runCluster(config, workers, (storage, url) => announce(storage.db, config, url, flags.json));
    const server = await startServer(config, { background: process.env[BACKGROUND_ENV] !== '0', processes: workers ?? 1 });
    let proxy;
    try {
      proxy = await attachInterceptionProxy(server.http as Server, caDirFor(config.databaseUrl));
    } catch (error) {
      await server.close();
      throw error;
    }
    const stop = () => { proxy.close(); return server.close(); };
    if (cluster.isWorker) {
      process.send!({ listening: server.url } satisfies WorkerReady);
      // A worker whose primary is gone stops too; a stopped worker lets go of its channel to the primary, so it can exit.
      return untilStopped(() => stop().finally(() => process.connected && process.disconnect?.()), (onStop) => process.once('disconnect', onStop));
    }
    await announce(server.deps.db, config, server.url, flags.json);
    return untilStopped(() => { if (!flags.json) console.log('\nStopping…'); return stop(); });
  },
};

const readWorkers = (value: string | undefined, ephemeral: boolean | undefined): number | null => {
  if (value === undefined) return null;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new UsageError(`--workers '${value}' must be a whole number from 1 to 64`);
  if (ephemeral) throw new UsageError('--ephemeral keeps the database in one process\'s memory; use --db with --workers');
  return count;
};

/** Prints where the server listens; an empty database gets a demo account, shown this once. */
async function announce(db: Kysely<Database>, config: Readonly<Config>, url: string, json: boolean | undefined): Promise<void> {
  if (json) {
    const demo = (await countAccounts(db)) === 0 ? await createDemoAccount(db, Date.now()) : null;
    const printed = demo && { account_sid: demo.account.sid, auth_token: demo.account.auth_token, email: demo.email, password: demo.password };
    console.log(JSON.stringify({ url, demo: printed }));
    return;
  }
  const where = config.databaseUrl.startsWith('postgres') ? 'PostgreSQL' : config.databaseUrl;
  console.log(`Switchboard is listening on ${url}  (database: ${where})`);
  console.log(`Console (sign up, Connect Apps, Authorized Apps): ${config.publicUrl ?? url}/console`);
  console.log(`Point unchanged apps at it (api.twilio.com is answered here):  eval "$(npx switchboard env)"`);
  if ((await countAccounts(db)) === 0) {
    const demo = await createDemoAccount(db, Date.now());
    console.log(`\nCreated a demo account on this empty database (shown this once):`);
    console.log(`  Console login: ${demo.email} / ${demo.password}   at ${config.publicUrl ?? url}/console/login`);
    console.log(`  Account SID:   ${demo.account.sid}\n  Auth Token:    ${demo.account.auth_token}\n`);
    console.log(`Try it:  curl -u ${demo.account.sid}:${demo.account.auth_token} ${url}/2010-04-01/Accounts.json`);
  } else {
    console.log(`Accounts and their tokens: npx switchboard accounts list`);
  }
  console.log('Press Ctrl-C to stop.');
}
