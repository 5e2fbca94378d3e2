import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { caDirFor } from './ca-files.ts';

test('the CA lives beside a SQLite file, in ./data for PostgreSQL, and in a temporary folder for :memory:', () => {
  assert.equal(caDirFor('/srv/sb/switchboard.sqlite', {}), '/srv/sb/ca');
  assert.equal(caDirFor('sqlite:///srv/sb/x.sqlite', {}), '/srv/sb/ca');
  assert.equal(caDirFor('postgres://u@h/db', {}), resolve('data/ca'));
  assert.ok(caDirFor(':memory:', {}).startsWith(join(tmpdir(), 'switchboard-')));
});

test('SWITCHBOARD_CA_DIR chooses the folder', () => {
  assert.equal(caDirFor('/srv/sb/switchboard.sqlite', { SWITCHBOARD_CA_DIR: '/etc/sb-ca' }), '/etc/sb-ca');
});
