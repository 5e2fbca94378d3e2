// `npm run bench`: Switchboard's figures against bare node:http sending the same bytes, driven by wrk,
// interleaved in one run. BENCH_CALLS, BENCH_MESSAGES, BENCH_SECONDS, BENCH_TRIALS, BENCH_CONNECTIONS and
// BENCH_DATABASES (sqlite,postgres) shorten or shape it; BENCH_ONLY=workers runs only the
// `serve --workers 2` ÷ `--workers 1` figures.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { auditCostLines, measureAuditCost, type AuditCost } from './audit-cost.ts';
import type { CannedResponse } from './baseline.ts';
import { openStorage } from '../src/storage/database.ts';
import { addCredit } from '../src/storage/repositories/balance-credits.ts';
import { startChild, type Child } from './children.ts';
import { coldStartLines } from './cold-start.ts';
import { prepareFixture, type BenchDatabase, type BenchFixture } from './prepare.ts';
import { cpuSeconds, peakRssMiB } from './process-stats.ts';
import { int, medianFigure, ms, requestTable, type Figure, type Row } from './report.ts';
import { scenariosFor, type Scenario } from './scenarios.ts';
import { benchWorkers, workersTable, type WorkersRow } from './workers.ts';
import { ensureWrk, runWrk, type WrkRequest } from './wrk.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** $100,000: far more than a run's POSTs cost at any speed this machine reaches. */
const BENCH_CREDIT_MICROS = 100_000 * 1_000_000;
const ONLY_WORKERS = process.env.BENCH_ONLY === 'workers';
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map((d): BenchDatabase => (d.trim() === 'postgres' ? 'PostgreSQL' : 'SQLite'));
/** The bare server answers this tiny response too: the rate at which wrk saturates on this machine. */
const CEILING: WrkRequest = { method: 'GET', path: '/bench/ceiling', headers: {} };
/** Below this share of a core, the bare server was waiting on its client, not working. */
const BUSY_CORE = 0.85;

const dataDir = fileURLToPath(new URL('../../../data/bench', import.meta.url));

/** One wrk run, with the share of a core the server spent on it. */
async function measure(server: Child, requests: readonly WrkRequest[], seconds: number): Promise<Figure> {
  const cpuBefore = cpuSeconds(server.pid);
  const r = await runWrk(server.url, requests, { seconds, connections: CONNECTIONS, scriptFile: `${dataDir}/requests.lua` });
  return { rps: r.rps, p50Ms: r.p50Ms, p99Ms: r.p99Ms, badStatus: r.badStatus, socketErrors: r.socketErrors, cpu: (cpuSeconds(server.pid) - cpuBefore) / seconds };
}

/** The bytes Switchboard answers each request with, for the bare server to send back verbatim. */
async function cannedResponses(switchboard: Child, scenarios: readonly Scenario[]): Promise<Record<string, CannedResponse>> {
  const canned: Record<string, CannedResponse> = { [`GET ${CEILING.path}`]: { status: 200, contentType: 'application/json', body: '{}' } };
  for (const request of scenarios.flatMap((s) => s.requests)) {
    const res = await fetch(switchboard.url + request.path, { method: request.method, headers: request.headers, body: request.body });
    const body = await res.text();
    if (!res.ok) throw new Error(`${request.method} ${request.path}: Switchboard answered ${res.status} ${body}`);
    canned[`${request.method} ${request.path}`] = { status: res.status, contentType: res.headers.get('content-type') ?? 'application/json', body };
  }
  return canned;
}

/**
 * The calls and messages earlier runs POSTed (all in the Connect subaccount): each run starts from the
 * seeded data alone. The customer gets credit for this run's writes, so that no POST is refused for want
 * of balance (403 / 20005) and every POST figure measures a message or call really made.
 */
async function forgetBenchWrites(fixture: BenchFixture): Promise<void> {
  const storage = openStorage(fixture.url);
  for (const table of ['transcriptions', 'recordings', 'calls', 'messages'] as const) {
    await storage.db.deleteFrom(table).where('account_sid', '=', fixture.connectSid).execute();
  }
  await addCredit(storage.db, fixture.customerSid, BENCH_CREDIT_MICROS, 'Benchmark writes', Date.now());
  await storage.close();
}

interface DatabaseRun {
  fixture: BenchFixture;
  rows: Row[];
  workers: WorkersRow[];
  ceiling: Figure;
  rssAfterReads: number;
  rssAfterWrites: number;
  /** Absent when only the workers' figures were asked for. */
  audit?: AuditCost;
}

async function benchDatabase(database: BenchDatabase): Promise<DatabaseRun> {
  console.log(`\n${database}: preparing ${int(CALLS)} calls and ${int(MESSAGES)} messages (kept in data/bench/ for the next run)…`);
  const fixture = await prepareFixture(dataDir, database, CALLS, MESSAGES);
  await forgetBenchWrites(fixture);
  const scenarios = await scenariosFor(fixture);
  const workers = () => benchWorkers(fixture, scenarios, (server, scenario, seconds) => measure(server, scenario.requests, seconds), { seconds: SECONDS, trials: TRIALS });
  if (ONLY_WORKERS) return { fixture, rows: [], workers: await workers(), ceiling: { rps: 0, p50Ms: 0, p99Ms: 0, badStatus: 0, socketErrors: 0, cpu: 0 }, rssAfterReads: 0, rssAfterWrites: 0 };
  const switchboard = await startChild('./serve-child.ts', [fixture.url]);
  const canned = await cannedResponses(switchboard, scenarios);
  const cannedFile = `${dataDir}/canned-responses.json`;
  writeFileSync(cannedFile, JSON.stringify(canned));
  const bare = await startChild('./baseline.ts', [cannedFile]);
  await measure(bare, [CEILING], 1);
  const ceiling = await measure(bare, [CEILING], SECONDS);
  console.log(`  wrk against a 2-byte answer from bare node:http: ${int(ceiling.rps)} req/s (bare server busy ${(ceiling.cpu * 100).toFixed(0)} % of a core)`);

  const rows: Row[] = [];
  let rssAfterReads = 0;
  for (const scenario of scenarios) {
    if (scenario.kind === 'write' && !rssAfterReads) rssAfterReads = peakRssMiB(switchboard.pid);
    // Warm both up (JIT, page cache), then alternate trials so both see the same moments of the machine.
    await measure(switchboard, scenario.requests, 1);
    await measure(bare, scenario.requests, 1);
    const trials = { switchboard: [] as Figure[], bare: [] as Figure[] };
    for (let t = 0; t < TRIALS; t++) {
      trials.switchboard.push(await measure(switchboard, scenario.requests, SECONDS));
      trials.bare.push(await measure(bare, scenario.requests, SECONDS));
    }
    const bytes = Math.round(scenario.requests.reduce((sum, r) => sum + Buffer.byteLength(canned[`${r.method} ${r.path}`]!.body), 0) / scenario.requests.length);
    const row: Row = { name: scenario.name, switchboard: medianFigure(trials.switchboard), bare: medianFigure(trials.bare), bytes };
    rows.push(row);
    console.log(`  ${row.name}: ${int(row.switchboard.rps)} req/s (p99 ${ms(row.switchboard.p99Ms)} ms) vs ${int(row.bare.rps)} bare — ${((row.switchboard.rps / row.bare.rps) * 100).toFixed(1)} %`);
    const { badStatus, socketErrors } = row.switchboard;
    if (badStatus || socketErrors) console.warn(`  ${row.name}: Switchboard answered ${badStatus} requests outside 2xx; ${socketErrors} socket errors or timeouts`);
    if (row.bare.cpu < BUSY_CORE) console.warn(`  ${row.name}: the bare server used ${(row.bare.cpu * 100).toFixed(0)} % of a core — its figure is bounded by the client or the machine, not by the server`);
  }
  const rssAfterWrites = peakRssMiB(switchboard.pid);
  switchboard.stop();
  bare.stop();
  const firstPage = scenarios.find((s) => s.name.startsWith('GET Calls first'))!;
  const audit = await measureAuditCost(fixture, firstPage, { measure, trials: TRIALS, seconds: SECONDS });
  await forgetBenchWrites(fixture);
  return { fixture, rows, workers: await workers(), ceiling, rssAfterReads, rssAfterWrites, audit };
}

const shares = (rows: readonly Row[], server: 'bare' | 'switchboard') => rows.map((r) => (r[server].cpu * 100).toFixed(0)).join(' / ');

function summary(runs: readonly DatabaseRun[]): string[] {
  const lines: string[] = [];
  for (const run of runs) {
    const { fixture, rows } = run;
    if (rows.length === 0) {
      lines.push(...workersTable(fixture.database, run.workers));
      continue;
    }
    const first = rows.find((r) => r.name.startsWith('GET Calls first'))!;
    const deep = rows.find((r) => r.name.startsWith('GET Calls page') && r.name.includes('deep'))!;
    const consoleFirst = rows.find((r) => r.name.startsWith('GET Console Calls log, first'))!;
    const consoleDeep = rows.find((r) => r.name.startsWith('GET Console Calls log') && r.name.includes('deep'))!;
    lines.push(
      `\n### ${fixture.database}: ${int(fixture.calls)} calls, ${int(fixture.messages)} messages\n`,
      ...requestTable(rows),
      '',
      `- deep ÷ first page latency (p50): ${(deep.switchboard.p50Ms / first.switchboard.p50Ms).toFixed(2)}×`,
      `- Console Calls log, deep ÷ first page latency (p50): ${(consoleDeep.switchboard.p50Ms / consoleFirst.switchboard.p50Ms).toFixed(2)}×`,
      `- Switchboard peak RSS: ${run.rssAfterReads} MiB after the GET figures, ${run.rssAfterWrites} MiB after the POST figures`,
      `- wrk's ceiling (bare node:http, 2-byte answer): ${int(run.ceiling.rps)} req/s; share of a core busy in the rows above, bare ${shares(rows, 'bare')} %, Switchboard ${shares(rows, 'switchboard')} %`,
      `- seeding (when the fixture was built): ${fixture.seedSeconds.toFixed(1)} s wall, ${fixture.seedCpuSeconds.toFixed(1)} s CPU`,
      ...(run.audit ? auditCostLines(run.audit) : []),
      ...workersTable(fixture.database, run.workers),
    );
  }
  const sqlite = runs.find((r) => r.fixture.database === 'SQLite');
  const postgres = runs.find((r) => r.fixture.database === 'PostgreSQL');
  if (sqlite && postgres && sqlite.rows.length > 0 && postgres.rows.length > 0) {
    lines.push('\n### PostgreSQL ÷ SQLite (Switchboard req/s)\n', '| request | ratio |', '|---|---:|');
    for (const row of postgres.rows) {
      const other = sqlite.rows.find((r) => r.name === row.name);
      if (other) lines.push(`| ${row.name} | ${(row.switchboard.rps / other.switchboard.rps).toFixed(2)}× |`);
    }
  }
  return lines;
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  ensureWrk();
  const runs: DatabaseRun[] = [];
  for (const database of DATABASES) runs.push(await benchDatabase(database));
  const cold = ONLY_WORKERS ? [] : await coldStartLines();
  console.log(`\n${TRIALS} interleaved trials of ${SECONDS} s per figure (medians), wrk with ${CONNECTIONS} keep-alive connections, Connect credentials.`);
  for (const line of [...summary(runs), ...(cold.length ? ['', ...cold] : [])]) console.log(line);
}

await main();
