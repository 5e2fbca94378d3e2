// The Connect audit trail's daily counts (migration 0020): the Console's chart reads them, and they must
// always say what summing the trail's own entries says.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Migrator } from 'kysely';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { migrationProvider } from '../../src/storage/migrations/index.ts';
import { dailyActivity, insertActivity, pruneActivity, type ActivityScope, type ConnectActivity, type DailyActivity } from '../../src/storage/repositories/connect-activity.ts';
import { seededRandom } from '../../src/telephony/seed/random.ts';
import { onEachDatabase } from '../support/databases.ts';
import { planOf } from '../support/query-plan.ts';

const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 10, 1);
const sidOf = (prefix: string, n: number) => `${prefix}${String(n).padStart(32, '0')}`;
const CUSTOMERS = [sidOf('AC', 1), sidOf('AC', 2)];
const APPS = [sidOf('CN', 1), sidOf('CN', 2)];
/** Each customer's Connect subaccount for each app. */
const subaccountOf = (customer: number, app: number) => sidOf('AC', 100 + customer * 10 + app);

let nextSid = 0;
/** Requests of every kind the chart tells apart, spread over `days` days from `from`. */
function requests(count: number, from: number, days: number, random: () => number): ConnectActivity[] {
  return Array.from({ length: count }, () => {
    const customer = Math.floor(random() * CUSTOMERS.length);
    const app = Math.floor(random() * APPS.length);
    const at = from + Math.floor(random() * days * DAY_MS);
    const kind = random();
    const [status, errorCode] = kind < 0.1 ? [403, 20006] : kind < 0.2 ? [404, 20404] : kind < 0.25 ? [400, 21211] : [kind < 0.6 ? 200 : 201, null];
    return {
      sid: sidOf('CX', nextSid++),
      account_sid: CUSTOMERS[customer]!,
      subaccount_sid: subaccountOf(customer, app),
      connect_app_sid: APPS[app]!,
      developer_account_sid: sidOf('AC', 9),
      method: random() < 0.6 ? 'GET' : random() < 0.8 ? 'POST' : 'DELETE',
      path: '/2010-04-01/Accounts/AC/Messages.json',
      resource: 'Messages',
      status,
      error_code: errorCode,
      missing_permission: errorCode === 20006 ? 'post-all' : null,
      resource_sid: null,
      day: new Date(at).toISOString().slice(0, 10),
      date_created: at,
    };
  });
}

/** The chart's figures summed from the entries themselves, the way the Console defines them. */
function summed(entries: readonly ConnectActivity[], scope: ActivityScope, from: number): DailyActivity[] {
  const days = new Map<string, DailyActivity>();
  for (const e of entries) {
    if ('accountSid' in scope && (e.account_sid !== scope.accountSid || (scope.subaccountSid !== undefined && e.subaccount_sid !== scope.subaccountSid))) continue;
    if (scope.connectAppSid !== undefined && e.connect_app_sid !== scope.connectAppSid) continue;
    if (e.date_created < from) continue;
    const day = days.get(e.day) ?? { day: e.day, reads: 0, writes: 0, denied: 0, errors: 0 };
    days.set(e.day, day);
    if (e.error_code === 20006) day.denied++;
    else if (e.method === 'GET') day.reads++;
    else day.writes++;
    if (e.status >= 400) day.errors++;
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

const SCOPES: ActivityScope[] = [
  { connectAppSid: APPS[0]! },
  { connectAppSid: APPS[1]! },
  { accountSid: CUSTOMERS[0]! },
  { accountSid: CUSTOMERS[1]!, connectAppSid: APPS[0]! },
  { accountSid: CUSTOMERS[0]!, subaccountSid: subaccountOf(0, 1) },
  { accountSid: CUSTOMERS[1]!, subaccountSid: subaccountOf(1, 0), connectAppSid: APPS[0]! },
];

onEachDatabase('The audit trail counted per day', (database) => {
  let storage: Storage;
  const recorded: ConnectActivity[] = [];
  before(async () => {
    storage = openStorage(database.url);
    await migrateToLatest(storage.db);
  });
  after(async () => {
    await storage.close();
  });

  test('every scope charts what its entries sum to, batch after batch into the same days', async () => {
    const random = seededRandom(20);
    for (const size of [1, 7, 300, 2_000, 45]) {
      const batch = requests(size, START, 10, random);
      await insertActivity(storage.db, batch);
      recorded.push(...batch);
    }
    for (const scope of SCOPES) {
      for (const from of [START, START + 4 * DAY_MS]) {
        const charted = await dailyActivity(storage.db, scope, from);
        assert.deepEqual(charted, summed(recorded, scope, from), JSON.stringify({ scope, from }));
      }
    }
    assert.ok(summed(recorded, SCOPES[0]!, START).length === 10, 'the scope has requests on every day');
  });

  test('a batch that fails adds neither its entries nor its counts', async () => {
    const before = await dailyActivity(storage.db, { accountSid: CUSTOMERS[0]! }, START);
    const batch = requests(50, START, 10, seededRandom(21));
    batch.push({ ...batch[0]!, sid: recorded[0]!.sid });
    await assert.rejects(insertActivity(storage.db, batch));
    assert.deepEqual(await dailyActivity(storage.db, { accountSid: CUSTOMERS[0]! }, START), before);
  });

  test('pruning drops the days before the one it cuts into, and keeps that day whole', async () => {
    const cut = START + 3 * DAY_MS + DAY_MS / 2;
    const pruned = await pruneActivity(storage.db, cut);
    assert.equal(pruned, recorded.filter((e) => e.date_created < cut).length);
    for (const scope of SCOPES) {
      const charted = await dailyActivity(storage.db, scope, START);
      const kept = recorded.filter((e) => e.date_created >= START + 3 * DAY_MS);
      assert.deepEqual(charted, summed(kept, scope, START), JSON.stringify(scope));
      assert.ok(charted[0]!.day === '2026-11-04', 'the day cut into is charted first');
    }
  });

  if (database.name === 'SQLite') {
    test('the chart reads the daily counts, not the entries', async () => {
      for (const scope of SCOPES) {
        const plan = await planOf(storage.db, (db) => dailyActivity(db, scope, START));
        assert.doesNotMatch(plan, /connect_activity\b(?!_daily)/, plan);
        assert.match(plan, /SEARCH connect_activity_daily USING (INDEX connect_activity_daily_account|PRIMARY KEY|INDEX sqlite_autoindex_connect_activity_daily_1)/, plan);
      }
    });
  }
});

onEachDatabase('Counting a trail recorded before the daily counts', (database) => {
  let storage: Storage;
  before(async () => {
    storage = openStorage(database.url);
  });
  after(async () => {
    await storage.close();
  });

  test('the migration sums the entries already there', async () => {
    const migrator = new Migrator({ db: storage.db, provider: migrationProvider });
    const { error } = await migrator.migrateTo('0019-rare-rows-indexes');
    assert.equal(error, undefined);
    const entries = requests(500, START, 6, seededRandom(22));
    await storage.db.insertInto('connect_activity').values(entries).execute();
    await migrateToLatest(storage.db);
    for (const scope of SCOPES) assert.deepEqual(await dailyActivity(storage.db, scope, START), summed(entries, scope, START), JSON.stringify(scope));
  });
});
