import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Visitor } from './support/visitor.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });

interface Run {
  child: ChildProcess;
  output: () => string;
}

/** Starts `scripts/demo.ts` as `npm run demo` does and resolves once it has printed its summary. */
async function startDemo(env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The demo printed no summary within 60 s:\n${output}`)), 60_000);
    const check = () => {
      if (output.includes('Press Ctrl-C to stop both.')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The demo exited with ${code}:\n${output}`));
    });
  });
  return { child, output: () => output };
}

const stop = (run: Run): Promise<number | null> =>
  new Promise((resolve) => {
    run.child.once('exit', (code) => resolve(code));
    run.child.kill('SIGINT');
  });

const printed = (output: string, label: string): string => {
  const match = new RegExp(`${label}\\s+(\\S+)`).exec(output);
  assert.ok(match, `the demo prints ${label}`);
  return match[1]!;
};

describe('npm run demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'call-analytics-demo-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('starts both servers with every login printed, stops on Ctrl-C, and reuses its database on the next run', async () => {
    const env = { DEMO_DIR: dir, SWITCHBOARD_PORT: String(await freePort()), APP_PORT: String(await freePort()), DEMO_CALLS: '1500' };
    const first = await startDemo(env);
    const out = first.output();
    const appUrl = printed(out, 'Call Analytics \\(the Connect App\\)');
    const consoleUrl = printed(out, 'Switchboard Console');
    assert.equal(appUrl, `http://127.0.0.1:${env.APP_PORT}`);
    assert.equal(consoleUrl, `http://127.0.0.1:${env.SWITCHBOARD_PORT}/console`);
    assert.match(out, /Seeding the customer’s calls \[█+\] 100% 1,500\/1,500/);
    assert.match(out, /customer@example\.com\s+customer-demo-password\s+\(1,500 calls, just seeded\)/);
    const connectAppSid = printed(out, 'Connect App SID');
    assert.match(connectAppSid, /^CN[0-9a-f]{32}$/);

    // The printed logins work: the app user's in the app, the customer's in the Console.
    const visitor = new Visitor();
    const login = await visitor.submit(`${appUrl}/login`, '/login', { email: 'you@example.com', password: 'call-analytics-demo' });
    assert.equal(login.status, 303);
    assert.match(await (await visitor.get(`${appUrl}/dashboard`)).text(), new RegExp(`/authorize/${connectAppSid}\\?state=`));
    const customer = await visitor.submit(`${consoleUrl}/login`, '/console/login', { email: 'customer@example.com', password: 'customer-demo-password' });
    assert.equal(customer.status, 303);

    assert.equal(await stop(first), 0);

    const second = await startDemo(env);
    assert.match(second.output(), /\(1,500 calls\)/, 'nothing is seeded twice');
    assert.doesNotMatch(second.output(), /Seeding/);
    assert.equal(printed(second.output(), 'Connect App SID'), connectAppSid, 'the same Connect App');
    assert.equal(await stop(second), 0);
  });

  test('a port that is not a port stops the demo with how to fix it', async () => {
    await assert.rejects(startDemo({ DEMO_DIR: dir, SWITCHBOARD_PORT: 'eighty' }), /SWITCHBOARD_PORT='eighty' is not a port\. .*SWITCHBOARD_PORT=8080 npm run demo/);
  });
});
