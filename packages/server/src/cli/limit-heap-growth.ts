// How far V8 lets `serve`'s heaps grow between full collections.
import { setFlagsFromString } from 'node:v8';
import { isPostgresUrl } from '../storage/database.ts';

/**
 * After each full collection V8 lets the old generation grow to up to four times what survived it when the
 * program allocates fast, as a server under load does: much of a request's garbage lives long enough to be
 * promoted while 50 others are in flight. On SQLite, at 1.5 times, a server on the bench's 1,000,000-call
 * fixture taking a page repeated, pages that all differ and POST Messages peaked at some 218 MiB of RSS
 * against 281, for about 4.5 % of the rate of pages that all differ (docs/performance.md, "A heap that grows by
 * half"). On PostgreSQL the page readers parse every field from text, twice the garbage, and the same
 * setting cost a tenth of those pages, so there V8 keeps its own growth.
 */
export const SERVER_HEAP_GROWING_PERCENT = 50;

const OWN_SETTING = /^--heap[-_]growing[-_]percent(=|$)/;

/**
 * The V8 flag `serve` sets on `databaseUrl`, or null: on PostgreSQL, and when node was started with a
 * setting of its own (`node --heap-growing-percent=50 …` on PostgreSQL too; `=0` is V8's own growth).
 */
export const heapGrowthFlag = (databaseUrl: string, execArgv: readonly string[]): string | null =>
  isPostgresUrl(databaseUrl) || execArgv.some((arg) => OWN_SETTING.test(arg)) ? null : `--heap-growing-percent=${SERVER_HEAP_GROWING_PERCENT}`;

/**
 * Sets the growth for every heap of the process, the page readers' included (V8's flags are the
 * process's). V8 reads it each time it sets a heap's next limit, so setting it before the server starts
 * is enough. Only `serve` calls this: a library must not change its host process's collector.
 */
export function limitHeapGrowth(databaseUrl: string, execArgv: readonly string[] = process.execArgv): void {
  const flag = heapGrowthFlag(databaseUrl, execArgv);
  if (flag !== null) setFlagsFromString(flag);
}
