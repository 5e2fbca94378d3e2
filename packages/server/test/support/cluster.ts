import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/switchboard.js', import.meta.url));

/** One `switchboard serve` process of the built CLI, on a real socket. */
export interface ServeProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Demo credentials when it created the demo account (the first process on an empty database). */
  demo: { account_sid: string; auth_token: string } | null;
}

/** Starts the built CLI's `serve --json` and resolves once it prints where it listens. */
export function startServe(args: string[], env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--json', ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line || !out.includes('\n')) return;
      const { url, demo } = JSON.parse(line) as { url: string; demo: ServeProcess['demo'] };
      resolve({ url, port: Number(new URL(url).port), child, demo, stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`switchboard serve exited with code ${code}: ${err}`)));
  });
}

/** Stops a process with SIGTERM and waits for it to exit. */
export async function stopServe(process: ServeProcess): Promise<void> {
  if (process.child.exitCode !== null || process.child.signalCode !== null) return;
  const exited = new Promise((resolve) => process.child.once('exit', resolve));
  process.child.kill('SIGTERM');
  await exited;
}

export interface RoundRobin {
  url: string;
  /** Requests each backend answered, by port. */
  served: Map<number, number>;
  close(): Promise<void>;
}

/**
 * The load balancer in front of the cluster: each request goes to the next backend, on a fresh
 * connection; a backend that refuses the connection is skipped, as a load balancer's health check
 * would. A backend that dies mid-request leaves its client a 502.
 */
export async function startRoundRobin(backends: () => number[]): Promise<RoundRobin> {
  let next = 0;
  const served = new Map<number, number>();
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const ports = backends();
      const attempt = (tries: number) => {
        const port = ports[next++ % ports.length]!;
        const forward = request({ host: '127.0.0.1', port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, connection: 'close' }, agent: false }, (answer) => {
          served.set(port, (served.get(port) ?? 0) + 1);
          outgoing.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(outgoing);
        });
        forward.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'ECONNREFUSED' && tries < ports.length) return attempt(tries + 1);
          if (!outgoing.headersSent) outgoing.writeHead(502).end();
          else outgoing.destroy();
        });
        forward.end(body);
      };
      attempt(1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
