// What recording Connect requests in the audit trail costs the API: one read, measured against a second
// Switchboard on the same database with the trail switched off, trials interleaved. CPU time per request
// is printed beside throughput: on a busy machine it varies far less than req/s.
import { startSwitchboard, type Child } from './children.ts';
import type { BenchFixture } from './prepare.ts';
import { int, medianFigure, ms, type Figure } from './report.ts';
import type { WrkRequest } from './wrk.ts';

export interface AuditCost {
  name: string;
  on: Figure;
  off: Figure;
}

type Measure = (server: Child, requests: readonly WrkRequest[], seconds: number) => Promise<Figure>;

/**
 * Two fresh servers, started and warmed alike, so that neither carries the earlier figures' heap or JIT
 * state; each trial alternates which goes first.
 */
export async function measureAuditCost(
  fixture: BenchFixture,
  scenario: { name: string; requests: WrkRequest[] },
  { measure, trials, seconds }: { measure: Measure; trials: number; seconds: number },
): Promise<AuditCost> {
  const withAudit = await startSwitchboard(fixture.url, { audit: true });
  const withoutAudit = await startSwitchboard(fixture.url, { audit: false });
  const on: Figure[] = [];
  const off: Figure[] = [];
  for (let t = 0; t < trials; t++) {
    const order = t % 2 === 0 ? [withAudit, withoutAudit] : [withoutAudit, withAudit];
    for (const server of order) (server === withAudit ? on : off).push(await measure(server, scenario.requests, seconds));
  }
  await Promise.all([withAudit.stop(), withoutAudit.stop()]);
  const cost = { name: scenario.name, on: medianFigure(on), off: medianFigure(off) };
  console.log(`  ${cost.name}, audit trail on ÷ off: ${auditRatio(cost)}`);
  return cost;
}

/** Throughput with the trail on ÷ off, and the server's CPU time per request off ÷ on: both 100 % when recording is free. */
const auditRatio = ({ on, off }: AuditCost): string => {
  const cpuPerRequest = (f: Figure) => f.cpu / f.rps;
  return `${((on.rps / off.rps) * 100).toFixed(1)} % of the req/s, ${((cpuPerRequest(off) / cpuPerRequest(on)) * 100).toFixed(1)} % of the requests per CPU second`;
};

export const auditCostLines = (cost: AuditCost): string[] => [
  `- audit trail (Connect credentials, ${cost.name}): on ${int(cost.on.rps)} req/s (p99 ${ms(cost.on.p99Ms)} ms), ` +
    `off ${int(cost.off.rps)} req/s (p99 ${ms(cost.off.p99Ms)} ms) — on ÷ off **${auditRatio(cost)}**`,
];
