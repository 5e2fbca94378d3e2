// The page reader's worker thread (page-reader.ts): a connection of its own to the server's database,
// which only reads.
import { parentPort, workerData } from 'node:worker_threads';
import type { PageItems, PageKey } from '../../storage/keyset-page.ts';
import type { PageJob, PageRead } from '../../storage/page-reader.ts';
import { itemsWrittenAsMade } from '../../storage/page-bytes.ts';
import { openReadingConnection, type ReadingTarget } from '../../storage/reading-connection.ts';
import { PAGE_ITEMS } from './page-items.ts';

const connection = openReadingConnection(workerData as ReadingTarget);

const placeOf = ({ date_created, sid }: PageKey): PageKey => ({ date_created, sid });

async function readPage({ sql, parameters, pageSize, reverse, items: list, onePlan, now }: PageJob): Promise<PageRead> {
  const writer = Object.values(PAGE_ITEMS).find((items) => items.name === list) as PageItems<PageKey> | undefined;
  if (!writer) throw new Error(`no list named '${list}'`);
  const fetched = (await connection.rows(sql, parameters, onePlan)) as PageKey[];
  const more = fetched.length > pageSize;
  const rows = more ? fetched.slice(0, pageSize) : fetched;
  if (reverse) rows.reverse();
  // Handed over to the main thread without a copy, with room for the envelope around it (page-bytes.ts).
  const items = itemsWrittenAsMade(rows, (row) => writer.item(row, now));
  return {
    items,
    first: rows[0] && placeOf(rows[0]),
    last: rows[rows.length - 1] && placeOf(rows[rows.length - 1]!),
    count: rows.length,
    more,
    seenChangeAt: writer.seenChangeAt?.(rows, now) ?? null,
  };
}

// Pages asked for before this are read on the event loop (page-reader.ts).
parentPort!.postMessage('ready');

parentPort!.on('message', (message: ({ id: number } & PageJob) | { free: ArrayBuffer[] } | 'stop') => {
  if (message === 'stop') {
    void connection.close().finally(() => parentPort!.close());
    return;
  }
  // Pages' buffers given back once sent (page-bytes.ts): dropped here, this thread's next collection frees them.
  if ('free' in message) return;
  // PostgreSQL's pages are read several at once, each answered when it is read.
  readPage(message).then(
    (page) => parentPort!.postMessage({ id: message.id, page }, [page.items.buffer as ArrayBuffer]),
    (error: unknown) => parentPort!.postMessage({ id: message.id, error: (error as Error).message }),
  );
});
