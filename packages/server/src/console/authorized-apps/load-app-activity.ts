import type { Kysely } from 'kysely';
import { loadActivityPage } from '../../audit/load-activity.ts';
import { perDay, recentDays } from '../../audit/view/recent-days.ts';
import { dailyActivity } from '../../storage/repositories/connect-activity.ts';
import type { Database } from '../../storage/schema.ts';
import type { AppActivityView } from './app-activity-page.tsx';
import type { AuthorizedAppRow } from './authorized-apps-page.tsx';
import { subaccountSpend } from './subaccount-spend.ts';

const CHART_DAYS = 14;

/** Everything the customer's page of one authorized app shows. */
export async function loadAppActivity(db: Kysely<Database>, accountSid: string, app: AuthorizedAppRow, search: string, now: number): Promise<AppActivityView> {
  const scope = { accountSid, connectAppSid: app.sid };
  const { days, from } = recentDays(now, CHART_DAYS);
  const [sums, spend, page] = await Promise.all([dailyActivity(db, scope, from), subaccountSpend(db, app.subaccount_sid), loadActivityPage(db, scope, search)]);
  return {
    app,
    days,
    chart: [
      { label: 'Reads', colour: '#2f6fde', values: perDay(days, sums, (d) => d.reads) },
      { label: 'Writes', colour: '#1f8a4c', values: perDay(days, sums, (d) => d.writes) },
      { label: 'Denied', colour: '#c8372d', values: perDay(days, sums, (d) => d.denied) },
    ],
    spend,
    page,
  };
}
