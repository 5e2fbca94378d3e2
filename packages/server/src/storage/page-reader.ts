import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { WorkerModule } from '../util/worker-module.ts';
import type { PageKey } from './keyset-page.ts';
import type { GiveBack } from './page-bytes.ts';
import { POSTGRES_READING_CONNECTIONS, type ReadingTarget } from './reading-connection.ts';

/** What the page reader's worker is asked: a keyset page's SQL, and how to write its rows out. */
export interface PageJob {
  sql: string;
  parameters: readonly unknown[];
  pageSize: number;
  /** Read backwards (a page before a cursor): the rows come in the reverse of the page's order. */
  reverse: boolean;
  /** Which list's items (page-items.ts). */
  items: string;
  /** The same plan is the best one for every value the SQL binds (ShapedQuery.onePlan). */
  onePlan: boolean;
  /** The request's instant, which the items show their rows at (PageItems). */
  now: number;
}

export interface PageRead {
  /** The items' JSON, comma-separated, as UTF-8, with room around it in its buffer (page-bytes.ts). */
  items: Uint8Array;
  /**
   * The first and last rows' places in the list, which the page's links are made of, and how many rows
   * it has. Not every row's: fifty keys a page, cloned onto the event loop's heap, were freed only by its
   * full collections (a sampling heap profile of what they free): some 9 MiB a second under pages that all differ.
   */
  first: PageKey | undefined;
  last: PageKey | undefined;
  count: number;
  /** Whether the query found a row past the page. */
  more: boolean;
  /** When what the items show next changes with no write (PageItems.seenChangeAt). */
  seenChangeAt: number | null;
  /** Where `items`' buffer goes once its answer is sent (page-bytes.ts); set by the reader that received it. */
  giveBack?: GiveBack;
}

export interface PageReader {
  /** The page, or undefined when the worker could not read it (the caller reads it itself). */
  read(job: PageJob): Promise<PageRead | undefined>;
  /** Pages asked for and not yet answered; Infinity once the reader has stopped. */
  queued(): number;
  close(): Promise<void>;
}

/** A page read, or why not; or, once, that the worker's connection is open and it takes pages. */
type Reply = ({ id: number } & ({ page: PageRead } | { error: string })) | 'ready';

/** Buffers given back to a worker in one message: a message each would cost more than it frees. */
const GIVE_BACK_BATCH = 8;

/**
 * The worker's young generation, in MiB, smaller than V8's default: its garbage is each page's rows and
 * strings, dead once the page is written out. On SQLite, 8 MiB kept the peak RSS some 25 MiB lower than
 * the default at the same rate, and 16 gained only 4 %. PostgreSQL's rows come as a string per field,
 * parsed in the worker, twice the garbage: at 16 MiB its pages that all differ came 8–18 % faster than
 * at 8 (interleaved trials on two cores), for some 20 MiB more at the peak.
 */
const YOUNG_GENERATION_MB = { sqlite: 8, postgres: 16 } as const;

/**
 * A reader thread that has had no page to read for this long stops: its heap, connection and page
 * cache are a large part of the process after a burst of pages (two threads stopping gave back 30–45
 * MiB of RSS), and a server idle between bursts need not keep them. The pages asked for while another
 * starts are read on the event loop.
 */
export const READER_IDLE_MS = 10_000;

/** `warn`, said the first time only. */
const onceOnly = (warn: (message: string) => void) => {
  let warned = false;
  return (message: string) => {
    if (!warned) warn(message);
    warned = true;
  };
};

/**
 * Reads list pages, and writes their items out as JSON, in a worker thread with a connection of its
 * own (reading-connection.ts): a page of fifty calls costs the event loop most of a millisecond of
 * reading rows (SQLite's, or parsing PostgreSQL's) and string building, which the worker does on
 * another core, handing the page's bytes over without a copy. Its connection reads what was committed
 * when each page is read, so it sees every write acknowledged before the request came, as the server's
 * own connection does (and none that is not yet committed). When the worker fails, the pages waiting
 * for it come back unanswered (their callers read them themselves); a worker that had answered is
 * started anew by the next read, one that never did is not started again. A worker left with nothing
 * to read for `idleMs` stops (READER_IDLE_MS), and the next page starts another. Until a worker says
 * it is ready, its pages come back unanswered too: starting a thread took some 80 ms, and the event
 * loop reads a page in a few.
 */
export function readPagesInBackground(
  database: ReadingTarget,
  workerModule: WorkerModule,
  { warnOfStop = onceOnly((message) => console.warn(message)), idleMs = READER_IDLE_MS }: { warnOfStop?: (message: string) => void; idleMs?: number } = {},
): PageReader {
  let worker: Worker | null = null;
  let ready = false;
  let nextId = 0;
  const waiting = new Map<number, (page: PageRead | undefined) => void>();
  let stopped = false;
  let idle: NodeJS.Timeout | undefined;
  // The worker finishes what it was asked first: pages asked for after this start a new one.
  const retire = () => {
    const current = worker;
    worker = null;
    ready = false;
    current?.postMessage('stop');
  };
  const retireWhenIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(retire, idleMs).unref();
  };
  const fail = (why: string, answered: boolean) => {
    if (!answered) stopped = true;
    warnOfStop(`List page reader stopped (${why}); pages are read on the main thread${stopped ? '' : ' until it starts again'}.`);
    for (const answer of waiting.values()) answer(undefined);
    waiting.clear();
  };
  const givenBack: ArrayBuffer[] = [];
  // A worker that has stopped takes none: the collector frees them.
  const giveBack: GiveBack = (buffer) => {
    givenBack.push(buffer);
    if (givenBack.length < GIVE_BACK_BATCH) return;
    const batch = givenBack.splice(0);
    worker?.postMessage({ free: batch }, batch);
  };
  const start = (): Worker => {
    const started = workerModule.start({ workerData: database, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB[database.dialect] } });
    let answered = false;
    started.unref();
    started.on('message', (reply: Reply) => {
      if (reply === 'ready') {
        if (worker !== started) return;
        ready = true;
        if (waiting.size === 0) retireWhenIdle();
        return;
      }
      answered = true;
      const answer = waiting.get(reply.id);
      waiting.delete(reply.id);
      // Idle, it holds nothing the process waits for, and stops if it stays idle.
      if (waiting.size === 0) {
        started.unref();
        if (worker === started) retireWhenIdle();
      }
      if ('error' in reply) console.warn(`List page reader: ${reply.error}`);
      answer?.('page' in reply ? { ...reply.page, giveBack } : undefined);
    });
    started.on('error', (error: Error) => {
      if (worker === started) fail(error.message, answered);
    });
    started.once('exit', (code) => {
      // A retired worker's pages were all answered; the pages waiting now are another's.
      if (worker !== started) return;
      worker = null;
      ready = false;
      if (waiting.size > 0) fail(`exit code ${code}`, answered);
    });
    return started;
  };
  return {
    read(job) {
      if (stopped) return Promise.resolve(undefined);
      clearTimeout(idle);
      try {
        worker ??= start();
      } catch (error) {
        fail((error as Error).message, false);
        return Promise.resolve(undefined);
      }
      if (!ready) return Promise.resolve(undefined);
      const id = nextId++;
      if (waiting.size === 0) worker.ref();
      const page = new Promise<PageRead | undefined>((resolve) => waiting.set(id, resolve));
      worker.postMessage({ id, ...job });
      return page;
    },
    queued: () => (stopped ? Infinity : waiting.size),
    async close() {
      stopped = true;
      clearTimeout(idle);
      const current = worker;
      worker = null;
      ready = false;
      if (!current) return;
      const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      current.ref();
      current.postMessage('stop');
      await exited;
      // Its exit is no failure: a page it left unanswered is read by its caller.
      for (const answer of waiting.values()) answer(undefined);
      waiting.clear();
    },
  };
}

/** Several readers as one: each page goes to the reader with the fewest pages waiting (a stopped one gets none while another runs). */
export function readPagesAcross(readers: readonly PageReader[]): PageReader {
  const leastQueued = () => readers.reduce((least, reader) => (reader.queued() < least.queued() ? reader : least));
  return {
    read: (job) => leastQueued().read(job),
    queued: () => Math.min(...readers.map((reader) => reader.queued())),
    close: async () => {
      await Promise.all(readers.map((reader) => reader.close()));
    },
  };
}

/**
 * At most this many reader threads a process: each holds a connection, a page cache and a heap of its
 * own (a second thread raised the peak RSS by 25–40 MiB), and pages are also sent on the event loop,
 * which one process has only one of.
 */
const MAX_THREADS = 4;

/**
 * Reader threads for a server of `processes` processes (serve --workers) on this machine: one for each
 * core a process has to itself. On two cores, a second thread answered 14–28 % more pages that all
 * differ than one (one was busy all the time while a fifth of the machine stayed idle); a third
 * answered no more.
 */
export const pageReaderThreads = (processes = 1, cores = availableParallelism()): number =>
  Math.max(1, Math.min(MAX_THREADS, Math.floor(cores / processes)));

/**
 * Pages read in `threads` worker threads at once, which share a server's PostgreSQL connections for
 * reading (at most POSTGRES_READING_CONNECTIONS in all of each kind of plan: reading-connection.ts); a server whose threads stop says so once.
 */
export function readPagesInThreads(database: ReadingTarget, workerModule: WorkerModule, threads: number): PageReader {
  const connections = Math.max(1, Math.floor(POSTGRES_READING_CONNECTIONS / threads));
  const warnOfStop = onceOnly((message) => console.warn(message));
  const readers = Array.from({ length: threads }, () => readPagesInBackground({ ...database, connections }, workerModule, { warnOfStop }));
  return readers.length === 1 ? readers[0]! : readPagesAcross(readers);
}

const readers = new WeakMap<Kysely<any>, PageReader>();

export const registerPageReader = (db: Kysely<any>, reader: PageReader): void => {
  readers.set(db, reader);
};

/** The page reader of the database `db` opened; undefined for a transaction (whose reads must see its own writes) and without one. */
export const pageReaderOf = (db: Kysely<any>): PageReader | undefined => readers.get(db);
