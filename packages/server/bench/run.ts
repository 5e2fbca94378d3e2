// `npm run bench`: Switchboard's hot paths against bare node:http sending the same bytes, in one run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeCursor } from '../src/api/2010-04-01/paging.ts';
import { openStorage } from '../src/storage/database.ts';
import type { CannedResponse } from './baseline.ts';
import { coldStart } from './cold-start.ts';
import type { LoadResult, LoadSpec } from './load.ts';
import { prepareFixture, type BenchFixture } from './prepare.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

function startChild(script: string, args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', here(script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ child, url: (JSON.parse(line!) as { url: string }).url });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function load(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', here('./load.ts'), JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load generator exited with ${code}`))));
  });
}

/** Peak resident memory of a process, in MiB (Linux). */
const peakRssMiB = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Math.round(Number(line?.match(/\d+/)?.[0] ?? 0) / 1024);
};

async function deepPageToken(fixture: BenchFixture, offset: number): Promise<string> {
  const storage = openStorage(fixture.dbFile);
  const row = await storage.db
    .selectFrom('calls').select(['date_created', 'sid']).where('account_sid', '=', fixture.customerSid)
    .orderBy('date_created', 'desc').orderBy('sid', 'desc').offset(offset - 1).limit(1).executeTakeFirstOrThrow();
  await storage.close();
  return encodeCursor({ direction: 'after', created: row.date_created, key: row.sid });
}

async function main(): Promise<void> {
  const dataDir = fileURLToPath(new URL('../../../data/bench', import.meta.url));
  mkdirSync(dataDir, { recursive: true });
  console.log(`Preparing ${CALLS.toLocaleString('en-US')} seeded calls (kept in data/bench/ for the next run)…`);
  const fixture = await prepareFixture(dataDir, CALLS);
  const deep = Math.min(900_000, Math.floor(CALLS * 0.9));
  const token = await deepPageToken(fixture, deep);
  const week = new Date(fixture.seededAt - 7 * 86_400_000).toISOString().slice(0, 10);
  const calls = `/2010-04-01/Accounts/${fixture.customerSid}/Calls.json`;
  const scenarios: Scenario[] = [
    { name: 'GET Calls.json?PageSize=50, first page', method: 'GET', path: `${calls}?PageSize=50` },
    { name: `GET Calls.json, page ${deep.toLocaleString('en-US')} rows deep`, method: 'GET', path: `${calls}?PageSize=50&Page=${deep / 50}&PageToken=${token}` },
    { name: 'GET Calls.json?Status=completed&StartTime>=…', method: 'GET', path: `${calls}?Status=completed&StartTime%3E=${week}&PageSize=50` },
    {
      name: 'POST Messages.json (Connect post-all)',
      method: 'POST',
      path: `/2010-04-01/Accounts/${fixture.connectSid}/Messages.json`,
      body: new URLSearchParams({ To: '+12125550100', From: fixture.connectNumber, Body: 'Benchmark message' }).toString(),
    },
  ];
  const headers = (s: Scenario): Record<string, string> => ({
    authorization: `Basic ${Buffer.from(`${fixture.connectSid}:${fixture.developerToken}`).toString('base64')}`,
    ...(s.body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(s.body)) } : {}),
  });

  const switchboard = await startChild('./serve-child.ts', [fixture.dbFile]);
  process.once('exit', () => switchboard.child.kill('SIGTERM'));
  const canned: Record<string, CannedResponse> = {};
  for (const s of scenarios) {
    const res = await fetch(switchboard.url + s.path, { method: s.method, headers: headers(s), body: s.body });
    const body = await res.text();
    if (!res.ok) throw new Error(`${s.name}: Switchboard answered ${res.status} ${body}`);
    canned[`${s.method} ${s.path}`] = { status: res.status, contentType: res.headers.get('content-type') ?? 'application/json', body };
  }
  const cannedFile = `${dataDir}/canned-responses.json`;
  writeFileSync(cannedFile, JSON.stringify(canned));
  const baseline = await startChild('./baseline.ts', [cannedFile]);

  const rows: string[] = [];
  for (const s of scenarios) {
    const spec = (url: string): LoadSpec => ({ url: url + s.path, method: s.method, headers: headers(s), body: s.body, connections: CONNECTIONS, warmupMs: 1500, durationMs: DURATION_MS });
    const sb = await load(spec(switchboard.url));
    const bare = await load(spec(baseline.url));
    const bytes = canned[`${s.method} ${s.path}`]!.body.length;
    const ratio = sb.rps / bare.rps;
    rows.push(
      `| ${s.name} | ${Math.round(sb.rps).toLocaleString('en-US')} | ${Math.round(bare.rps).toLocaleString('en-US')} | **${(ratio * 100).toFixed(0)}%** ${'█'.repeat(Math.round(ratio * 20))} | ${sb.p50Ms.toFixed(2)} / ${sb.p99Ms.toFixed(2)} | ${bare.p50Ms.toFixed(2)} / ${bare.p99Ms.toFixed(2)} | ${(bytes / 1024).toFixed(1)} KiB |`,
    );
    if (sb.non2xx > 0) console.warn(`  ${s.name}: ${sb.non2xx} non-2xx answers`);
    console.log(`  ${s.name}: ${Math.round(sb.rps)} req/s vs ${Math.round(bare.rps)} bare (${(ratio * 100).toFixed(0)}%)`);
  }
  const rss = peakRssMiB(switchboard.child.pid!);
  switchboard.child.kill('SIGTERM');
  baseline.child.kill('SIGTERM');

  console.log(`\n${CALLS.toLocaleString('en-US')} calls on SQLite; ${CONNECTIONS} keep-alive connections; ${DURATION_MS / 1000} s per measurement; Connect credentials.\n`);
  console.log('| request | Switchboard req/s | bare node:http req/s | Switchboard ÷ bare | Switchboard p50 / p99 ms | bare p50 / p99 ms | response |');
  console.log('|---|---:|---:|---|---:|---:|---:|');
  for (const row of rows) console.log(row);
  console.log(`\nSwitchboard peak RSS: ${rss} MiB`);
  await coldStart();
}

await main();
