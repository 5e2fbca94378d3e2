import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { createAccount, updateAccount } from '../../src/storage/repositories/accounts.ts';
import { deleteSession, findSignedIn, insertSession } from '../../src/storage/repositories/console-sessions.ts';
import { insertUser } from '../../src/storage/repositories/console-users.ts';
import { onEachDatabase } from '../support/databases.ts';

// A Console page's session is remembered between requests (fresh-memo.ts); what the remembered
// answer rests on must still decide every request: expiry, sign-out, the account's own state.
const NOW = Date.UTC(2026, 5, 1);

onEachDatabase('Console sessions, remembered', (database) => {
  let storage: Storage;

  before(async () => {
    storage = openStorage(database.url);
    await migrateToLatest(storage.db);
  });
  after(() => storage.close());

  const signIn = async (tokenHash: string, expiresAt: number) => {
    const account = await createAccount(storage.db, { friendlyName: 'Sessions', type: 'Full', parentSid: null, now: NOW });
    const user = await insertUser(storage.db, { email: `${tokenHash}@example.com`, passwordHash: 'x', accountSid: account.sid, now: NOW });
    await insertSession(storage.db, { token_hash: tokenHash, user_sid: user.sid, csrf_token: 'csrf', date_created: NOW, expires_at: expiresAt });
    return account;
  };

  test('a session is live until its expiry, to the millisecond, even once remembered', async () => {
    await signIn('expiring', NOW + 1_000);
    assert.equal((await findSignedIn(storage.db, 'expiring', NOW))?.session.token_hash, 'expiring');
    assert.equal((await findSignedIn(storage.db, 'expiring', NOW + 999))?.session.token_hash, 'expiring');
    assert.equal(await findSignedIn(storage.db, 'expiring', NOW + 1_000), undefined);
  });

  test('signing out ends the session at once', async () => {
    await signIn('signing-out', NOW + 60_000);
    assert.ok(await findSignedIn(storage.db, 'signing-out', NOW));
    await deleteSession(storage.db, 'signing-out');
    assert.equal(await findSignedIn(storage.db, 'signing-out', NOW), undefined);
  });

  test("a change to the session's account shows on the next request", async () => {
    const account = await signIn('suspended', NOW + 60_000);
    assert.equal((await findSignedIn(storage.db, 'suspended', NOW))?.account.status, 'active');
    await updateAccount(storage.db, account.sid, { status: 'suspended' }, NOW);
    assert.equal((await findSignedIn(storage.db, 'suspended', NOW))?.account.status, 'suspended');
  });

  test('an unknown token names no one', async () => {
    assert.equal(await findSignedIn(storage.db, 'never-issued', NOW), undefined);
  });
});
