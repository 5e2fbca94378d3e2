// The fixture's file read through once, so that the figures that read it measure the server, not the disk.
import { closeSync, openSync, readSync } from 'node:fs';
import type { BenchFixture } from './prepare.ts';

const CHUNK = 4 * 2 ** 20;

/**
 * Reads a SQLite fixture end to end, which leaves it in the OS page cache. A page of 50 calls read from
 * all over a 1.4 GiB file otherwise waits on the disk wherever the machine has let those pages go (a
 * VM's memory reclaim does, minutes after they were last read), and the figure falls with the disk.
 * PostgreSQL's own files are the server's to cache.
 */
export function readIntoPageCache(fixture: BenchFixture): void {
  if (fixture.database !== 'SQLite') return;
  const fd = openSync(fixture.url, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    while (readSync(fd, buffer, 0, CHUNK, null) > 0);
  } finally {
    closeSync(fd);
  }
}
