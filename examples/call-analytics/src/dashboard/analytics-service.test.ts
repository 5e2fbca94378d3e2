import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CallAggregator } from './aggregate.ts';
import { createAnalyticsService, FAILURE_TTL_MS } from './analytics-service.ts';
import type { DashboardData, ReadProgress } from './read-call-log.ts';

const SID = `AC${'a'.repeat(32)}`;

/** A loader that counts its calls and resolves (or fails) only when told to. */
function controlledLoader() {
  const pending: { resolve: (d: DashboardData) => void; reject: (e: Error) => void; progress: ReadProgress }[] = [];
  let loads = 0;
  return {
    load: (accountSid: string, progress: ReadProgress) => {
      loads++;
      assert.equal(accountSid, SID);
      return new Promise<DashboardData>((resolve, reject) => pending.push({ resolve, reject, progress }));
    },
    /** The progress object the read in flight reports to. */
    progressOfCurrent: () => pending[0]!.progress,
    get loads() {
      return loads;
    },
    finish: (computedAt: number) => pending.shift()!.resolve({ analytics: new CallAggregator().result(), accounts: 1, accountName: 'Acme', computedAt }),
    fail: () => pending.shift()!.reject(new Error('Switchboard is down')),
  };
}

test('page views while a read is in flight share it instead of starting another', async () => {
  const loader = controlledLoader();
  const service = createAnalyticsService({ load: loader.load, ttlMs: 60_000, clock: () => 0 });
  const first = service.get(SID);
  const second = service.get(SID);
  loader.finish(1);
  assert.equal(loader.loads, 1);
  assert.equal(await first, await second);
});

test('a result is reused until its time to live has passed, counted from when the read finished', async () => {
  const loader = controlledLoader();
  const clock = { now: 0 };
  const service = createAnalyticsService({ load: loader.load, ttlMs: 60_000, clock: () => clock.now });
  const reading = service.get(SID);
  clock.now = 5_000;
  loader.finish(5_000);
  await reading;
  clock.now = 64_999;
  assert.equal((await service.get(SID)).computedAt, 5_000);
  clock.now = 65_000;
  const again = service.get(SID);
  loader.finish(65_000);
  assert.equal((await again).computedAt, 65_000);
  assert.equal(loader.loads, 2);
});

test('a failure is shown to the next view for a few seconds, then the read is tried again', async () => {
  const loader = controlledLoader();
  const clock = { now: 0 };
  const service = createAnalyticsService({ load: loader.load, ttlMs: 60_000, clock: () => clock.now });
  const failing = service.get(SID);
  loader.fail();
  await assert.rejects(failing, /Switchboard is down/);
  clock.now = FAILURE_TTL_MS - 1;
  await assert.rejects(service.get(SID), /Switchboard is down/, 'the page that waited for it can show the failure');
  assert.equal(loader.loads, 1);
  clock.now = FAILURE_TTL_MS;
  const retry = service.get(SID);
  loader.finish(2);
  assert.equal((await retry).computedAt, 2);
  assert.equal(loader.loads, 2);
});

test('the progress of a read in flight is visible until it settles', async () => {
  const loader = controlledLoader();
  const service = createAnalyticsService({ load: loader.load, ttlMs: 60_000, clock: () => 42 });
  assert.equal(service.progress(SID), undefined);
  const reading = service.get(SID);
  loader.progressOfCurrent().callsRead = 1000;
  assert.deepEqual(service.progress(SID), { callsRead: 1000, startedAt: 42 });
  loader.finish(1);
  await reading;
  assert.equal(service.progress(SID), undefined);
});

test('forget drops a cached result, and a read that was in flight does not come back into the cache', async () => {
  const loader = controlledLoader();
  const service = createAnalyticsService({ load: loader.load, ttlMs: 60_000, clock: () => 0 });
  const stale = service.get(SID);
  service.forget(SID);
  const fresh = service.get(SID);
  loader.finish(1);
  loader.finish(2);
  assert.equal((await stale).computedAt, 1);
  assert.equal((await fresh).computedAt, 2);
  assert.equal((await service.get(SID)).computedAt, 2);
  assert.equal(loader.loads, 2);
});

test('a time to live of zero caches nothing once the read is over', async () => {
  const loader = controlledLoader();
  const service = createAnalyticsService({ load: loader.load, ttlMs: 0, clock: () => 0 });
  const first = service.get(SID);
  loader.finish(1);
  await first;
  const second = service.get(SID);
  loader.finish(2);
  assert.equal((await second).computedAt, 2);
});
