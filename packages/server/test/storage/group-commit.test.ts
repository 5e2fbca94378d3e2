import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { commitGrouped, commitRowsGrouped } from '../../src/storage/group-commit.ts';
import { onEachDatabase } from '../support/databases.ts';

onEachDatabase('Group commit', (database) => {
  let storage: Storage;
  let outsideTransactions = 0;
  before(async () => {
    storage = openStorage(database.url);
    await migrateToLatest(storage.db);
  });
  after(async () => {
    await storage.close();
  });

  const credit = (sid: string) => async (trx: Storage['db']) => {
    if (!trx.isTransaction) outsideTransactions++;
    await trx.insertInto('balance_credits').values({ sid, account_sid: 'AC00000000000000000000000000000001', micros: 1, reason: 'grouped', date_created: 1 }).execute();
  };
  const stored = async (sids: string[]) =>
    (await storage.db.selectFrom('balance_credits').select('sid').where('sid', 'in', sids).orderBy('sid').execute()).map((r) => r.sid);

  test('writes made together are all committed by the time each resolves', async () => {
    const sids = Array.from({ length: 20 }, (_, i) => `BC${String(i).padStart(32, '0')}`);
    await Promise.all(sids.map((sid) => commitGrouped(storage.db, credit(sid))));
    assert.deepEqual(await stored(sids), sids);
    assert.equal(outsideTransactions, 0);
  });

  test('a write that fails fails alone: the writes grouped with it are committed', async () => {
    const taken = `BC${'a'.repeat(32)}`;
    await commitGrouped(storage.db, credit(taken));
    const fresh = [`BC${'b'.repeat(32)}`, `BC${'c'.repeat(32)}`];
    const results = await Promise.allSettled([commitGrouped(storage.db, credit(fresh[0]!)), commitGrouped(storage.db, credit(taken)), commitGrouped(storage.db, credit(fresh[1]!))]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(await stored(fresh), fresh);
  });

  const creditRow = (sid: string, reason = 'grouped rows') => ({ sid, account_sid: 'AC00000000000000000000000000000001', micros: 1, reason, date_created: 1 });

  test('rows given together are all committed by the time each resolves', async () => {
    const sids = Array.from({ length: 90 }, (_, i) => `BC${String(i).padStart(30, '0')}rw`);
    await Promise.all(sids.map((sid, i) => commitRowsGrouped(storage.db, [['balance_credits', [creditRow(sid, `reason ${i % 3}`)]]])));
    assert.deepEqual(await stored(sids), sids);
    const reasons = await storage.db.selectFrom('balance_credits').select('reason').where('sid', 'in', sids.slice(0, 3)).orderBy('sid').execute();
    assert.deepEqual(reasons.map((r) => r.reason), ['reason 0', 'reason 1', 'reason 2'], 'each row keeps its own values');
  });

  test('a row that fails fails alone: the rows grouped with it are committed', async () => {
    const taken = `BC${'e'.repeat(32)}`;
    await commitRowsGrouped(storage.db, [['balance_credits', [creditRow(taken)]]]);
    const fresh = [`BC${'f'.repeat(32)}`, `BC${'0'.repeat(31)}f`];
    const results = await Promise.allSettled([
      commitRowsGrouped(storage.db, [['balance_credits', [creditRow(fresh[0]!)]]]),
      commitRowsGrouped(storage.db, [['balance_credits', [creditRow(taken)]]]),
      commitGrouped(storage.db, credit(fresh[1]!)),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(await stored(fresh), [...fresh].sort());
  });

  test('a group waiting on its commit holds later writes back on SQLite (one writer) and not on PostgreSQL', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const slow = `BC${'1'.repeat(32)}`;
    const later = `BC${'2'.repeat(32)}`;
    const first = commitGrouped(storage.db, async (trx) => {
      await credit(slow)(trx);
      opened();
      await held;
    });
    // The first group is open (its write waits), so this one forms a group of its own.
    await open;
    let laterDone = false;
    const second = commitGrouped(storage.db, credit(later)).then(() => (laterDone = true));
    // PostgreSQL: waits only as long as the later commit takes. SQLite: a while, in which it must not commit.
    const aWhile = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await (database.name === 'PostgreSQL' ? Promise.race([second, aWhile(10_000)]) : aWhile(200));
    const laterDoneWhileHeld = laterDone;
    release();
    await Promise.all([first, second]);
    assert.equal(laterDoneWhileHeld, database.name === 'PostgreSQL', database.name === 'PostgreSQL' ? 'the later group committed beside the open one' : 'the later group waited for the open one');
    assert.deepEqual(await stored([slow, later]), [slow, later]);
  });

  const mediaRow = (sid: string, messageSid: string) => ({ sid, account_sid: 'AC00000000000000000000000000000001', message_sid: messageSid, content_type: 'image/png', url: 'https://example.com/a.png', date_created: 1, date_updated: 1 });

  test('rows for several tables, named in either order, all go in with their group', async () => {
    const credits = Array.from({ length: 6 }, (_, i) => `BC${String(i).padStart(30, '0')}mx`);
    const media = credits.map((_, i) => `ME${String(i).padStart(30, '0')}mx`);
    await Promise.all(credits.map((sid, i) => {
      const creditRows = ['balance_credits', [creditRow(sid)]] as const;
      const mediaRows = ['message_media', [mediaRow(media[i]!, `SM${'0'.repeat(32)}`)]] as const;
      // Some requests name the credit first, some the media, some add no media at all.
      return commitRowsGrouped(storage.db, i % 3 === 0 ? [creditRows, mediaRows] : i % 3 === 1 ? [mediaRows, creditRows] : [creditRows, ['message_media', []]]);
    }));
    assert.deepEqual(await stored(credits), credits);
    const storedMedia = await storage.db.selectFrom('message_media').select('sid').where('sid', 'in', media).orderBy('sid').execute();
    assert.deepEqual(storedMedia.map((r) => r.sid), media.filter((_, i) => i % 3 !== 2));
  });

  const messageRow = (sid: string, unobserved: number | undefined) => ({
    sid, account_sid: 'AC00000000000000000000000000000001', to: '+12125550100', from: '+13125550101', messaging_service_sid: null, body: 'Grouped',
    status: 'queued', direction: 'outbound-api', num_segments: 1, num_media: 0, price: null, error_code: null, error_message: null,
    status_callback: null, outcome: 'delivered', next_event_at: null, send_at: null, unobserved, date_sent: null, date_created: 1, date_updated: 1,
  });

  test('a row that leaves a column out takes its default, grouped with rows that give it', async () => {
    const sids = Array.from({ length: 4 }, (_, i) => `SM${String(i).padStart(30, '0')}df`);
    // The first gives every column; the others alternate between leaving `unobserved` out and giving 1.
    await Promise.all(sids.map((sid, i) => commitRowsGrouped(storage.db, [['messages', [messageRow(sid, i === 0 ? 1 : i % 2 === 1 ? undefined : 1)]]])));
    const rows = await storage.db.selectFrom('messages').select(['sid', 'unobserved']).where('sid', 'in', sids).orderBy('sid').execute();
    assert.deepEqual(rows.map((r) => [r.sid, Number(r.unobserved)]), sids.map((sid, i) => [sid, i % 2 === 1 ? 0 : 1]));
  });

  if (database.name === 'PostgreSQL') {
    test('on PostgreSQL the creates of one turn share one transaction', async () => {
      const sids = Array.from({ length: 30 }, (_, i) => `BC${String(i).padStart(30, '0')}tx`);
      await Promise.all(sids.map((sid) => commitRowsGrouped(storage.db, [['balance_credits', [creditRow(sid)]]])));
      const writers = await sql<{ xmin: string }>`select distinct xmin::text as xmin from balance_credits where sid = any(${sids})`.execute(storage.db);
      assert.equal(writers.rows.length, 1, 'one transaction wrote all thirty');
    });
  }

  test('inside a transaction a write runs there, and rolls back with it', async () => {
    const sid = `BC${'d'.repeat(32)}`;
    await assert.rejects(
      storage.db.transaction().execute(async (trx) => {
        await commitGrouped(trx, credit(sid));
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.deepEqual(await stored([sid]), []);
  });
});
