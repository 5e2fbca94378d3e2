// `npm run demo`: Switchboard and the Call Analytics quickstart side by side, with everything a newcomer
// needs to click through the Connect story: a developer who owns the Connect App, a customer with a
// seeded call log, a user of the app, and their logins. Reuses data/demo/ on later runs. Ctrl-C stops both.
import { join, resolve } from 'node:path';
import { loadConfig as loadAppConfig } from '../examples/call-analytics/src/config.ts';
import { startAnalyticsServer, type RunningAnalytics } from '../examples/call-analytics/src/server.ts';
import { progressBar } from 'switchboard';
import { createSwitchboard, type Switchboard } from 'switchboard/testing';
import { DEMO_LOGINS, demoWorld, ensureAppUser } from './demo-setup.ts';

const root = resolve(import.meta.dirname, '..');

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = Number(raw ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`${name}='${raw}' is not a port. Use a whole number from 1 to 65535, e.g. ${name}=${fallback} npm run demo`);
    process.exit(2);
  }
  return value;
}

function callCount(): number {
  const raw = process.env.DEMO_CALLS;
  const value = Number((raw ?? '20000').replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 0 || value > 2_000_000) {
    console.error(`DEMO_CALLS='${raw}' must be a whole number from 0 to 2,000,000 (the calls seeded on the first run), e.g. DEMO_CALLS=100000 npm run demo`);
    process.exit(2);
  }
  return value;
}

const switchboardPort = port('SWITCHBOARD_PORT', 8080);
const appPort = port('APP_PORT', 3000);
const calls = callCount();
const dir = resolve(root, process.env.DEMO_DIR ?? 'data/demo');
const host = '127.0.0.1';
const appOrigin = `http://${host}:${appPort}`;

const listenHint = (what: string, name: string, p: number) => (error: Error): never => {
  const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' || /already in use/.test(error.message);
  console.error(inUse ? `Port ${p} is in use, so ${what} cannot start. Stop what runs there, or pick another port: ${name}=${p + 1} npm run demo` : `${what} failed to start: ${error.message}`);
  return process.exit(1);
};

console.log(`Starting the demo (data in ${dir}) …`);
const switchboard: Switchboard = await createSwitchboard({ port: switchboardPort, host, database: join(dir, 'switchboard.sqlite') }).catch(listenHint('Switchboard', 'SWITCHBOARD_PORT', switchboardPort));

const bar = progressBar('Seeding the customer’s calls', calls);
const world = await demoWorld(switchboard, appOrigin, calls, (done) => bar.update(done));
const log = world.customer;
if (log.seeded) bar.done();

let app: RunningAnalytics | undefined;
try {
  const appConfig = loadAppConfig({
    SWITCHBOARD_URL: switchboard.url,
    CONNECT_APP_SID: world.connectApp.sid,
    TWILIO_AUTH_TOKEN: world.developer.authToken,
    HOST: host,
    PORT: String(appPort),
    DATABASE_FILE: join(dir, 'call-analytics.sqlite'),
  });
  app = await startAnalyticsServer(appConfig);
} catch (error) {
  await switchboard.close();
  listenHint('Call Analytics', 'APP_PORT', appPort)(error as Error);
}
await ensureAppUser(app!.db, DEMO_LOGINS.appUser);

// Before the summary: whoever reads it may press Ctrl-C at once.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping Call Analytics and Switchboard …');
  void Promise.allSettled([app!.close(), switchboard.close()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const line = '─'.repeat(78);
console.log(`
${line}
  Call Analytics (the Connect App)   ${app!.url}
  Switchboard Console                ${switchboard.url}/console
${line}
  Logins
    Call Analytics user         ${DEMO_LOGINS.appUser.email.padEnd(24)} ${DEMO_LOGINS.appUser.password}
    Switchboard customer        ${DEMO_LOGINS.customer.email.padEnd(24)} ${DEMO_LOGINS.customer.password}   (${log.calls.toLocaleString('en-US')} calls${log.seeded ? ', just seeded' : ''})
    Switchboard developer       ${DEMO_LOGINS.developer.email.padEnd(24)} ${DEMO_LOGINS.developer.password}   (owns the Connect App)

  The story
    1. Open ${app!.url} and log in as the Call Analytics user (or sign up).
    2. Click "Connect with Switchboard", log in as the customer, and Authorize.
    3. The dashboard reads the customer's ${log.calls.toLocaleString('en-US')} calls with the AccountSid and the developer's token.
    4. In the Console (as the customer): Authorized Apps → Revoke. Switchboard calls the app's
       Deauthorize URL, and the dashboard shows the account as disconnected, with Reconnect.
    5. As the developer: Connect Apps → Call Analytics → Deliveries shows that signed callback.

  Developer credentials (as the app uses them)
    Connect App SID   ${world.connectApp.sid}
    Account SID       ${world.developer.accountSid}
    Auth Token        ${world.developer.authToken}
${line}
Press Ctrl-C to stop both.`);

