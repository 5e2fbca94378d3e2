// Figures of a running process read from /proc (Linux): peak memory and CPU time.
import { readFileSync, readlinkSync, writeFileSync } from 'node:fs';

/** A memory field of /proc/<pid>/status (given in kB there), in MiB. */
const statusMiB = (pid: number, field: 'VmHWM' | 'VmRSS'): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return Math.round(Number(line?.match(/\d+/)?.[0] ?? 0) / 1024);
};

/** Peak resident memory, in MiB. */
export const peakRssMiB = (pid: number): number => statusMiB(pid, 'VmHWM');

/** Resident memory now, in MiB. */
export const residentMiB = (pid: number): number => statusMiB(pid, 'VmRSS');

/** KiB resident in the mappings of one file, from the text of /proc/<pid>/smaps. */
export function residentKiBOfFile(smaps: string, file: string): number {
  let inFile = false;
  let kib = 0;
  for (const line of smaps.split('\n')) {
    // A mapping's header: `start-end perms offset dev inode [path]`; its fields follow as `Name: value kB`.
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (header) inFile = header[1] === file;
    else if (inFile && line.startsWith('Rss:')) kib += Number(line.match(/\d+/)?.[0] ?? 0);
  }
  return kib;
}

/** MiB of the process's own executable (node's code and read-only data) resident now: a floor any node server pays. */
export const executableResidentMiB = (pid: number): number =>
  Math.round(residentKiBOfFile(readFileSync(`/proc/${pid}/smaps`, 'utf8'), readlinkSync(`/proc/${pid}/exe`)) / 1024);

/**
 * Starts the process's peak resident memory over from what it holds now (Linux 4.0+), so that the peak
 * read later is the one under the load measured since. The bare server's came from parsing its canned
 * answers at start (134–142 MiB, against 110–120 under load), which no request costs it.
 */
export const resetPeakRss = (pid: number): void => writeFileSync(`/proc/${pid}/clear_refs`, '5');

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) the process has used so far. */
export const cpuSeconds = (pid: number): number => {
  // The command name may hold spaces; the fields after its closing parenthesis do not.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
};

/** The machine's CPU time so far, in ticks of all cores: idle (idle and waiting on I/O) and in all. */
export interface MachineTicks {
  idle: number;
  total: number;
}

/** The ticks of /proc/stat's first line (`cpu user nice system idle iowait irq softirq steal …`). */
export const machineTicksOf = (procStat: string): MachineTicks => {
  const ticks = procStat.slice(0, procStat.indexOf('\n')).trim().split(/\s+/).slice(1).map(Number);
  return { idle: ticks[3]! + ticks[4]!, total: ticks.reduce((sum, t) => sum + t, 0) };
};

export const machineTicks = (): MachineTicks => machineTicksOf(readFileSync('/proc/stat', 'utf8'));

/** The share of the machine's cores idle between two readings: what no process could use. */
export const idleShare = (before: MachineTicks, after: MachineTicks): number =>
  after.total > before.total ? (after.idle - before.idle) / (after.total - before.total) : 0;
