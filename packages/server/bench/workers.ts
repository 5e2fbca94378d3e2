// 2 workers ÷ 1 worker (`serve --workers N`), GETs and a POST, interleaved trials, on one database.
import { startSwitchboard, type Child } from './children.ts';
import type { BenchFixture } from './prepare.ts';
import { int, medianFigure, ms, type Figure } from './report.ts';
import type { Scenario } from './scenarios.ts';

/**
 * The figures the cluster is judged by: a page answered from memory, pages read from the database, and
 * a write. Pages read from the database are the figure where wrk leaves a second process most room on
 * the second core (on SQLite one process already reads them in a thread of its own there).
 */
const PICKED = (name: string) => name === 'GET Calls first page of 50, repeated' || name.includes('different pages') || name === 'POST Messages';

export interface WorkersRow {
  name: string;
  one: Figure;
  two: Figure;
}

export async function benchWorkers(
  fixture: BenchFixture,
  scenarios: readonly Scenario[],
  measure: (server: Child, scenario: Scenario, seconds: number) => Promise<Figure>,
  { seconds, trials }: { seconds: number; trials: number },
): Promise<WorkersRow[]> {
  const one = await startSwitchboard(fixture.url, { workers: 1 });
  const two = await startSwitchboard(fixture.url, { workers: 2 });
  const rows: WorkersRow[] = [];
  try {
    for (const scenario of scenarios.filter((s) => PICKED(s.name))) {
      const figures = { one: [] as Figure[], two: [] as Figure[] };
      for (let t = 0; t < trials; t++) {
        figures.one.push(await measure(one, scenario, seconds));
        figures.two.push(await measure(two, scenario, seconds));
      }
      const row = { name: scenario.name, one: medianFigure(figures.one), two: medianFigure(figures.two) };
      rows.push(row);
      console.log(`  ${row.name}: ${int(row.one.rps)} req/s with 1 worker, ${int(row.two.rps)} with 2 — ${workersRatio(row)}`);
    }
  } finally {
    await Promise.all([one.stop(), two.stop()]);
  }
  return rows;
}

/** 2 workers ÷ 1; none when one worker answered nothing in its trials (a machine too busy to judge). */
export const workersRatio = (row: WorkersRow): string => (row.one.rps > 0 ? `${(row.two.rps / row.one.rps).toFixed(2)}×` : '—');

export function workersTable(database: string, rows: readonly WorkersRow[]): string[] {
  return [
    `\n#### ${database}: serve --workers 2 ÷ --workers 1\n`,
    '| request | 1 worker req/s | p99 ms | 2 workers req/s | p99 ms | ratio |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${int(r.one.rps)} | ${ms(r.one.p99Ms)} | ${int(r.two.rps)} | ${ms(r.two.p99Ms)} | ${workersRatio(r)} |`),
  ];
}
