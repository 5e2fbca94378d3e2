// Cold start: from spawning the process to the first authenticated 200, on an existing database, for
// `switchboard serve` (the built CLI, as users run it) and for bare node:http started the same way.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/switchboard.js', import.meta.url));
const BARE = fileURLToPath(new URL('./cold-start-bare.mjs', import.meta.url));
const STARTS = Number(process.env.BENCH_COLD_STARTS ?? 7);

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

const stopped = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve).kill('SIGTERM')));

/** Milliseconds from spawn to the first 200 for `path`, polling as fast as connections are refused. */
async function timeToFirst200(args: (port: number) => string[], path: string, authorization: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args(port), { stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args(port).join(' ')} exited with ${child.exitCode}`);
      const status = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization } }).then((r) => r.status, () => 0);
      if (status === 200) return performance.now() - started;
      if (status !== 0) throw new Error(`${path} answered ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    await stopped(child);
  }
}

/** A database that already exists: one `serve` run creates it and its demo account, whose credentials it prints. */
async function existingDatabase(db: string): Promise<{ sid: string; token: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(await freePort()), '--db', db], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const credentials = await new Promise<{ sid: string; token: string }>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const sid = /Account SID:\s+(AC\w{32})/.exec(out)?.[1];
      const token = /Auth Token:\s+(\w{32})/.exec(out)?.[1];
      if (sid && token) resolve({ sid, token });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before printing the demo account:\n${out}`)));
  });
  await stopped(child);
  return credentials;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** `npm run build`: the bench measures the built CLI (skipped when the sources are unchanged since the last build). */
export const buildPackages = (): void => {
  execFileSync(process.execPath, ['scripts/build-packages.mjs', 'packages/connect', 'packages/server'], { cwd: ROOT, stdio: 'inherit' });
};

/** Lines for the bench's summary: the median cold start of `switchboard serve` against bare node:http. */
export async function coldStartLines(): Promise<string[]> {
  buildPackages();
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-cold-start-'));
  try {
    const db = join(dir, 'switchboard.sqlite');
    const { sid, token } = await existingDatabase(db);
    const authorization = `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;
    const path = `/2010-04-01/Accounts/${sid}.json`;
    const switchboard: number[] = [];
    const bare: number[] = [];
    // Interleaved, so a busy moment of the machine weighs on both sides alike.
    for (let i = 0; i < STARTS; i++) {
      switchboard.push(await timeToFirst200((port) => [BIN, 'serve', '--port', String(port), '--db', db], path, authorization));
      bare.push(await timeToFirst200((port) => [BARE, String(port)], path, authorization));
    }
    const [sb, base] = [median(switchboard), median(bare)];
    return [
      `Cold start to the first authenticated 200 on an existing SQLite database (median of ${STARTS}):`,
      `  switchboard serve ${sb.toFixed(0)} ms, bare node:http ${base.toFixed(0)} ms: **${(sb / base).toFixed(1)}×** (at most 4× wanted)`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) for (const line of await coldStartLines()) console.log(line);
