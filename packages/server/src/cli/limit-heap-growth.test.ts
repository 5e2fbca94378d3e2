import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { heapGrowthFlag, SERVER_HEAP_GROWING_PERCENT } from './limit-heap-growth.ts';

test('serve on SQLite sets the heap growth unless node was started with a setting of its own', () => {
  const flag = `--heap-growing-percent=${SERVER_HEAP_GROWING_PERCENT}`;
  for (const url of ['data/switchboard.sqlite', 'sqlite:///tmp/x.sqlite', ':memory:']) assert.equal(heapGrowthFlag(url, []), flag, url);
  assert.equal(heapGrowthFlag('data/switchboard.sqlite', ['--enable-source-maps', '--import', 'tsx']), flag);
  for (const own of ['--heap-growing-percent=0', '--heap_growing_percent=20', '--heap-growing-percent']) {
    assert.equal(heapGrowthFlag('data/switchboard.sqlite', ['--trace-gc', own]), null, own);
  }
});

test('serve on PostgreSQL keeps V8’s own growth', () => {
  for (const url of ['postgres://127.0.0.1/switchboard', 'postgresql://user@db:5432/switchboard']) assert.equal(heapGrowthFlag(url, []), null, url);
});

/**
 * A process that keeps a steady set of objects and makes garbage fast, as a server under load does, with
 * and without limitHeapGrowth(): the peak of its heap is what the setting is for.
 */
const peakHeapMiB = (limited: boolean): number => {
  const program = `
    ${limited ? `const { limitHeapGrowth } = await import(${JSON.stringify(new URL('./limit-heap-growth.ts', import.meta.url).href)}); limitHeapGrowth('data/switchboard.sqlite', []);` : ''}
    const kept = [];
    for (let i = 0; i < 200_000; i++) kept.push({ i, text: 'kept ' + i });
    const recent = [];
    let peak = 0;
    for (let round = 0; round < 800; round++) {
      const batch = [];
      for (let i = 0; i < 2_000; i++) batch.push({ text: 'y'.repeat(20) + i, pair: [i, i + 1] });
      recent.push(batch);
      if (recent.length > 20) recent.shift();
      peak = Math.max(peak, process.memoryUsage().heapTotal);
    }
    console.log(JSON.stringify({ peak, kept: kept.length }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], { encoding: 'utf8' });
  return (JSON.parse(out) as { peak: number }).peak / 2 ** 20;
};

test('the limited heap peaks well below V8’s own growth', () => {
  const own = peakHeapMiB(false);
  const limited = peakHeapMiB(true);
  assert.ok(limited < own * 0.85, `peak heap ${limited.toFixed(0)} MiB limited against ${own.toFixed(0)} MiB unlimited`);
});
