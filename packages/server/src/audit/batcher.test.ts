import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBatcher, type StartTimer } from './batcher.ts';

/** A timer the test fires by hand. */
function manualTimer() {
  const pending: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
  const start: StartTimer = (run, ms) => {
    const entry = { run, ms, cancelled: false };
    pending.push(entry);
    return () => {
      entry.cancelled = true;
    };
  };
  const armed = () => pending.filter((p) => !p.cancelled);
  const fire = () => {
    const due = armed();
    pending.length = 0;
    for (const p of due) p.run();
  };
  return { start, armed, fire };
}

/** A writer that records each batch and fails while told to. */
function recordingWriter() {
  const batches: number[][] = [];
  let failures = 0;
  return {
    batches,
    failNext(times: number) {
      failures = times;
    },
    async write(rows: number[]) {
      if (failures > 0) {
        failures -= 1;
        throw new Error('database unavailable');
      }
      batches.push([...rows]);
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('rows are written in one batch as soon as the size limit is reached', async () => {
  const writer = recordingWriter();
  const timer = manualTimer();
  const batcher = createBatcher({ write: writer.write, maxRows: 3, intervalMs: 100, capacity: 10, startTimer: timer.start });
  batcher.add(1);
  batcher.add(2);
  assert.deepEqual(writer.batches, []);
  batcher.add(3);
  await settle();
  assert.deepEqual(writer.batches, [[1, 2, 3]]);
  assert.equal(batcher.waiting, 0);
});

test('rows that pass the size limit while a batch is being written make one next batch, not one each', async () => {
  const batches: number[][] = [];
  const releases: Array<() => void> = [];
  const write = async (rows: number[]) => {
    batches.push([...rows]);
    await new Promise<void>((resolve) => releases.push(resolve));
  };
  const timer = manualTimer();
  const batcher = createBatcher({ write, maxRows: 3, intervalMs: 100, capacity: 100, startTimer: timer.start });
  for (let i = 1; i <= 3; i++) batcher.add(i);
  await settle();
  // While the first batch is written, five rows arrive: past the limit at the third, and twice more.
  for (let i = 4; i <= 8; i++) batcher.add(i);
  releases.shift()!();
  await settle();
  assert.deepEqual(batches, [[1, 2, 3], [4, 5, 6, 7, 8]]);
  // One row arrives during the second batch: below the limit, it waits for the timer, not for a write of its own.
  batcher.add(9);
  releases.shift()!();
  await settle();
  await settle();
  assert.deepEqual(batches, [[1, 2, 3], [4, 5, 6, 7, 8]]);
  assert.equal(batcher.waiting, 1);
  timer.fire();
  await settle();
  assert.deepEqual(batches, [[1, 2, 3], [4, 5, 6, 7, 8], [9]]);
  releases.shift()!();
});

test('rows below the size limit are written when the timer started by the first of them fires', async () => {
  const writer = recordingWriter();
  const timer = manualTimer();
  const batcher = createBatcher({ write: writer.write, maxRows: 100, intervalMs: 250, capacity: 1000, startTimer: timer.start });
  batcher.add(1);
  batcher.add(2);
  assert.deepEqual(timer.armed().map((t) => t.ms), [250], 'one timer for the batch, not one per row');
  assert.deepEqual(writer.batches, []);
  timer.fire();
  await settle();
  assert.deepEqual(writer.batches, [[1, 2]]);
});

test('closing writes what waits and stops the timer', async () => {
  const writer = recordingWriter();
  const timer = manualTimer();
  const batcher = createBatcher({ write: writer.write, maxRows: 100, intervalMs: 250, capacity: 1000, startTimer: timer.start });
  batcher.add(7);
  assert.equal(await batcher.close(), true);
  assert.deepEqual(writer.batches, [[7]]);
  assert.deepEqual(timer.armed(), []);
});

test('a failed write keeps its rows in order and retries them on the next tick', async () => {
  const writer = recordingWriter();
  const timer = manualTimer();
  const errors: unknown[] = [];
  const batcher = createBatcher({ write: writer.write, maxRows: 2, intervalMs: 50, capacity: 100, startTimer: timer.start, onError: (e) => errors.push(e) });
  writer.failNext(1);
  batcher.add(1);
  batcher.add(2);
  await settle();
  assert.deepEqual(writer.batches, []);
  assert.equal(errors.length, 1);
  assert.equal(batcher.waiting, 2);
  batcher.add(3);
  assert.equal(batcher.waiting, 3);
  timer.fire();
  await settle();
  assert.deepEqual(writer.batches, [[1, 2, 3]]);
  assert.equal(batcher.dropped, 0);
});

test('while writes fail, only the newest rows up to the capacity are kept', async () => {
  const writer = recordingWriter();
  const timer = manualTimer();
  const batcher = createBatcher({ write: writer.write, maxRows: 1000, intervalMs: 50, capacity: 3, startTimer: timer.start, onError: () => {} });
  writer.failNext(1);
  for (const n of [1, 2, 3, 4, 5]) batcher.add(n);
  assert.equal(batcher.dropped, 2);
  assert.equal(await batcher.flush(), false);
  assert.equal(batcher.waiting, 3);
  assert.equal(await batcher.flush(), true);
  assert.deepEqual(writer.batches, [[3, 4, 5]]);
});
