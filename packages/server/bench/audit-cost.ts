// What recording Connect requests in the audit trail costs the API: one read, measured against a second
// Switchboard on the same database with the trail switched off, trials interleaved.
import { startChild, type Child } from './children.ts';
import type { BenchFixture } from './prepare.ts';
import { int, medianFigure, ms, type Figure } from './report.ts';
import type { WrkRequest } from './wrk.ts';

export interface AuditCost {
  name: string;
  on: Figure;
  off: Figure;
}

type Measure = (server: Child, requests: readonly WrkRequest[], seconds: number) => Promise<Figure>;

export async function measureAuditCost(
  fixture: BenchFixture,
  withAudit: Child,
  scenario: { name: string; requests: WrkRequest[] },
  { measure, trials, seconds }: { measure: Measure; trials: number; seconds: number },
): Promise<AuditCost> {
  const withoutAudit = await startChild('./serve-child.ts', [fixture.url, 'off']);
  await measure(withAudit, scenario.requests, 1);
  await measure(withoutAudit, scenario.requests, 1);
  const on: Figure[] = [];
  const off: Figure[] = [];
  for (let t = 0; t < trials; t++) {
    on.push(await measure(withAudit, scenario.requests, seconds));
    off.push(await measure(withoutAudit, scenario.requests, seconds));
  }
  withoutAudit.stop();
  const cost = { name: scenario.name, on: medianFigure(on), off: medianFigure(off) };
  console.log(`  ${cost.name}, audit trail on ÷ off: ${auditRatio(cost)}`);
  return cost;
}

const auditRatio = ({ on, off }: AuditCost): string => `${((on.rps / off.rps) * 100).toFixed(1)} %`;

export const auditCostLines = (cost: AuditCost): string[] => [
  `- audit trail (Connect credentials, ${cost.name}): on ${int(cost.on.rps)} req/s (p99 ${ms(cost.on.p99Ms)} ms), ` +
    `off ${int(cost.off.rps)} req/s (p99 ${ms(cost.off.p99Ms)} ms) — on ÷ off **${auditRatio(cost)}**`,
];
