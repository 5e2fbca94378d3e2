// The fixture's files read through once, so that the figures that read them measure the server, not the disk.
import { closeSync, openSync, readSync } from 'node:fs';
import { sql } from 'kysely';
import { openStorage } from '../src/storage/database.ts';
import type { BenchFixture } from './prepare.ts';

const CHUNK = 4 * 2 ** 20;

/** The calls table and the indexes the read figures seek through (the list's order, and its Status and To filters). */
const CALL_RELATIONS = ['calls', 'calls_pkey', 'calls_account_created', 'calls_account_status', 'calls_account_to'];

/**
 * Reads the fixture end to end, which leaves it in the OS page cache. A page of 50 calls read from all
 * over a 1.4 GiB file otherwise waits on the disk wherever the machine has let those pages go (a VM's
 * memory reclaim does, minutes after they were last read), and the figure falls with the disk. On
 * PostgreSQL the same holds for the server's files: without it the first trial of pages that all differ
 * ran at two thirds of the later ones. pg_prewarm reads them when the server has it; otherwise a
 * sequential scan reads the table at least.
 */
export async function readIntoPageCache(fixture: BenchFixture): Promise<void> {
  if (fixture.database === 'SQLite') return readSqliteFile(fixture.url);
  const storage = openStorage(fixture.url);
  try {
    const prewarm = await sql<{ ok: boolean }>`select exists (select 1 from pg_available_extensions where name = 'pg_prewarm') as ok`.execute(storage.db);
    if (prewarm.rows[0]?.ok) {
      await sql`create extension if not exists pg_prewarm`.execute(storage.db);
      for (const relation of CALL_RELATIONS) await sql`select pg_prewarm(${relation}, 'read')`.execute(storage.db);
    } else {
      await sql`select sum(length(sid)) from calls`.execute(storage.db);
    }
  } finally {
    await storage.close();
  }
}

function readSqliteFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    while (readSync(fd, buffer, 0, CHUNK, null) > 0);
  } finally {
    closeSync(fd);
  }
}
