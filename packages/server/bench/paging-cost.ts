// What a deep page costs against the first, each read from the database: a server with the response
// cache off answers both, trials interleaved. With the cache on, both figures are answers kept in
// memory, and their ratio says nothing about paging.
import { startSwitchboard, type Child } from './children.ts';
import type { BenchFixture } from './prepare.ts';
import { medianFigure, ms, type Figure } from './report.ts';
import type { WrkRequest } from './wrk.ts';

export interface PagingCost {
  first: Figure;
  deep: Figure;
  /** The deep page's name in the request table, e.g. "GET Calls page 900,000 rows deep, repeated". */
  deepName: string;
}

type Measure = (server: Child, requests: readonly WrkRequest[], seconds: number) => Promise<Figure>;
type Scenario = { name: string; requests: WrkRequest[] };

export async function measurePagingCost(
  fixture: BenchFixture,
  first: Scenario,
  deep: Scenario,
  { measure, trials, seconds }: { measure: Measure; trials: number; seconds: number },
): Promise<PagingCost> {
  const server = await startSwitchboard(fixture.url, { responseCache: false });
  for (const scenario of [first, deep]) await measure(server, scenario.requests, 1);
  const figures = { first: [] as Figure[], deep: [] as Figure[] };
  for (let t = 0; t < trials; t++) {
    // Each trial alternates which page goes first, so that neither always follows the other.
    const order = t % 2 === 0 ? (['first', 'deep'] as const) : (['deep', 'first'] as const);
    for (const which of order) figures[which].push(await measure(server, (which === 'first' ? first : deep).requests, seconds));
  }
  await server.stop();
  const cost = { first: medianFigure(figures.first), deep: medianFigure(figures.deep), deepName: deep.name };
  console.log(`  ${pagingLine(cost).slice(2)}`);
  return cost;
}

/** The deep page's p50 over the first page's: 1.00× when paging deep costs nothing more. */
export const deepOverFirst = ({ first, deep }: PagingCost): number => deep.p50Ms / first.p50Ms;

export const pagingLine = (cost: PagingCost): string =>
  `- API Calls list read from the database (response cache off): first page p50 ${ms(cost.first.p50Ms)} ms (${Math.round(cost.first.rps).toLocaleString('en-US')} req/s), ` +
  `${cost.deepName.replace(/^GET Calls /, '').replace(/, repeated$/, '')} p50 ${ms(cost.deep.p50Ms)} ms — deep ÷ first **${deepOverFirst(cost).toFixed(2)}×**`;
