import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

/** The real CLI, as a user runs it from the repository root. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = 'packages/server/bin/switchboard.js';
const { DATABASE_URL: _ignored, ...ENV } = process.env;

interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  demo: { account_sid: string; auth_token: string };
  exited: Promise<{ code: number | null; signal: string | null }>;
  stderr: () => string;
}

async function serve(): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--ephemeral', '--port', '0', '--json'], { cwd: ROOT, env: ENV });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    void exited.then(() => reject(new Error(`serve exited early:\n${stdout}${stderr}`)));
  });
  return { child, exited, stderr: () => stderr, ...(JSON.parse(line) as { url: string; demo: Served['demo'] }) };
}

/**
 * A create whose headers the server has read (it answered `100 Continue`) and whose body is still to come:
 * a request the server is in the middle of when it is told to stop.
 */
async function createInFlight({ url, demo }: Served): Promise<{ finish: () => void; answer: Promise<string> }> {
  const { hostname, port } = new URL(url);
  const body = 'FriendlyName=Made+while+stopping';
  const socket: Socket = connect(Number(port), hostname);
  let data = '';
  socket.setEncoding('utf8');
  const answer = new Promise<string>((resolve, reject) => {
    socket.on('data', (chunk: string) => (data += chunk));
    socket.once('close', () => resolve(data));
    socket.once('error', reject);
  });
  socket.write(
    `POST /2010-04-01/Accounts.json HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${Buffer.from(`${demo.account_sid}:${demo.auth_token}`).toString('base64')}\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
  );
  while (!data.startsWith('HTTP/1.1 100 Continue\r\n\r\n')) await new Promise((resolve) => setTimeout(resolve, 5));
  data = '';
  return { finish: () => socket.write(body), answer };
}

/** Resolves once the server no longer takes connections: its stop has begun. */
async function refusingConnections(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(Number(port), hostname, () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('serve stopped by SIGTERM answers the request it is in the middle of, then exits 0', async () => {
  const served = await serve();
  try {
    const request = await createInFlight(served);
    served.child.kill('SIGTERM');
    await refusingConnections(served.url);
    request.finish();
    const answer = await request.answer;
    assert.match(answer, /^HTTP\/1\.1 201 [\s\S]*\r\nConnection: close\r\n/i, answer);
    assert.match(answer, /"friendly_name":"Made while stopping"/);
    assert.deepEqual(await served.exited, { code: 0, signal: null });
  } finally {
    if (served.child.exitCode === null && served.child.signalCode === null) served.child.kill('SIGKILL');
  }
});

test('serve told twice with Ctrl-C (SIGINT) stops at once, without waiting for the request it is in the middle of', async () => {
  const served = await serve();
  try {
    const request = await createInFlight(served);
    served.child.kill('SIGINT');
    await refusingConnections(served.url);
    served.child.kill('SIGINT');
    assert.deepEqual(await served.exited, { code: 130, signal: null });
    assert.match(served.stderr(), /Ctrl-C again: stopping without waiting/);
    assert.equal(await request.answer, '', 'the request cut short got no answer');
  } finally {
    if (served.child.exitCode === null && served.child.signalCode === null) served.child.kill('SIGKILL');
  }
});
