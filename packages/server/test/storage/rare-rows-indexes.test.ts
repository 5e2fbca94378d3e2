// Rare rows found through indexes of their own (migration 0019), on SQLite: the webhook dispatcher's
// claim and a Connect App's denials seek them instead of reading through the common rows around them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { listActivity } from '../../src/storage/repositories/connect-activity.ts';
import { dueDeliveryQueries } from '../../src/storage/repositories/webhook-deliveries.ts';
import { planOf, planOfQuery } from '../support/query-plan.ts';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-rare-rows-'));
let storage: Storage;
before(async () => {
  storage = openStorage(join(dir, 'rare.sqlite'));
  await migrateToLatest(storage.db);
});
after(async () => {
  await storage?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("the dispatcher's claim seeks deliveries due now and deliveries never tried, not every pending one", async () => {
  const [due, untried] = dueDeliveryQueries(storage.db, Date.now(), 50);
  const duePlan = await planOfQuery(storage.db, due!.compile());
  assert.match(duePlan, /^SEARCH d USING INDEX webhook_deliveries_due \(status=\? AND next_attempt_at<\?\)/, duePlan);
  const untriedPlan = await planOfQuery(storage.db, untried!.compile());
  assert.match(untriedPlan, /^SEARCH d USING INDEX webhook_deliveries_untried \(status=\? AND attempts=\?\)/, untriedPlan);
  for (const plan of [duePlan, untriedPlan]) assert.doesNotMatch(plan, /TEMP B-TREE|SCAN d/, plan);
});

test("an app's denials are read from the index of its failed requests", async () => {
  const plan = await planOf(storage.db, (db) => listActivity(db, { connectAppSid: 'CN00000000000000000000000000000000' }, { errorCode: 20006 }, { pageSize: 50, cursor: null }));
  assert.match(plan, /USING INDEX connect_activity_app_errors \(connect_app_sid=\? AND error_code=\?/, plan);
});
