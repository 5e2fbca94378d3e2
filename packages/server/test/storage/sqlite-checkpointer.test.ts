import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import { checkpointInBackgroundFor, migrateToLatest, openStorage, type Storage } from '../../src/storage/database.ts';
import { commitRowsGrouped } from '../../src/storage/group-commit.ts';
import { createAccount } from '../../src/storage/repositories/accounts.ts';
import { writesMayStart } from '../../src/storage/write-gate.ts';
import { newSid } from '../../src/util/sid.ts';

const NOW = Date.UTC(2025, 2, 14);
const MiB = 2 ** 20;
const BATCHES = 300;
const ROWS_PER_BATCH = 100;

/**
 * 30,000 messages, the sizes of the log file after each commit. By default 100-row transactions of
 * 1,500-character bodies (about 48 MiB), 2 ms apart; `asTheServerDoes` commits them through the group
 * commit back to back, as the server's busy writers do.
 */
async function writeMessages(
  storage: Storage,
  file: string,
  { asTheServerDoes = false, rowsPerBatch = ROWS_PER_BATCH, bodyLength = 1500, afterCommit = () => {} } = {},
): Promise<number[]> {
  const accountSid = (await createAccount(storage.db, { friendlyName: 'Checkpoints', type: 'Full', parentSid: null, now: NOW })).sid;
  const body = 'x'.repeat(bodyLength);
  const logSizes: number[] = [];
  for (let batch = 0; batch < (BATCHES * ROWS_PER_BATCH) / rowsPerBatch; batch++) {
    const rows = Array.from({ length: rowsPerBatch }, (_, i) => ({
      sid: newSid('SM'), account_sid: accountSid, to: '+12125550100', from: '+13125550101', messaging_service_sid: null, body, status: 'delivered' as const,
      direction: 'outbound-api' as const, num_segments: 10, num_media: 0, price: null, error_code: null, error_message: null, status_callback: null,
      outcome: 'delivered' as const, next_event_at: null, send_at: null, unobserved: 0, date_sent: NOW, date_created: NOW + batch * rowsPerBatch + i, date_updated: NOW,
    }));
    // The server's busy writers (creates, simulation batches, the audit trail) commit grouped, back to back.
    if (asTheServerDoes) await commitRowsGrouped(storage.db, [['messages', rows]]);
    else {
      await storage.db.transaction().execute((trx) => trx.insertInto('messages').values(rows).execute());
      await sleep(2);
    }
    logSizes.push(statSync(`${file}-wal`).size);
    afterCommit();
  }
  return logSizes;
}

/** The log's checkpoint sequence number (its header's bytes 12-15): SQLite adds one each time the log starts anew. */
function logSequence(file: string): number {
  const fd = openSync(`${file}-wal`, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.readUInt32BE(12);
  } finally {
    closeSync(fd);
  }
}

async function countMessages(file: string): Promise<number> {
  const reopened = openStorage(file);
  try {
    const count = await reopened.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(count.n);
  } finally {
    await reopened.close();
  }
}

/** Opens `file` as a server does (the worker pacing itself at `intervalMs`), runs `work`, and closes it, on failure too. */
async function asServer<T>(file: string, intervalMs: number | undefined, work: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = openStorage(file);
  try {
    await migrateToLatest(storage.db);
    checkpointInBackgroundFor(storage, intervalMs);
    return await work(storage);
  } finally {
    // An open database and its worker would keep the test's process alive.
    await storage.close();
  }
}

/** A worker that never gets to copy: the server's own connection has to keep the bound. */
const WORKER_NEVER_COPIES = 60 * 60 * 1000;

describe('SQLite checkpoints in a worker thread', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'switchboard-checkpoints-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('commits go on while the worker copies the log, the log stays bounded, and every row is kept', async () => {
    const file = join(folder, 'copied-by-the-worker.db');
    const logSizes = await asServer(file, undefined, async (storage) => {
      const setting = async () => (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(storage.db)).rows[0]!.wal_autocheckpoint;
      assert.equal(await setting(), 0, "the server's own commits no longer checkpoint");
      return writeMessages(storage, file);
    });
    const largest = Math.max(...logSizes);
    assert.ok(largest < 34 * MiB, `the log grew to ${(largest / MiB).toFixed(1)} MiB`);
    assert.equal(await countMessages(file), BATCHES * ROWS_PER_BATCH);
  });

  test('under writes back to back, the log starts anew again and again while the writers wait their turn', async () => {
    const file = join(folder, 'back-to-back.db');
    let held = 0;
    const sequences = new Set<number>();
    // The worker's first copy comes soon: these writes reach full speed at once, where a server's grow.
    const { logSizes, heldWhileWriting } = await asServer(file, 20, async (storage) => {
      // How often a writer found the worker starting the log anew, sampled as the writes go.
      const sampler = setInterval(() => (held += writesMayStart(storage.db) ? 1 : 0), 1);
      try {
        const afterCommit = () => sequences.add(logSequence(file));
        return { logSizes: await writeMessages(storage, file, { asTheServerDoes: true, rowsPerBatch: 50, bodyLength: 160, afterCommit }), heldWhileWriting: held };
      } finally {
        clearInterval(sampler);
      }
    });
    // With no moment between commits, only the writers' wait lets a copy find the log fully copied.
    assert.ok(heldWhileWriting > 0, 'the writers were asked to wait while the worker started the log anew');
    assert.ok(sequences.size >= 3, `the log started anew ${sequences.size - 1} times`);
    // Past 32 MiB the server's own connection would have copied the log, its event loop waiting.
    const largest = Math.max(...logSizes);
    assert.ok(largest < 32 * MiB, `the log file grew to ${(largest / MiB).toFixed(1)} MiB`);
    assert.equal(await countMessages(file), BATCHES * ROWS_PER_BATCH);
  });

  test('a worker that falls behind holds the writes back: the log stays bounded and its file shrinks back', async () => {
    const file = join(folder, 'worker-behind.db');
    const logSizes = await asServer(file, WORKER_NEVER_COPIES, (storage) => writeMessages(storage, file));
    const largest = Math.max(...logSizes);
    assert.ok(largest > 32 * MiB, `the writes reached the bound (${(largest / MiB).toFixed(1)} MiB)`);
    assert.ok(largest < 34 * MiB, `the log grew to ${(largest / MiB).toFixed(1)} MiB`);
    const shrunk = logSizes.slice(logSizes.indexOf(largest)).some((size) => size <= 17 * MiB);
    assert.ok(shrunk, 'the log file shrank back to its limit after it started anew');
    assert.equal(await countMessages(file), BATCHES * ROWS_PER_BATCH);
  });

  test('a reader in another process that keeps the log in use holds no write for long; once it ends the log is bounded again', async () => {
    const file = join(folder, 'long-reader.db');
    const { whileReading, afterwards } = await asServer(file, WORKER_NEVER_COPIES, async (storage) => {
      await createAccount(storage.db, { friendlyName: 'Before the reader', type: 'Full', parentSid: null, now: NOW });
      // A read transaction that has read once keeps every frame written after it from being copied.
      const reader = new Sqlite(file);
      reader.prepare('begin').run();
      reader.prepare('select count(*) from accounts').get();
      let whileReading: number[];
      try {
        whileReading = await writeMessages(storage, file);
      } finally {
        reader.prepare('commit').run();
        reader.close();
      }
      return { whileReading, afterwards: await writeMessages(storage, file) };
    });
    assert.ok(Math.max(...whileReading) > 40 * MiB, 'the log could not start anew while the reader kept it in use');
    assert.ok(afterwards.some((size) => size <= 17 * MiB), 'once the reader ended, the log started anew and its file shrank back');
    assert.equal(await countMessages(file), 2 * BATCHES * ROWS_PER_BATCH);
  });
});
