import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import SQLite from 'better-sqlite3';
import type { KyselyPlugin } from 'kysely';
import { changeAccountStatus } from '../../src/connect/change-account-status.ts';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { findAccount } from '../../src/storage/repositories/accounts.ts';
import { authorize, makeAccount, makeApp, nextInstant } from '../support/fixtures.ts';

/**
 * Another process writing the same SQLite file — the CLI beside a running server — must not make a
 * read-then-write transaction fail: transactions take the write lock when they begin, so the other
 * writer waits (here it has no busy timeout, so it is refused at once) instead of slipping in between.
 */
let dir: string;
let storage: Storage;
let other: SQLite.Database;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-lock-'));
  storage = openStorage(join(dir, 'switchboard.sqlite'));
  await migrateToLatest(storage.db);
  other = new SQLite(join(dir, 'switchboard.sqlite'));
  other.pragma('busy_timeout = 0');
});
after(async () => {
  other.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The other process's write: an account rename, committed at once or refused with SQLITE_BUSY. */
function writeFromOtherProcess(sid: string): string {
  try {
    other.prepare('update accounts set friendly_name = ? where sid = ?').run('Renamed elsewhere', sid);
    return 'committed';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

test('a transaction that reads and then writes keeps another process from committing in between', async () => {
  const account = await makeAccount(storage.db, 'Reader');
  let between = '';
  await storage.db.transaction().execute(async (trx) => {
    await findAccount(trx, account.sid);
    between = writeFromOtherProcess(account.sid);
    await trx.updateTable('accounts').set({ date_updated: nextInstant() }).where('sid', '=', account.sid).execute();
  });
  assert.equal(between, 'SQLITE_BUSY');
  assert.equal((await findAccount(storage.db, account.sid))!.friendly_name, 'Reader');
});

test("closing an account while another process writes ends its grants and commits", async () => {
  const developer = await makeAccount(storage.db, 'Developer');
  const customer = await makeAccount(storage.db, 'Customer');
  await authorize(storage.db, await makeApp(storage.db, developer, ['get-all']), customer);
  let between = '';
  // The other process writes just before the operation's first write, after its first read.
  const interleave: KyselyPlugin = {
    transformQuery({ node }) {
      if (node.kind === 'UpdateQueryNode' && between === '') between = writeFromOtherProcess(customer.sid);
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  const closed = await storage.db.withPlugin(interleave).transaction().execute((trx) => changeAccountStatus(trx, customer.sid, 'closed', nextInstant()));
  assert.equal(between, 'SQLITE_BUSY');
  assert.equal(closed.status, 'closed');
  const grants = await storage.db.selectFrom('connect_grants').select('status').where('account_sid', '=', customer.sid).execute();
  assert.deepEqual(grants.map((g) => g.status), ['revoked']);
});
