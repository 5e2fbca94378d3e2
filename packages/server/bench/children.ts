// The servers under test, each in a process of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child {
  process: ChildProcess;
  pid: number;
  url: string;
  stop(): void;
}

export const benchFile = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Starts a bench script that prints `{"url": …}` on its first line once it listens. */
export function startChild(script: string, args: string[]): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', benchFile(script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = () => child.kill('SIGTERM');
  process.once('exit', stop);
  // Interrupted, the bench takes its servers down with it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      if (out.includes('\n')) resolve({ process: child, pid: child.pid!, url: (JSON.parse(out.split('\n')[0]!) as { url: string }).url, stop });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}
