import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BenchFixture } from '../../bench/prepare.ts';
import type { Figure, Row } from '../../bench/report.ts';
import { withReport } from '../../bench/report-file.ts';
import type { SideBySideRow } from '../../bench/side-by-side.ts';
import { databaseLines, postgresLines, type DatabaseRun } from '../../bench/summary.ts';
import { doneWhenLines } from '../../bench/targets.ts';
import { pagingLine } from '../../bench/paging-cost.ts';
import { workersTable } from '../../bench/workers.ts';

const START = '<!-- bench report: start (npm run bench -- --readme writes this part) -->';
const END = '<!-- bench report: end -->';

test("the report replaces only what lies between the README's markers", () => {
  const readme = `# Title\n\nMethod prose.\n\n${START}\n| old | table |\n${END}\n\n## Next section\n`;
  const updated = withReport(readme, '| new | table |\n');
  assert.equal(updated, `# Title\n\nMethod prose.\n\n${START}\n| new | table |\n${END}\n\n## Next section\n`);
  assert.equal(withReport(updated, '| new | table |'), updated, 'a second run with the same report changes nothing');
  assert.throws(() => withReport('# No markers\n', 'x'), /markers/);
});

const figure = (rps: number, p50Ms: number, p99Ms: number, idle = 0): Figure => ({ rps, p50Ms, p99Ms, cpu: 1, idle, badStatus: 0, socketErrors: 0 });
const row = (name: string, rps: number, bareRps: number, p99Ms = 10, p50Ms = 5): Row => ({ name, switchboard: figure(rps, p50Ms, p99Ms), bare: figure(bareRps, 1, 2), bytes: 1000 });

function run(database: 'SQLite' | 'PostgreSQL', calls: number, scale: number): DatabaseRun {
  const fixture = { database, calls, messages: 10_000, seedSeconds: 40, seedCpuSeconds: 38 } as BenchFixture;
  const usage = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  return {
    fixture,
    ceiling: figure(30_000, 1, 2),
    workers: [],
    memory: { afterReads: { peakRssMiB: 100, usage }, afterWrites: { peakRssMiB: 130, usage }, barePeakRssMiB: 90 },
    // Read from the database: the deep page's p50 is 1.10× the first's (the cached rows below say 1.50×).
    paging: { first: figure(900, 20, 40), deep: figure(800, 22, 45), deepName: 'GET Calls page 900,000 rows deep, repeated' },
    rows: [
      row('GET Calls first page of 50, repeated', 6_000 * scale, 10_000, 12, 4),
      row('GET Calls page 900,000 rows deep, repeated', 5_000 * scale, 10_000, 30, 6),
      row('GET Calls, 2,000 different pages (PageTokens, Status, To)', 2_000 * scale, 10_000),
      row('GET Console Calls log, first page', 100, 10_000, 900),
      row('POST Messages', 4_000 * scale, 20_000, 40),
    ],
  };
}

test("the targets table judges each of issue 16's figures, and says which it cannot judge", () => {
  const lines = doneWhenLines([run('SQLite', 1_000_000, 1), run('PostgreSQL', 1_000_000, 0.75)], { worldMs: 1.5, startupMs: 150 }, 50);
  const line = (figure: string) => lines.find((l) => l.startsWith(`| ${figure}`)) ?? assert.fail(`no line for ${figure}:\n${lines.join('\n')}`);
  assert.match(line('GET Calls first page of 50, repeated, ÷ bare'), /60\.0 % \| ≥ 50\.0 % \| ✅ met/);
  assert.match(line('GET Calls page 900,000 rows deep, repeated, ÷ bare'), /50\.0 % \| ≥ 50\.0 % \| ✅ met/);
  assert.match(line('GET Calls, 2,000 different pages'), /20\.0 % \| ≥ 15\.0 % \| ✅ met/);
  assert.match(line('GET Calls deep ÷ first page latency (p50, response cache off)'), /1\.10× \| ≤ 1\.20× \| ✅ met/);
  // Every API GET's p99 is judged on its own line; the Console's pages are not the API's.
  assert.match(line('GET Calls first page of 50, repeated, p99 at 50 connections'), /12\.0 ms \| ≤ 25\.0 ms \| ✅ met/);
  // A missed p99 says what its rate alone makes the average wait (Little's law: 50 ÷ 5,000 req/s = 10 ms), how
  // far its p99 lies past that (30 ÷ 10; the bare server's 2 ms ÷ 5), and the rate that spread needs for 25 ms.
  assert.match(
    line('GET Calls page 900,000 rows deep, repeated, p99 at 50 connections'),
    /30\.0 ms \(50 connections at 5,000 req\/s wait 10\.0 ms on average; p99 is 3\.00× that \(bare's 0\.40×\), so at this spread 25\.0 ms takes some 6,000 req\/s, 60\.0 % of bare\) \| ≤ 25\.0 ms \| ❌ not met/,
  );
  assert.match(line('GET Calls, 2,000 different pages (PageTokens, Status, To), p99 at 50 connections'), /10\.0 ms \| ≤ 25\.0 ms \| ✅ met/);
  assert.equal(lines.filter((l) => l.startsWith('| GET Console')).length, 0);
  assert.match(line('POST Messages, ÷ bare'), /20\.0 % \| ≥ 15\.0 % \| ✅ met/);
  assert.match(line('POST Messages p99'), /40\.0 ms \| ≤ 50\.0 ms \| ✅ met/);
  assert.match(line('seeding 1,000,000 calls'), /40\.0 s \| ≤ 60\.0 s \| ✅ met/);
  // A missed peak RSS is set beside the bare server's under the same requests.
  assert.match(line('peak RSS under GET and POST load'), /130 MiB \(bare node:http sending the same answers: 90 MiB\) \| ≤ 120 MiB \| ❌ not met/);
  assert.match(line('PostgreSQL ÷ SQLite, API GETs'), /0\.75× .*\| ≥ 0\.70× \| ✅ met/);
  assert.match(line('PostgreSQL ÷ SQLite, POSTs'), /0\.75× .*\| ≥ 0\.80× \| ❌ not met/);
  assert.match(line('switchboard/testing'), /1\.5 ms \/ 150 ms/);
  assert.match(lines.join('\n'), /10 of 13 met/);
});

test('a figure that misses its target but rounds to it is shown with the digits that tell them apart', () => {
  const sqlite = run('SQLite', 1_000_000, 1);
  const postgres = run('PostgreSQL', 1_000_000, 1);
  // SQLite's POST Messages: 2,995 ÷ 20,000 bare = 14.975 %, against 15.0 %.
  sqlite.rows.find((r) => r.name === 'POST Messages')!.switchboard.rps = 2_995;
  // PostgreSQL's: 2,388 ÷ 2,995 = 0.7973×, which two decimals would show as the 0.80× wanted.
  postgres.rows.find((r) => r.name === 'POST Messages')!.switchboard.rps = 2_388;
  const lines = doneWhenLines([sqlite, postgres], undefined, 50);
  const line = (figure: string) => lines.find((l) => l.startsWith(`| ${figure}`)) ?? assert.fail(`no line for ${figure}`);
  assert.match(line('PostgreSQL ÷ SQLite, POSTs'), /0\.80× \(0\.7973, short of it\) \(weakest: POST Messages; req\/s 0\.80×, over bare 0\.80×\) \| ≥ 0\.80× \| ❌ not met/);
  assert.match(line('POST Messages, ÷ bare'), /15\.0 % \(0\.1497, short of it\) \| ≥ 15\.0 % \| ❌ not met/);
  assert.match(line('PostgreSQL ÷ SQLite, API GETs'), /\| 1\.00× \(weakest/);
});

test('a bare server whose own peak is over the RSS target is said to be', () => {
  const sqlite = run('SQLite', 1_000_000, 1);
  sqlite.memory!.barePeakRssMiB = 123;
  const lines = doneWhenLines([sqlite], undefined, 50);
  assert.match(lines.find((l) => l.startsWith('| peak RSS'))!, /130 MiB \(bare node:http sending the same answers: 123 MiB, itself over the target\) \| ≤ 120 MiB \| ❌ not met/);
});

test('a missed peak RSS is set beside what Switchboard and a bare server hold at rest, and so is the memory line', () => {
  const sqlite = run('SQLite', 1_000_000, 1);
  sqlite.memory!.resting = { switchboardMiB: 101, executableMiB: 45, bareMiB: 42 };
  const resting = "at rest before its first request 101 MiB, 45 of them node's own executable; bare node:http at rest 42 MiB";
  const peak = doneWhenLines([sqlite], undefined, 50).find((l) => l.startsWith('| peak RSS'))!;
  assert.match(peak, new RegExp(`130 MiB \\(bare node:http sending the same answers: 90 MiB; ${resting}\\) \\| ≤ 120 MiB \\| ❌ not met`));
  const memory = databaseLines(sqlite).find((l) => l.startsWith('- Switchboard peak RSS'))!;
  assert.match(memory, new RegExp(`bare node:http sending the same answers: 90 MiB; Switchboard ${resting}$`));
});

test('on a fixture smaller than a million calls, seeding and RSS are shown but not judged', () => {
  const lines = doneWhenLines([run('SQLite', 100_000, 1)], undefined, 50);
  assert.match(lines.find((l) => l.startsWith('| peak RSS'))!, /130 MiB \(bare node:http sending the same answers: 90 MiB\) \(100,000 calls\) \| ≤ 120 MiB \| · \|/);
  assert.match(lines.find((l) => l.startsWith('| seeding'))!, /\| · \|$/);
  assert.match(lines.find((l) => l.startsWith('| PostgreSQL ÷ SQLite, API GETs'))!, /not measured .*\| · \|$/);
});

test('deep ÷ first page is not judged without pages read from the database', () => {
  const { paging: _, ...cachedOnly } = run('SQLite', 1_000_000, 1);
  const lines = doneWhenLines([cachedOnly], undefined, 50);
  assert.match(lines.find((l) => l.startsWith('| GET Calls deep ÷ first'))!, /not measured \| ≤ 1\.20× \| · \|$/);
});

test('a figure whose requests were refused meets no target, however fast the refusals came', () => {
  const sqlite = run('SQLite', 1_000_000, 1);
  const postgres = run('PostgreSQL', 1_000_000, 4);
  const refused = (r: DatabaseRun, name: string) => {
    const row = r.rows.find((x) => x.name === name)!;
    row.switchboard = { ...row.switchboard, badStatus: 1_000 };
  };
  refused(postgres, 'POST Messages');
  refused(sqlite, 'GET Calls, 2,000 different pages (PageTokens, Status, To)');
  const lines = doneWhenLines([sqlite, postgres], undefined, 50);
  const line = (figure: string) => lines.find((l) => l.startsWith(`| ${figure}`)) ?? assert.fail(`no line for ${figure}`);
  assert.match(line('PostgreSQL ÷ SQLite, POSTs'), /answers outside 2xx in POST Messages \| ≥ 0\.80× \| ❌ not met/);
  assert.match(line('GET Calls, 2,000 different pages (PageTokens, Status, To), ÷ bare'), /0\.0 % \| ≥ 15\.0 % \| ❌ not met/);
  assert.match(line('PostgreSQL ÷ SQLite, API GETs'), /answers outside 2xx in GET Calls, 2,000 different pages .*❌ not met/);
});

test('PostgreSQL ÷ SQLite is judged on the lower of req/s ÷ req/s and each over its own run\'s bare server', () => {
  const sqlite = run('SQLite', 1_000_000, 1);
  const postgres = run('PostgreSQL', 1_000_000, 0.9);
  // The machine was slower during SQLite's run: its bare server answered POSTs at 16,000 a second, PostgreSQL's at 20,000.
  sqlite.rows.find((r) => r.name === 'POST Messages')!.bare.rps = 16_000;
  const lines = doneWhenLines([sqlite, postgres], undefined, 50);
  const line = (figure: string) => lines.find((l) => l.startsWith(`| ${figure}`)) ?? assert.fail(`no line for ${figure}`);
  // req/s alone: 3,600 ÷ 4,000 = 0.90×; over bare: (3,600 ÷ 20,000) ÷ (4,000 ÷ 16,000) = 0.72×.
  assert.match(line('PostgreSQL ÷ SQLite, POSTs'), /0\.72× \(weakest: POST Messages; req\/s 0\.90×, over bare 0\.72×\) \| ≥ 0\.80× \| ❌ not met/);
  assert.match(line('PostgreSQL ÷ SQLite, API GETs'), /0\.90× .*\| ≥ 0\.70× \| ✅ met/);
});

test('PostgreSQL ÷ SQLite is judged side by side where both servers were measured together, and the table shows all three', () => {
  const sqlite = run('SQLite', 1_000_000, 1);
  const postgres = run('PostgreSQL', 1_000_000, 0.9);
  // As above: between the runs the bare server's POSTs went from 16,000 to 20,000 a second.
  sqlite.rows.find((r) => r.name === 'POST Messages')!.bare.rps = 16_000;
  const together = (name: string, sqliteRps: number, postgresRps: number): SideBySideRow => ({ name, sqlite: figure(sqliteRps, 5, 10), postgres: figure(postgresRps, 5, 10) });
  const sideBySide = [
    together('POST Messages', 4_000, 3_400),
    together('GET Calls, 2,000 different pages (PageTokens, Status, To)', 2_000, 1_300),
  ];
  const lines = doneWhenLines([sqlite, postgres], undefined, 50, sideBySide);
  const line = (figure: string) => lines.find((l) => l.startsWith(`| ${figure}`)) ?? assert.fail(`no line for ${figure}`);
  // POST Messages measured together: 3,400 ÷ 4,000 = 0.85×, not the runs' 0.72× over bare.
  assert.match(line('PostgreSQL ÷ SQLite, POSTs'), /0\.85× \(weakest: POST Messages; side by side 0\.85×; each run's req\/s 0\.90×, over bare 0\.72×\) \| ≥ 0\.80× \| ✅ met/);
  // Pages that all differ measured together: 0.65×, below the runs' 0.90× (the GETs not measured together keep the runs' ratio).
  assert.match(line('PostgreSQL ÷ SQLite, API GETs'), /0\.65× \(weakest: GET Calls, 2,000 different pages \(PageTokens, Status, To\); side by side 0\.65×;.*\| ≥ 0\.70× \| ❌ not met/);
  const table = postgresLines([sqlite, postgres], sideBySide);
  assert.ok(table.includes('| POST Messages | 0.85× (3,400 ÷ 4,000) | 0.90× | 0.72× |'), table.join('\n'));
  assert.ok(table.includes('| GET Calls first page of 50, repeated | — | 0.90× | 0.90× |'), table.join('\n'));
  // Answers outside 2xx while side by side fail the target too.
  sideBySide[0]!.postgres.badStatus = 10;
  assert.match(doneWhenLines([sqlite, postgres], undefined, 50, sideBySide).find((l) => l.startsWith('| PostgreSQL ÷ SQLite, POSTs'))!, /answers outside 2xx in POST Messages .*❌ not met/);
});

test('deep ÷ first is judged on the median of its back-to-back pairs when it has them', () => {
  const sqlite = run('SQLite', 1_000_000, 1);
  // The medians say 22 ÷ 20 = 1.10×; the pairs, taken one by one, 1.25×.
  sqlite.paging = { ...sqlite.paging!, paired: { ratio: 1.25, pairs: 12 } };
  const lines = doneWhenLines([sqlite], undefined, 50);
  assert.match(lines.find((l) => l.startsWith('| GET Calls deep ÷ first'))!, /1\.25× \| ≤ 1\.20× \| ❌ not met/);
  assert.match(pagingLine(sqlite.paging), /deep ÷ first \*\*1\.25×\*\* \(median of 12 back-to-back pairs; the medians' ratio: 1\.10×\)$/);
});

test('the workers figures give each ratio, and two workers over the bare server of the same figure in the database table', () => {
  const sqlite = run('SQLite', 1_000_000, 1);
  sqlite.workers = [
    { name: 'GET Calls, 2,000 different pages (PageTokens, Status, To)', one: figure(1_300, 30, 70), two: figure(2_210, 20, 55) },
    { name: 'GET Calls not in the table', one: figure(1_000, 1, 2), two: figure(900, 1, 2) },
  ];
  const lines = doneWhenLines([sqlite], undefined, 50);
  const line = (figure: string) => lines.find((l) => l.startsWith(`| ${figure}`)) ?? assert.fail(`no line for ${figure}:\n${lines.join('\n')}`);
  // The table's bare server answered those pages 10,000 times a second: 2,210 ÷ 10,000.
  assert.match(line('SQLite, GET Calls, 2,000 different pages (PageTokens, Status, To): --workers 2 ÷ 1'), /1\.70× \(1,300 → 2,210 req\/s; 2 workers ÷ bare 22\.1 %\) \| — \| · \|/);
  assert.match(line('SQLite, GET Calls not in the table: --workers 2 ÷ 1'), /0\.90× \(1,000 → 900 req\/s\) \| — \|/);
  const table = workersTable('SQLite', sqlite.workers);
  assert.ok(table.includes('| GET Calls, 2,000 different pages (PageTokens, Status, To) | 1,300 | 70.0 | 2,210 | 55.0 | 1.70× |'), table.join('\n'));
});

test("each database's summary gives the share of the machine's cores left idle in Switchboard's trials, row by row", () => {
  const database = run('PostgreSQL', 1_000_000, 1);
  database.rows = database.rows.map((r, i) => ({ ...r, switchboard: { ...r.switchboard, idle: [0.05, 0.1, 0.2, 0.3, 0.37][i]! }, bare: { ...r.bare, idle: 0.9 } }));
  const line = databaseLines(database).find((l) => l.includes("wrk's ceiling")) ?? assert.fail('no line for the CPU shares');
  assert.match(line, /the machine's cores left idle in Switchboard's trials 5 \/ 10 \/ 20 \/ 30 \/ 37 %$/);
});
