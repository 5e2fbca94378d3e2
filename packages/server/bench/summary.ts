// The bench's report, per database: the request table, latency ratios, memory, seeding, audit and workers.
import { auditCostLines, type AuditCost } from './audit-cost.ts';
import { pagingLine, type PagingCost } from './paging-cost.ts';
import { restingLine, type RestingMemory } from './resting-memory.ts';
import type { BenchFixture } from './prepare.ts';
import { int, requestTable, type Figure, type Row } from './report.ts';
import { sideBySideRatio, type SideBySideRow } from './side-by-side.ts';
import { workersTable, type WorkersRow } from './workers.ts';

/** Where the server's memory was at one moment, and its peak resident set so far. */
export interface MemorySnapshot {
  peakRssMiB: number;
  usage: NodeJS.MemoryUsage;
}

export interface DatabaseRun {
  fixture: BenchFixture;
  rows: Row[];
  workers: WorkersRow[];
  ceiling: Figure;
  /** Absent when only the workers' figures were asked for. */
  memory?: { afterReads: MemorySnapshot; afterWrites: MemorySnapshot; /** The bare server's, over the same figures. */ barePeakRssMiB?: number; resting?: RestingMemory };
  /** The first and a deep page of calls, each read from the database. */
  paging?: PagingCost;
  audit?: AuditCost;
  /** The fixture's size against the database's own cache (database-size.ts). */
  sizeLine?: string;
}

export const findRow = (rows: readonly Row[], test: (name: string) => boolean): Row | undefined => rows.find((r) => test(r.name));

const shares = (rows: readonly Row[], server: 'bare' | 'switchboard') => rows.map((r) => (r[server].cpu * 100).toFixed(0)).join(' / ');
const idleShares = (rows: readonly Row[]) => rows.map((r) => (r.switchboard.idle * 100).toFixed(0)).join(' / ');
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

const memoryLine = (when: string, { peakRssMiB, usage }: MemorySnapshot) =>
  `${peakRssMiB} MiB ${when} (then RSS ${mib(usage.rss)} MiB: V8 heap ${mib(usage.heapUsed)} MiB used of ${mib(usage.heapTotal)}, ` +
  `external ${mib(usage.external)} MiB of which array buffers ${mib(usage.arrayBuffers)})`;

/** The bare server's peak RSS under the same requests, in the words both the memory line and the targets table use. */
export const bareRss = (peakRssMiB: number) => `bare node:http sending the same answers: ${peakRssMiB} MiB`;
const bareMemory = (peakRssMiB: number | undefined) => (peakRssMiB === undefined ? '' : `; ${bareRss(peakRssMiB)}`);

function latencyRatio(first: Row | undefined, deep: Row | undefined, what: string): string[] {
  return first && deep ? [`- ${what}, deep ÷ first page latency (p50): ${(deep.switchboard.p50Ms / first.switchboard.p50Ms).toFixed(2)}×`] : [];
}

export function databaseLines(run: DatabaseRun): string[] {
  const { fixture, rows } = run;
  if (rows.length === 0) return workersTable(fixture.database, run.workers);
  const consoleFirst = findRow(rows, (n) => n.startsWith('GET Console Calls log, first'));
  const consoleDeep = findRow(rows, (n) => n.startsWith('GET Console Calls log') && n.includes('deep'));
  return [
    `\n#### ${fixture.database}: ${int(fixture.calls)} calls, ${int(fixture.messages)} messages\n`,
    ...requestTable(rows),
    '',
    ...(run.paging ? [pagingLine(run.paging)] : []),
    ...latencyRatio(consoleFirst, consoleDeep, 'Console Calls log'),
    ...(run.memory ? [`- Switchboard peak RSS: ${memoryLine('after the GET figures', run.memory.afterReads)}; ${memoryLine('after the POST figures', run.memory.afterWrites)}${bareMemory(run.memory.barePeakRssMiB)}${run.memory.resting ? `; Switchboard ${restingLine(run.memory.resting)}` : ''}`] : []),
    `- wrk's ceiling (bare node:http, 2-byte answer): ${int(run.ceiling.rps)} req/s; share of a core busy in the rows above, bare ${shares(rows, 'bare')} %, Switchboard ${shares(rows, 'switchboard')} %; the machine's cores left idle in Switchboard's trials ${idleShares(rows)} %`,
    ...(run.sizeLine ? [run.sizeLine] : []),
    `- seeding (when the fixture was built): ${fixture.seedSeconds.toFixed(1)} s wall, ${fixture.seedCpuSeconds.toFixed(1)} s CPU`,
    ...(run.audit ? auditCostLines(run.audit) : []),
    ...workersTable(fixture.database, run.workers),
  ];
}

/** Switchboard's req/s on PostgreSQL ÷ on SQLite, per request both measured. */
/** PostgreSQL's req/s over SQLite's per figure; `failed` when either answered requests outside 2xx (fast refusals are no speed). */
export interface PostgresRatio {
  name: string;
  /** PostgreSQL's req/s over SQLite's. */
  raw: number;
  /** The same over each run's bare node:http in that figure: what is left when the machine was faster during one run than the other. */
  overBare: number;
  /** PostgreSQL's req/s over SQLite's with both servers up and their trials alternating (side-by-side.ts), when measured. */
  sideBySide?: number;
  /**
   * What the target is judged on: the side-by-side ratio when there is one; otherwise the lower of the two
   * above, so that neither the machine's drift nor bare's own noise can meet it alone.
   */
  ratio: number;
  failed: boolean;
}

/**
 * PostgreSQL against SQLite, figure by figure. The two runs follow each other, minutes apart, on a shared
 * machine: in one run its bare server answered the same POST 19,658 times a second on SQLite's turn and
 * 26,889 on PostgreSQL's, so req/s alone compared the machine's moments as much as the databases.
 */
export function postgresRatios(runs: readonly DatabaseRun[], sideBySide: readonly SideBySideRow[] = []): PostgresRatio[] {
  const sqlite = runs.find((r) => r.fixture.database === 'SQLite');
  const postgres = runs.find((r) => r.fixture.database === 'PostgreSQL');
  if (!sqlite || !postgres) return [];
  return postgres.rows.flatMap((row) => {
    const other = sqlite.rows.find((r) => r.name === row.name);
    if (!other) return [];
    const together = sideBySide.find((r) => r.name === row.name);
    const failed = [row.switchboard, other.switchboard, together?.sqlite, together?.postgres].some((figure) => (figure?.badStatus ?? 0) > 0);
    const raw = row.switchboard.rps / other.switchboard.rps;
    const overBare = row.switchboard.rps / row.bare.rps / (other.switchboard.rps / other.bare.rps);
    const measured = together && sideBySideRatio(together);
    return [{ name: row.name, raw, overBare, ...(measured !== undefined && { sideBySide: measured }), ratio: measured ?? Math.min(raw, overBare), failed }];
  });
}

export function postgresLines(runs: readonly DatabaseRun[], sideBySide: readonly SideBySideRow[] = []): string[] {
  const ratios = postgresRatios(runs, sideBySide);
  if (ratios.length === 0) return [];
  const together = (r: PostgresRatio) => {
    const row = sideBySide.find((s) => s.name === r.name);
    return row && r.sideBySide !== undefined ? `${r.sideBySide.toFixed(2)}× (${int(row.postgres.rps)} ÷ ${int(row.sqlite.rps)})` : '—';
  };
  return [
    '\n#### PostgreSQL ÷ SQLite\n',
    'Side by side: both servers up at once, their trials alternating, after both runs above.\n',
    '| request | side by side, req/s | each run\'s Switchboard req/s | each over its run\'s bare node:http |',
    '|---|---:|---:|---:|',
    ...ratios.map((r) => `| ${r.name} | ${together(r)} | ${r.raw.toFixed(2)}× | ${r.overBare.toFixed(2)}×${r.failed ? ' (answers outside 2xx)' : ''} |`),
  ];
}
