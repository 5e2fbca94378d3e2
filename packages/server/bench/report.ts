// The bench's printed tables.
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

export interface Figure {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Share of one core the server used while measured. */
  cpu: number;
  /** Share of the machine's cores left idle while measured: high when the figure waits on something other than CPU. */
  idle: number;
  badStatus: number;
  socketErrors: number;
}

export interface Row {
  name: string;
  switchboard: Figure;
  bare: Figure;
  bytes: number;
}

export const ratioBar = (ratio: number) => `**${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} %** ${'█'.repeat(Math.min(20, Math.round(ratio * 20)))}`;

export function requestTable(rows: readonly Row[]): string[] {
  return [
    '| request | Switchboard req/s | p50 / p99 ms | bare node:http req/s | p50 / p99 ms | Switchboard ÷ bare | response |',
    '|---|---:|---:|---:|---:|---|---:|',
    ...rows.map((r) =>
      `| ${r.name} | ${int(r.switchboard.rps)} | ${ms(r.switchboard.p50Ms)} / ${ms(r.switchboard.p99Ms)} | ${int(r.bare.rps)} | ${ms(r.bare.p50Ms)} / ${ms(r.bare.p99Ms)} | ${ratioBar(r.switchboard.rps / r.bare.rps)} | ${(r.bytes / 1024).toFixed(1)} KiB |`),
  ];
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The median of each field over a figure's trials. */
export const medianFigure = (trials: readonly Figure[]): Figure => ({
  rps: median(trials.map((t) => t.rps)),
  p50Ms: median(trials.map((t) => t.p50Ms)),
  p99Ms: median(trials.map((t) => t.p99Ms)),
  cpu: median(trials.map((t) => t.cpu)),
  idle: median(trials.map((t) => t.idle)),
  badStatus: trials.reduce((sum, t) => sum + t.badStatus, 0),
  socketErrors: trials.reduce((sum, t) => sum + t.socketErrors, 0),
});

export { int, ms };
