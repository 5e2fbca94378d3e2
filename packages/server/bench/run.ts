// `npm run bench`: Switchboard's figures against bare node:http sending the same bytes, driven by wrk,
// interleaved in one run. BENCH_CALLS, BENCH_MESSAGES, BENCH_SECONDS, BENCH_TRIALS, BENCH_CONNECTIONS and
// BENCH_DATABASES (sqlite,postgres) shorten or shape it; BENCH_ONLY=workers runs only the
// `serve --workers 2` ÷ `--workers 1` figures. The report goes to data/bench/report.md, and with
// `npm run bench -- --readme` (or BENCH_README=1) into the README too.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import { measureAuditCost } from './audit-cost.ts';
import { compactSqlite } from './compact-sqlite.ts';
import { databaseSizeLine } from './database-size.ts';
import { measurePagingCost } from './paging-cost.ts';
import type { CannedResponses } from './canned-responses.ts';
import { openStorage } from '../src/storage/database.ts';
import { addCredit } from '../src/storage/repositories/balance-credits.ts';
import { benchFile, startScript, startSwitchboard, type Child } from './children.ts';
import { buildPackages, coldStartLines } from './cold-start.ts';
import { prepareFixture, type BenchDatabase, type BenchFixture } from './prepare.ts';
import { readIntoPageCache } from './page-cache.ts';
import { restingMemory } from './resting-memory.ts';
import { cpuSeconds, idleShare, machineTicks, peakRssMiB, resetPeakRss } from './process-stats.ts';
import { int, medianFigure, ms, type Figure, type Row } from './report.ts';
import { wantsReadme, writeReport } from './report-file.ts';
import { DISTINCT_PAGES, scenariosFor, type Scenario } from './scenarios.ts';
import { databaseLines, postgresLines, type DatabaseRun, type MemorySnapshot } from './summary.ts';
import { doneWhenLines, type WorldCreation } from './targets.ts';
import { benchSideBySide, type SideBySideRow } from './side-by-side.ts';
import { benchWorkers } from './workers.ts';
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

const LOAD_AT_START = loadavg()[0]!.toFixed(2);

const dataDir = fileURLToPath(new URL('../../../data/bench', import.meta.url));

/**
 * Seconds of the same load each trial starts with, not counted. Trials alternate between servers, so each
 * server sits idle through the other's trial, and a server idle for 10 s then ran its next 5-second trial
 * slower: on PostgreSQL's pages that all differ 0.65–0.85× its rate without the pause (its backends used
 * more CPU per page), on SQLite's 0.8–0.9×. After 2 s of load it was back to its rate without a pause;
 * after 1 s, not yet. Every server gets the same warm-up, the bare one too.
 */
const WARM_UP_SECONDS = 2;

/** One wrk run, with the share of a core the server spent on it and the share of the machine's cores left idle. */
async function measure(server: Child, requests: readonly WrkRequest[], seconds: number): Promise<Figure> {
  const cpuBefore = cpuSeconds(server.pid);
  const ticksBefore = machineTicks();
  const r = await runWrk(server.url, requests, { seconds, connections: CONNECTIONS, scriptFile: `${dataDir}/requests.lua` });
  if (r.badStatus > 0) console.warn(`  ${r.badStatus} answers outside 2xx in this trial; the same request right after: ${await answerTo(server, requests[0]!)}`);
  return { rps: r.rps, p50Ms: r.p50Ms, p99Ms: r.p99Ms, badStatus: r.badStatus, socketErrors: r.socketErrors, cpu: (cpuSeconds(server.pid) - cpuBefore) / seconds, idle: idleShare(ticksBefore, machineTicks()) };
}

/** A trial of a figure whose servers take turns: the warm-up, then the measured run. */
async function trial(server: Child, requests: readonly WrkRequest[], seconds: number): Promise<Figure> {
  await runWrk(server.url, requests, { seconds: WARM_UP_SECONDS, connections: CONNECTIONS, scriptFile: `${dataDir}/requests.lua` });
  return measure(server, requests, seconds);
}

/** One request's status and the start of its body: what a refusal says, for a trial that saw answers outside 2xx. */
async function answerTo(server: Child, { method, path, headers, body }: WrkRequest): Promise<string> {
  const response = await fetch(`${server.url}${path}`, { method, headers, body });
  return `${response.status} ${(await response.text()).slice(0, 300)}`;
}

/** Answers kept per figure: the bare server sends these in turn for a figure of thousands of different pages. */
const CANNED_SAMPLES = 200;

/** The bytes Switchboard answers each request with, for the bare server to send back verbatim. */
async function cannedResponses(switchboard: Child, scenarios: readonly Scenario[]): Promise<CannedResponses> {
  const canned: CannedResponses = { responses: { [`GET ${CEILING.path}`]: { status: 200, contentType: 'application/json', body: '{}' } }, aliases: {} };
  for (const { requests } of scenarios) {
    for (const [i, request] of requests.entries()) {
      const key = `${request.method} ${request.path}`;
      if (i >= CANNED_SAMPLES) {
        canned.aliases[key] = `${requests[i % CANNED_SAMPLES]!.method} ${requests[i % CANNED_SAMPLES]!.path}`;
        continue;
      }
      const res = await fetch(switchboard.url + request.path, { method: request.method, headers: request.headers, body: request.body });
      const body = await res.text();
      if (!res.ok) throw new Error(`${key}: Switchboard answered ${res.status} ${body}`);
      canned.responses[key] = { status: res.status, contentType: res.headers.get('content-type') ?? 'application/json', body };
    }
  }
  return canned;
}

/**
 * The calls and messages earlier runs POSTed (all in the Connect subaccount), and the audit trail of their
 * requests: each run starts from the seeded data alone. The customer gets credit for this run's writes,
 * so that no POST is refused for want of balance (403 / 20005) and every POST figure measures a message
 * or call really made.
 */
async function forgetBenchWrites(fixture: BenchFixture): Promise<void> {
  const storage = openStorage(fixture.url);
  for (const table of ['transcriptions', 'recordings', 'calls', 'messages'] as const) {
    await storage.db.deleteFrom(table).where('account_sid', '=', fixture.connectSid).execute();
  }
  // The audit trail of earlier runs' requests (the seed writes none): kept, it grew the fixture by millions of rows a run.
  await storage.db.deleteFrom('connect_activity').where('account_sid', '=', fixture.customerSid).execute();
  await storage.db.deleteFrom('connect_activity_daily').where('account_sid', '=', fixture.customerSid).execute();
  await addCredit(storage.db, fixture.customerSid, BENCH_CREDIT_MICROS, 'Benchmark writes', Date.now());
  // The deleted rows' versions stay in PostgreSQL's tables and indexes until a vacuum, and a server with
  // autovacuum off never runs one: runs after runs, the messages table held ten dead rows to each live one.
  if (storage.dialect === 'postgres') await sql`vacuum analyze calls, messages, recordings, transcriptions, connect_activity, connect_activity_daily, usage_daily`.execute(storage.db);
  else await compactSqlite(storage.db);
  await storage.close();
}

async function benchDatabase(database: BenchDatabase): Promise<DatabaseRun> {
  console.log(`\n${database}: preparing ${int(CALLS)} calls and ${int(MESSAGES)} messages (kept in data/bench/ for the next run)…`);
  const fixture = await prepareFixture(dataDir, database, CALLS, MESSAGES);
  await forgetBenchWrites(fixture);
  const scenarios = await scenariosFor(fixture);
  const workers = () => benchWorkers(fixture, scenarios, (server, scenario, seconds) => trial(server, scenario.requests, seconds), { seconds: SECONDS, trials: TRIALS });
  if (ONLY_WORKERS) return { fixture, rows: [], workers: await workers(), ceiling: { rps: 0, p50Ms: 0, p99Ms: 0, badStatus: 0, socketErrors: 0, cpu: 0, idle: 0 } };
  const switchboard = await startSwitchboard(fixture.url);
  const resting = await restingMemory(switchboard);
  const canned = await cannedResponses(switchboard, scenarios);
  const cannedFile = `${dataDir}/canned-responses.json`;
  writeFileSync(cannedFile, JSON.stringify(canned));
  const bare = await startScript('./baseline.mjs', [cannedFile]);
  const ceiling = await trial(bare, [CEILING], SECONDS);
  console.log(`  wrk against a 2-byte answer from bare node:http: ${int(ceiling.rps)} req/s (bare server busy ${(ceiling.cpu * 100).toFixed(0)} % of a core)`);

  const rows: Row[] = [];
  // The peaks compared are those under the figures' load, not those of starting up.
  for (const server of [switchboard, bare]) resetPeakRss(server.pid);
  const snapshot = async (): Promise<MemorySnapshot> => ({ peakRssMiB: peakRssMiB(switchboard.pid), usage: await switchboard.memory() });
  let afterReads: MemorySnapshot | undefined;
  for (const scenario of scenarios) {
    if (scenario.kind === 'write') afterReads ??= await snapshot();
    else await readIntoPageCache(fixture);
    // Trials alternate, so both servers see the same moments of the machine; each warms up first.
    const trials = { switchboard: [] as Figure[], bare: [] as Figure[] };
    for (let t = 0; t < TRIALS; t++) {
      trials.switchboard.push(await trial(switchboard, scenario.requests, SECONDS));
      trials.bare.push(await trial(bare, scenario.requests, SECONDS));
    }
    const asked = new Set(scenario.requests.map((r) => `${r.method} ${r.path}`));
    const sampled = Object.keys(canned.responses).filter((key) => asked.has(key));
    const bytes = Math.round(sampled.reduce((sum, key) => sum + Buffer.byteLength(canned.responses[key]!.body), 0) / sampled.length);
    const row: Row = { name: scenario.name, switchboard: medianFigure(trials.switchboard), bare: medianFigure(trials.bare), bytes };
    rows.push(row);
    console.log(`  ${row.name}: ${int(row.switchboard.rps)} req/s (p99 ${ms(row.switchboard.p99Ms)} ms) vs ${int(row.bare.rps)} bare — ${((row.switchboard.rps / row.bare.rps) * 100).toFixed(1)} %`);
    const { badStatus, socketErrors } = row.switchboard;
    if (badStatus || socketErrors) console.warn(`  ${row.name}: Switchboard answered ${badStatus} requests outside 2xx; ${socketErrors} socket errors or timeouts`);
    if (row.bare.cpu < BUSY_CORE) console.warn(`  ${row.name}: the bare server used ${(row.bare.cpu * 100).toFixed(0)} % of a core — its figure is bounded by the client or the machine, not by the server`);
  }
  const memory = { afterReads: afterReads ?? (await snapshot()), afterWrites: await snapshot(), barePeakRssMiB: peakRssMiB(bare.pid), resting };
  await Promise.all([switchboard.stop(), bare.stop()]);
  const firstPage = scenarios.find((s) => s.name.startsWith('GET Calls first'))!;
  const deepPage = scenarios.find((s) => s.name.startsWith('GET Calls page') && s.name.includes('deep'))!;
  // Read from a fixture with nothing in flight: the calls the POST figures placed ring and talk for
  // minutes, and a server moving tens of thousands of them would share the CPU with the pages measured.
  await forgetBenchWrites(fixture);
  await readIntoPageCache(fixture);
  const paging = await measurePagingCost(fixture, firstPage, deepPage, { measure, trials: TRIALS, seconds: SECONDS });
  const audit = await measureAuditCost(fixture, firstPage, { measure: trial, trials: TRIALS, seconds: SECONDS });
  await forgetBenchWrites(fixture);
  return { fixture, rows, workers: await workers(), ceiling, memory, paging, audit, sizeLine: await databaseSizeLine(fixture) };
}

/** PostgreSQL against SQLite with both servers up, their trials alternating (side-by-side.ts); none without both databases' runs. */
async function databasesSideBySide(runs: readonly DatabaseRun[]): Promise<SideBySideRow[]> {
  const sqlite = runs.find((r) => r.fixture.database === 'SQLite' && r.rows.length > 0)?.fixture;
  const postgres = runs.find((r) => r.fixture.database === 'PostgreSQL' && r.rows.length > 0)?.fixture;
  if (!sqlite || !postgres) return [];
  console.log('\nPostgreSQL against SQLite, side by side…');
  for (const fixture of [sqlite, postgres]) {
    await forgetBenchWrites(fixture);
    await readIntoPageCache(fixture);
  }
  const scenarios = { sqlite: await scenariosFor(sqlite), postgres: await scenariosFor(postgres) };
  const servers = { sqlite: await startSwitchboard(sqlite.url), postgres: await startSwitchboard(postgres.url) };
  try {
    return await benchSideBySide(servers, scenarios, (server, scenario, seconds) => trial(server, scenario.requests, seconds), { seconds: SECONDS, trials: TRIALS });
  } finally {
    await Promise.all([servers.sqlite.stop(), servers.postgres.stop()]);
    for (const fixture of [sqlite, postgres]) await forgetBenchWrites(fixture);
  }
}

/** `switchboard/testing`'s setup times, from a process of its own (the built package). */
function worldCreation(): { lines: string[]; world: WorldCreation } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', benchFile('./world-creation.ts')], { encoding: 'utf8' });
  const number = (pattern: RegExp) => Number(pattern.exec(out)?.[1]);
  return { lines: out.trim().split('\n'), world: { startupMs: number(/createSwitchboard\(\): ([\d.]+) ms/), worldMs: number(/median ([\d.]+) ms/) } };
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  ensureWrk();
  buildPackages();
  const runs: DatabaseRun[] = [];
  for (const database of DATABASES) runs.push(await benchDatabase(database));
  const sideBySide = await databasesSideBySide(runs);
  const cold = ONLY_WORKERS ? [] : await coldStartLines();
  const testing = ONLY_WORKERS ? undefined : worldCreation();
  const settings = Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_') && k !== 'BENCH_README').map(([k, v]) => `${k}=${v} `).join('');
  const report = [
    `\`${settings}npm run bench\` on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load average ${LOAD_AT_START} at its start. ` +
      `${TRIALS} interleaved trials of ${SECONDS} s per figure (medians), wrk with ${CONNECTIONS} keep-alive connections, Connect credentials; ` +
      `the ${int(DISTINCT_PAGES)} different pages are asked for in turn, so none comes back within ${int(DISTINCT_PAGES - 1)} requests ` +
      `(bare node:http answers them with ${CANNED_SAMPLES} of Switchboard's pages in turn).`,
    ...doneWhenLines(runs, testing?.world, CONNECTIONS, sideBySide),
    ...runs.flatMap(databaseLines),
    ...postgresLines(runs, sideBySide),
    ...(cold.length ? ['', ...cold.map((line) => line.trim())] : []),
    ...(testing ? ['', '`switchboard/testing` (`bench/world-creation.ts`):', '', ...testing.lines.map((line) => `- ${line}`)] : []),
  ].join('\n');
  console.log(`\n${report}`);
  writeReport(`${dataDir}/report.md`, `${report}\n`, { readme: wantsReadme(process.argv.slice(2), process.env) });
}

await main();
