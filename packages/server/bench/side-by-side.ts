// PostgreSQL against SQLite in the same minutes: both servers up, their trials alternating, so that the
// ratio compares the databases rather than two moments of a shared machine (the two databases' runs come
// minutes apart, and a bare server's rate has differed by a third between them).
import type { Child } from './children.ts';
import { int, medianFigure, type Figure } from './report.ts';
import type { Scenario } from './scenarios.ts';

/** The figures issue 16 compares the databases by: the API's GETs and POST Messages. */
export const SIDE_BY_SIDE = (name: string) => (name.startsWith('GET ') && !name.startsWith('GET Console')) || name === 'POST Messages';

export interface SideBySideRow {
  name: string;
  sqlite: Figure;
  postgres: Figure;
}

/** PostgreSQL's req/s over SQLite's, side by side; none when SQLite answered nothing in its trials. */
export const sideBySideRatio = (row: SideBySideRow): number | undefined => (row.sqlite.rps > 0 ? row.postgres.rps / row.sqlite.rps : undefined);

export async function benchSideBySide(
  servers: { sqlite: Child; postgres: Child },
  scenarios: { sqlite: readonly Scenario[]; postgres: readonly Scenario[] },
  measure: (server: Child, scenario: Scenario, seconds: number) => Promise<Figure>,
  { seconds, trials }: { seconds: number; trials: number },
): Promise<SideBySideRow[]> {
  const rows: SideBySideRow[] = [];
  for (const sqlite of scenarios.sqlite.filter((s) => SIDE_BY_SIDE(s.name))) {
    const postgres = scenarios.postgres.find((s) => s.name === sqlite.name);
    if (!postgres) continue;
    const figures = { sqlite: [] as Figure[], postgres: [] as Figure[] };
    for (let t = 0; t < trials; t++) {
      // Each goes first in turn: neither always follows the other's writes or warms the caches for it.
      const order = t % 2 === 0 ? (['sqlite', 'postgres'] as const) : (['postgres', 'sqlite'] as const);
      for (const database of order) figures[database].push(await measure(servers[database], database === 'sqlite' ? sqlite : postgres, seconds));
    }
    const row = { name: sqlite.name, sqlite: medianFigure(figures.sqlite), postgres: medianFigure(figures.postgres) };
    rows.push(row);
    console.log(`  ${row.name}: SQLite ${int(row.sqlite.rps)} req/s, PostgreSQL ${int(row.postgres.rps)} — ${sideBySideRatio(row)?.toFixed(2) ?? '—'}×`);
  }
  return rows;
}
