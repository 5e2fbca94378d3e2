// How fast `switchboard/testing` sets a test up: `createSwitchboard()` once, then 20 `createWorld()`
// in a row (the developer, the customer, the Connect App and the grant), printing the median.
// Loading the modules (twilio-node above all) is timed apart: a test file has loaded them already.
// Run: node --import tsx packages/server/bench/world-creation.ts
import { performance } from 'node:perf_hooks';

const WORLDS = 20;

const loadingAt = performance.now();
const [{ createSwitchboard }] = await Promise.all([import('switchboard/testing'), import('twilio')]);
const loading = performance.now() - loadingAt;

const startedAt = performance.now();
const sb = await createSwitchboard();
const startup = performance.now() - startedAt;

const times: number[] = [];
for (let i = 0; i < WORLDS; i++) {
  const t = performance.now();
  await sb.createWorld({ permissions: ['get-all', 'post-all'] });
  times.push(performance.now() - t);
}
await sb.close();

times.sort((a, b) => a - b);
const median = (times[WORLDS / 2 - 1]! + times[WORLDS / 2]!) / 2;
console.log(`loading switchboard/testing and twilio: ${loading.toFixed(0)} ms`);
console.log(`createSwitchboard(): ${startup.toFixed(1)} ms`);
console.log(`createWorld() x${WORLDS}: median ${median.toFixed(2)} ms (min ${times[0]!.toFixed(2)}, max ${times[WORLDS - 1]!.toFixed(2)})`);
