import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { createAccount } from '../../src/storage/repositories/accounts.ts';
import { createSimulator } from '../../src/telephony/simulator.ts';
import { onEachDatabase } from '../support/databases.ts';
import { queuedMessage } from '../support/queued-message.ts';

const NOW = Date.UTC(2025, 2, 14, 12);
const MESSAGES = 1_000;

onEachDatabase('A simulation tick with many rows due', (database) => {
  let storage: Storage;
  let accountSid: string;

  before(async () => {
    storage = openStorage(database.url);
    await migrateToLatest(storage.db);
    accountSid = (await createAccount(storage.db, { friendlyName: 'Batches', type: 'Full', parentSid: null, now: NOW })).sid;
  });
  after(() => storage.close());

  test('moves every row, letting the event loop answer other work between its batches', async () => {
    const rows = Array.from({ length: MESSAGES }, (_, i) => queuedMessage(accountSid, NOW - 10_000 + i));
    for (let i = 0; i < rows.length; i += 200) await storage.db.insertInto('messages').values(rows.slice(i, i + 200)).execute();
    const simulator = createSimulator(storage.db, 7, () => NOW);

    // SQLite answers synchronously: without a turn of the event loop between batches, nothing else
    // (no request, no timer) would run until the whole tick was done.
    let turnsDuringTick = 0;
    let ticking = true;
    const countTurns = () => {
      if (!ticking) return;
      turnsDuringTick++;
      setImmediate(countTurns);
    };
    setImmediate(countTurns);
    const moved = await simulator.advanceTo(NOW);
    ticking = false;

    assert.equal(moved, MESSAGES);
    assert.ok(turnsDuringTick >= 5, `the event loop turned ${turnsDuringTick} times while ${MESSAGES} messages moved`);
    const left = await storage.db.selectFrom('messages').select('sid').where('account_sid', '=', accountSid).where('status', '!=', 'delivered').execute();
    assert.equal(left.length, 0);
  });
});
