import { decimalFromMicros } from '../../api/2010-04-01/usage/money.ts';
import type { SignedIn } from '../../storage/repositories/console-sessions.ts';
import { USAGE_CATEGORIES } from '../../telephony/usage-categories.ts';
import { formatDate } from '../format.ts';
import { ConsolePage } from '../layout.tsx';
import { familyLabel, type FamilyMember } from '../logs/family.ts';
import { BarChart } from './bar-chart.tsx';
import type { BalanceView, CategorySeries, UsageCharts } from './usage-data.ts';

const dollars = (micros: number): string => `$${decimalFromMicros(micros)}`;
const signed = (micros: number): string => (micros < 0 ? `−$${decimalFromMicros(-micros)}` : `+$${decimalFromMicros(micros)}`);

const Charts = ({ id, heading, periods, series }: { id: string; heading: string; periods: readonly string[]; series: readonly CategorySeries[] }) => (
  <section class="card" aria-labelledby={`${id}-heading`}>
    <h2 id={`${id}-heading`}>{heading}</h2>
    {series.length === 0 ? (
      <p class="muted">No usage in this period.</p>
    ) : (
      <div class="charts">
        {series.map((s) => {
          const info = USAGE_CATEGORIES[s.category];
          return (
            <div>
              <BarChart id={`${id}-${s.category}`} title={`${info.description} (${s.category})`} unit={info.usageUnit} bars={periods.map((p, i) => ({ label: p, value: s.usage[i]! }))} />
              <p class="small">Cost {dollars(s.priceMicros)}</p>
            </div>
          );
        })}
      </div>
    )}
  </section>
);

const ScopePicker = ({ family, chosen }: { family: readonly FamilyMember[]; chosen: FamilyMember | null }) => (
  <section class="card" aria-label="Whose usage">
    <form class="filters" method="get" action="/console/usage">
      <div class="field">
        <label for="f-account">Account</label>
        <select id="f-account" name="account">
          <option value="" selected={chosen === null}>All accounts together</option>
          {family.map((m) => <option value={m.account.sid} selected={m === chosen}>{familyLabel(m)}</option>)}
        </select>
      </div>
      <div class="actions"><button class="button" type="submit">Show</button></div>
    </form>
  </section>
);

const Spend = ({ family, spend }: { family: readonly FamilyMember[]; spend: { month: Map<string, number>; all: Map<string, number> } }) => (
  <section class="card" aria-labelledby="spend-heading">
    <h2 id="spend-heading">Spend by account</h2>
    <p class="muted small">Each Connect App you authorized works in its own subaccount, so what it spends shows on its own line.</p>
    <div class="table-wrap">
      <table>
        <thead><tr><th>Account</th><th>This month</th><th>All time</th></tr></thead>
        <tbody>
          {family.map((m) => (
            <tr>
              <td><a href={`/console/usage?account=${m.account.sid}`}>{familyLabel(m)}</a> <div class="muted small mono">{m.account.sid}</div></td>
              <td class="nowrap">{dollars(spend.month.get(m.account.sid) ?? 0)}</td>
              <td class="nowrap">{dollars(spend.all.get(m.account.sid) ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </section>
);

const Balance = ({ balance }: { balance: BalanceView }) => (
  <section class="card" aria-labelledby="balance-heading">
    <h2 id="balance-heading">Balance <span data-balance>{dollars(balance.micros)}</span></h2>
    <p class="muted small">Shared by your account and all its subaccounts. What changed it, newest first:</p>
    <div class="table-wrap">
      <table class="balance-changes">
        <thead><tr><th>Date</th><th>Change</th><th>Amount</th></tr></thead>
        <tbody>
          {balance.changes.map((change) => (
            <tr>
              <td class="nowrap small">{formatDate(change.at)}</td>
              <td>{change.what}</td>
              <td class={`nowrap ${change.micros < 0 ? 'amount-debit' : 'amount-credit'}`}>{signed(change.micros)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </section>
);

export interface UsagePageProps {
  signedIn: SignedIn;
  family: readonly FamilyMember[];
  chosen: FamilyMember | null;
  charts: UsageCharts;
  balance: BalanceView;
  spend: { month: Map<string, number>; all: Map<string, number> };
}

export const UsagePage = (p: UsagePageProps) => (
  <ConsolePage title="Usage" section="usage" signedIn={p.signedIn}>
    <div class="page-head">
      <div>
        <h1>Usage and balance</h1>
        <p>{p.chosen === null ? 'Your account and all its subaccounts together' : familyLabel(p.chosen)}. Days and months in UTC.</p>
      </div>
    </div>
    {p.family.length > 1 ? <ScopePicker family={p.family} chosen={p.chosen} /> : null}
    {p.charts.monthly.length === 0 ? (
      <section class="card empty">
        <h2>No usage yet</h2>
        <p>Calls, messages, recordings and phone numbers show up here by category, per day and per month, as they are billed.</p>
      </section>
    ) : (
      <>
        <Charts id="daily" heading="Per day, last 30 days" periods={p.charts.days} series={p.charts.daily} />
        <Charts id="monthly" heading="Per month, last 12 months" periods={p.charts.months} series={p.charts.monthly} />
      </>
    )}
    {p.family.length > 1 ? <Spend family={p.family} spend={p.spend} /> : null}
    <Balance balance={p.balance} />
  </ConsolePage>
);
