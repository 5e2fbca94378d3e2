// The servers under test, each in a process of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child {
  process: ChildProcess;
  pid: number;
  url: string;
  /** The child's process.memoryUsage(), for the children that print it on SIGUSR2 (serve-child.ts). */
  memory(): Promise<NodeJS.MemoryUsage>;
  stop(): void;
}

export const benchFile = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Starts a bench script that prints `{"url": …}` on its first line once it listens. */
export function startChild(script: string, args: string[], nodeOptions: string[] = []): Promise<Child> {
  const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', benchFile(script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = () => child.kill('SIGTERM');
  process.once('exit', stop);
  // Interrupted, the bench takes its servers down with it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
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
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}
