// What a deep page costs against the first, each read from the database: a server with the response
// cache off answers both, trials interleaved. With the cache on, both figures are answers kept in
// memory, and their ratio says nothing about paging.
import { startSwitchboard, type Child } from './children.ts';
import type { BenchFixture } from './prepare.ts';
import { median, medianFigure, ms, type Figure } from './report.ts';
import type { WrkRequest } from './wrk.ts';

export interface PagingCost {
  first: Figure;
  deep: Figure;
  /** The deep page's name in the request table, e.g. "GET Calls page 900,000 rows deep, repeated". */
  deepName: string;
  /** The median of deep ÷ first p50 over back-to-back pairs of short trials, and how many pairs. */
  paired?: { ratio: number; pairs: number };
}

/**
 * Short trials in back-to-back pairs, each pair's ratio taken on its own: the two pages cost the same
 * to read (some 0.2 ms of SQLite and 0.08 ms of JSON each, timed in process), so what moves their ratio
 * is the machine drifting between trials, and a pair a few seconds long sees less of that drift than
 * the medians of longer trials further apart. In one run the medians of three 5-second trials each gave 1.31×.
 */
const PAIRS_PER_TRIAL = 4;

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
  // wrk takes whole seconds.
  const pairSeconds = Math.max(1, Math.round(seconds / PAIRS_PER_TRIAL));
  for (let pair = 0; pair < trials * PAIRS_PER_TRIAL; pair++) {
    // Each pair alternates which page goes first, so that neither always follows the other.
    const order = pair % 2 === 0 ? (['first', 'deep'] as const) : (['deep', 'first'] as const);
    for (const which of order) figures[which].push(await measure(server, (which === 'first' ? first : deep).requests, pairSeconds));
  }
  await server.stop();
  const paired = { ratio: median(figures.deep.map((d, i) => d.p50Ms / figures.first[i]!.p50Ms)), pairs: figures.deep.length };
  const cost = { first: medianFigure(figures.first), deep: medianFigure(figures.deep), deepName: deep.name, paired };
  console.log(`  ${pagingLine(cost).slice(2)}`);
  return cost;
}

/** The deep page's p50 over the first page's, pair by pair: 1.00× when paging deep costs nothing more. */
export const deepOverFirst = ({ first, deep, paired }: PagingCost): number => paired?.ratio ?? deep.p50Ms / first.p50Ms;

export const pagingLine = (cost: PagingCost): string =>
  `- API Calls list read from the database (response cache off): first page p50 ${ms(cost.first.p50Ms)} ms (${Math.round(cost.first.rps).toLocaleString('en-US')} req/s), ` +
  `${cost.deepName.replace(/^GET Calls /, '').replace(/, repeated$/, '')} p50 ${ms(cost.deep.p50Ms)} ms — deep ÷ first **${deepOverFirst(cost).toFixed(2)}×**` +
  (cost.paired ? ` (median of ${cost.paired.pairs} back-to-back pairs; the medians' ratio: ${(cost.deep.p50Ms / cost.first.p50Ms).toFixed(2)}×)` : '');
