// The page reader's worker thread (sqlite-page-reader.ts): one connection of its own to the server's
// SQLite file, which only reads.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import type { PageJob, PageRead } from '../../storage/sqlite-page-reader.ts';
import type { ListedCall } from '../../storage/repositories/calls.ts';
import { statementsForKysely } from '../../storage/sqlite-statements.ts';
import { PAGE_ITEMS } from './page-items.ts';

const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof SQLite;
const db = new Sqlite((workerData as { file: string }).file, { fileMustExist: true });
db.pragma('query_only = ON');
db.pragma('busy_timeout = 5000');
// 4 MiB of page cache (the server's connection has 16): it holds the indexes' upper levels, which every
// page passes through; the rows of pages that all differ are scattered over the file and seldom read twice.
db.pragma('cache_size = -4096');

// The server's own statement cache: each SQL text prepared once, rows read as arrays and made objects in JavaScript.
const statements = statementsForKysely(db, () => undefined);

function readPage({ sql, parameters, pageSize, reverse, items: list }: PageJob): PageRead {
  const writer = Object.values(PAGE_ITEMS).find((items) => items.name === list);
  if (!writer) throw new Error(`no list named '${list}'`);
  const fetched = statements.prepare(sql).all(parameters) as ListedCall[];
  const more = fetched.length > pageSize;
  const rows = more ? fetched.slice(0, pageSize) : fetched;
  if (reverse) rows.reverse();
  const text = writer.json(rows).join(',');
  // A buffer of its own (never a slice of Buffer's shared pool), handed over to the main thread without a copy.
  const items = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  items.write(text);
  return {
    items,
    keys: rows.map((row) => ({ date_created: row.date_created, sid: row.sid })),
    more,
  };
}

parentPort!.on('message', (message: ({ id: number } & PageJob) | 'stop') => {
  if (message === 'stop') {
    db.close();
    parentPort!.close();
    return;
  }
  try {
    const page = readPage(message);
    parentPort!.postMessage({ id: message.id, page }, [page.items.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: (error as Error).message });
  }
});
