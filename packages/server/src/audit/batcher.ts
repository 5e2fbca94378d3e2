/** Starts a one-shot timer and returns what cancels it; tests drive their own. */
export type StartTimer = (run: () => void, ms: number) => () => void;

const realTimer: StartTimer = (run, ms) => {
  const handle = setTimeout(run, ms);
  // A pending flush must not keep the process alive: shutdown flushes explicitly.
  handle.unref();
  return () => clearTimeout(handle);
};

export interface BatcherOptions<Row> {
  /** Writes one batch, all or nothing (one transaction). */
  write(rows: Row[]): Promise<void>;
  /** A batch is written as soon as this many rows wait… */
  maxRows: number;
  /** …or this long after the first of them arrived. */
  intervalMs: number;
  /** Rows held while writes fail; past it the oldest are dropped, so a database outage cannot exhaust memory. */
  capacity: number;
  onError?(error: unknown): void;
  startTimer?: StartTimer;
}

export interface Batcher<Row> {
  add(row: Row): void;
  /** Writes what waits; resolves false when the write failed (the rows wait for the next try). */
  flush(): Promise<boolean>;
  /** Stops the timer and writes what waits. */
  close(): Promise<boolean>;
  readonly waiting: number;
  readonly dropped: number;
}

/**
 * Collects rows in memory and writes them in batches, one write at a time, so that the request
 * that produced a row never waits on the database. A failed write keeps its rows, in order, and is
 * retried on the next tick of the timer.
 */
export function createBatcher<Row>(options: BatcherOptions<Row>): Batcher<Row> {
  const startTimer = options.startTimer ?? realTimer;
  let buffer: Row[] = [];
  let cancelTimer: (() => void) | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let dropped = 0;
  let closed = false;

  const keepWithinCapacity = () => {
    const excess = buffer.length - options.capacity;
    if (excess > 0) {
      buffer.splice(0, excess);
      dropped += excess;
    }
  };

  const scheduleFlush = () => {
    if (cancelTimer !== null || closed) return;
    cancelTimer = startTimer(() => {
      cancelTimer = null;
      void flush();
    }, options.intervalMs);
  };

  async function writeWaiting(): Promise<boolean> {
    if (buffer.length === 0) return true;
    const batch = buffer;
    buffer = [];
    try {
      await options.write(batch);
      return true;
    } catch (error) {
      buffer = batch.concat(buffer);
      keepWithinCapacity();
      options.onError?.(error);
      scheduleFlush();
      return false;
    }
  }

  /**
   * The flush queued behind the write in progress and not yet begun: it takes every row waiting when it
   * begins, so a flush asked for meanwhile is that one. Without it, each row added past `maxRows` while a
   * write was in progress queued a write of its own, and a busy server wrote a batch every few rows.
   */
  let queuedFlush: Promise<boolean> | null = null;

  function flush(): Promise<boolean> {
    if (queuedFlush) return queuedFlush;
    const done = queue.then(() => {
      queuedFlush = null;
      return writeWaiting();
    });
    queuedFlush = done;
    queue = done;
    return done;
  }

  return {
    add(row) {
      buffer.push(row);
      keepWithinCapacity();
      if (buffer.length >= options.maxRows) void flush();
      else scheduleFlush();
    },
    flush,
    async close() {
      closed = true;
      cancelTimer?.();
      cancelTimer = null;
      return flush();
    },
    get waiting() {
      return buffer.length;
    },
    get dropped() {
      return dropped;
    },
  };
}
