// The servers under test, each in a process of its own: Switchboard as users run it (the built CLI,
// `switchboard serve`), and the bench's own bare server.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child {
  process: ChildProcess;
  pid: number;
  url: string;
  /** The child's process.memoryUsage(), for the servers started by startSwitchboard. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** Ends the process; resolves once it has exited, so that the next server or write does not meet it on the database. */
  stop(): Promise<void>;
}

export const benchFile = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const BIN = fileURLToPath(new URL('../bin/switchboard.js', import.meta.url));

/** The children still running: the bench takes them down with it when it ends or is interrupted. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** Starts a process that prints a JSON line with its `url` first, once it listens. */
function start(args: string[], env: NodeJS.ProcessEnv): Promise<Child> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  const lines: ((line: string) => void)[] = [];
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk;
    for (let end = out.indexOf('\n'); end >= 0; end = out.indexOf('\n')) {
      const line = out.slice(0, end);
      out = out.slice(end + 1);
      for (const listener of lines.splice(0)) listener(line);
    }
  });
  const nextLine = () => new Promise<string>((resolve) => lines.push(resolve));
  const memory = async () => {
    const line = nextLine();
    child.kill('SIGUSR2');
    return (JSON.parse(await line) as { memory: NodeJS.MemoryUsage }).memory;
  };
  return new Promise((resolve, reject) => {
    void nextLine().then((line) => resolve({ process: child, pid: child.pid!, url: (JSON.parse(line) as { url: string }).url, memory, stop }));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

/** A bench script of plain JavaScript, run by node alone (no compiler in the process whose memory is measured). */
export const startScript = (script: string, args: string[]): Promise<Child> => start([benchFile(script), ...args], {});

/**
 * `switchboard serve` from the built CLI on `db` (the bench builds it first), as users run it: through tsx
 * the process would also hold the compiler and its sources, some 70 MiB.
 */
export const startSwitchboard = (db: string, { workers = 0, audit = true, responseCache = true } = {}): Promise<Child> =>
  start(
    ['--import', benchFile('./memory-probe.mjs'), BIN, 'serve', '--host', '127.0.0.1', '--port', '0', '--db', db, '--json', ...(workers ? ['--workers', String(workers)] : [])],
    { SWITCHBOARD_AUDIT: audit ? 'on' : 'off', ...(responseCache ? {} : { SWITCHBOARD_RESPONSE_CACHE_MB: '0' }) },
  );
