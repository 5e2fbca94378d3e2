import type { Kysely } from 'kysely';
import { loadActivityPage } from '../../audit/load-activity.ts';
import { perDay, recentDays } from '../../audit/view/recent-days.ts';
import { dailyActivity } from '../../storage/repositories/connect-activity.ts';
import type { ConnectApp } from '../../storage/repositories/connect-apps.ts';
import type { Database } from '../../storage/schema.ts';
import type { DeveloperActivityView } from './app-activity-page.tsx';

const CHART_DAYS = 14;

/** The developer's page of their own app (the caller checked ownership): only rows of this app. */
export async function loadDeveloperActivity(db: Kysely<Database>, app: ConnectApp, search: string, now: number): Promise<DeveloperActivityView> {
  const scope = { connectAppSid: app.sid };
  const { days, from } = recentDays(now, CHART_DAYS);
  const [sums, denials, page] = await Promise.all([
    dailyActivity(db, scope, from),
    loadActivityPage(db, scope, '', { errorCode: 20006 }),
    loadActivityPage(db, scope, search),
  ]);
  const totals = perDay(days, sums, (d) => d.reads + d.writes + d.denied);
  const errors = perDay(days, sums, (d) => d.errors);
  const denied = perDay(days, sums, (d) => d.denied);
  return {
    app,
    days,
    chart: [
      { label: 'Succeeded', colour: '#1f8a4c', values: days.map((_, i) => totals[i]! - errors[i]!) },
      { label: 'Failed', colour: '#b7791f', values: days.map((_, i) => errors[i]! - denied[i]!) },
      { label: 'Denied', colour: '#c8372d', values: denied },
    ],
    errorRates: days.map((day, i) => ({ day, total: totals[i]!, errors: errors[i]! })),
    denials,
    page,
  };
}
