// Memory at rest: a server's resident set once it listens and has settled, before its first request, and
// how much of it is node's own executable. The peaks under load grow from there; the bare node:http
// server's at rest says what any node server starts with.
import { setTimeout as sleep } from 'node:timers/promises';
import { startScript, type Child } from './children.ts';
import { executableResidentMiB, residentMiB } from './process-stats.ts';

export interface RestingMemory {
  switchboardMiB: number;
  /** Of Switchboard's: the node executable's code and read-only data, shared by every node process. */
  executableMiB: number;
  bareMiB: number;
}

/** Time for a server that listens to settle: its worker threads start and load their code. */
const SETTLE_MS = 1500;

/** Switchboard's memory at rest, read before anything is asked of it, beside a bare node:http server's started now. */
export async function restingMemory(switchboard: Child): Promise<RestingMemory> {
  const bare = await startScript('./cold-start-bare.mjs', ['0']);
  try {
    await sleep(SETTLE_MS);
    return { switchboardMiB: residentMiB(switchboard.pid), executableMiB: executableResidentMiB(switchboard.pid), bareMiB: residentMiB(bare.pid) };
  } finally {
    await bare.stop();
  }
}

export const restingLine = ({ switchboardMiB, executableMiB, bareMiB }: RestingMemory): string =>
  `at rest before its first request ${switchboardMiB} MiB, ${executableMiB} of them node's own executable; bare node:http at rest ${bareMiB} MiB`;
