import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';

test('a hash verifies its own password and no other', async () => {
  const hash = await hashPassword('correct horse battery staple');
  assert.match(hash, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
  assert.equal(await verifyPassword('correct horse battery staple', hash), true);
  assert.equal(await verifyPassword('correct horse battery stapl', hash), false);
  assert.equal(await verifyPassword('', hash), false);
});

test('the same password hashes differently each time (a random salt)', async () => {
  assert.notEqual(await hashPassword('same password'), await hashPassword('same password'));
});

test('passwords are compared after Unicode normalization, so é typed either way logs in', async () => {
  const hash = await hashPassword('caf\u00e9 au lait');
  assert.equal(await verifyPassword('cafe\u0301 au lait', hash), true);
});

test('anything that is not one of our hashes verifies nothing, without throwing or allocating wildly', async () => {
  for (const stored of ['', 'plain', 'bcrypt$10$abc$def', 'scrypt$32768$8$1$c2FsdA==', 'scrypt$1099511627776$8$1$c2FsdA==$aGFzaA==', 'scrypt$x$8$1$c2FsdA==$aGFzaA==', `${DUMMY_HASH}$extra`]) {
    assert.equal(await verifyPassword('password', stored), false, stored);
  }
});
