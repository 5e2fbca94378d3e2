// Figures of a running process read from /proc (Linux): peak memory and CPU time.
import { readFileSync } from 'node:fs';

/** Peak resident memory, in MiB. */
export const peakRssMiB = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Math.round(Number(line?.match(/\d+/)?.[0] ?? 0) / 1024);
};

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) the process has used so far. */
export const cpuSeconds = (pid: number): number => {
  // The command name may hold spaces; the fields after its closing parenthesis do not.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
};
