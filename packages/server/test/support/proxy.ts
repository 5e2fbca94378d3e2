import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { loadConfig } from '../../src/config/config.ts';
import { envVariables } from '../../src/proxy/env-lines.ts';
import { attachInterceptionProxy, type InterceptionProxy } from '../../src/proxy/index.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import type { TestDatabase } from './databases.ts';

export interface ProxiedServer {
  server: RunningServer;
  proxy: InterceptionProxy;
  port: number;
  /** Exactly what `switchboard env` exports, as a child process's whole environment (with PATH and a scratch HOME). */
  childEnv(account?: { sid: string; auth_token: string }): Record<string, string>;
}

/** A real server with the interception proxy attached as `serve` attaches it, its CA in a scratch folder. */
export function proxiedForSuite(database: TestDatabase, host = '127.0.0.1') {
  const handle = { current: undefined as unknown as ProxiedServer };
  const scratch = mkdtempSync(join(tmpdir(), 'switchboard-proxy-'));
  before(async () => {
    const server = await startServer(loadConfig({ port: 0, host, db: database.url }, {}));
    const proxy = await attachInterceptionProxy(server.http as Server, join(scratch, 'ca'));
    const port = Number(new URL(server.url).port);
    const childEnv = (account?: { sid: string; auth_token: string }) => ({
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: scratch,
      ...Object.fromEntries(envVariables({ port, ca: proxy.ca.files, account: account && { sid: account.sid, authToken: account.auth_token } })),
    });
    handle.current = { server, proxy, port, childEnv };
  });
  after(async () => {
    handle.current?.proxy.close();
    await handle.current?.server.close();
    rmSync(scratch, { recursive: true, force: true });
  });
  return handle;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program with exactly `env` as its environment. */
export const run = (file: string, args: string[], env: Record<string, string>, cwd?: string): Promise<Run> =>
  new Promise((resolve, reject) => {
    execFile(file, args, { env, cwd, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });

/** twilio-cli, installed by `.ci/run` into a cached folder (it is too large for the repository's dev dependencies). */
export const TWILIO_CLI_PREFIX = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'switchboard-test', 'twilio-cli');

export function twilioCli(): string {
  const bin = join(TWILIO_CLI_PREFIX, 'node_modules', '.bin', 'twilio');
  if (!existsSync(bin)) throw new Error(`twilio-cli is needed and missing: npm install --prefix ${TWILIO_CLI_PREFIX} twilio-cli@6 (.ci/run does this)`);
  return bin;
}

export interface ProxyAnswer {
  status: number;
  head: string;
  /** The connection after the answer's head: the tunnel, when the status is 200. */
  socket: Socket;
  rest: Buffer;
}

/** Sends one `CONNECT` (or any raw request head) to the proxy and reads the answer's head. */
export function sendRaw(port: number, head: string, options: { host?: string; localAddress?: string } = {}): Promise<ProxyAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: options.host ?? '127.0.0.1', localAddress: options.localAddress });
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const text = buffered.subarray(0, end).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]), head: text, socket, rest: buffered.subarray(end + 4) });
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('connect', () => socket.write(head));
  });
}

/** Reads the rest of a connection (until the far end closes it). */
export const readToEnd = (socket: Socket, already: Buffer): Promise<string> =>
  new Promise((resolve) => {
    const chunks = [already];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
