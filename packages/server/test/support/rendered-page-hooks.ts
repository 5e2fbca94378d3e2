// Run as a process of its own (node's test runner turns async hooks on in its own processes): starts
// a server, has it render a page over a real socket, and prints whether the process has async hooks on.
import { executionAsyncId } from 'node:async_hooks';
import { createSwitchboard } from '../../src/testing/index.ts';

/** Inside a promise reaction, 0 unless some async hook (an AsyncLocalStorage that has run) is on. */
const promiseAsyncId = () => new Promise<number>((resolve) => void Promise.resolve().then(() => resolve(executionAsyncId())));

const switchboard = await createSwitchboard();
try {
  const response = await fetch(`${switchboard.url}/console/login`);
  const page = await response.text();
  console.log(JSON.stringify({ status: response.status, rendered: page.includes('<form'), asyncId: await promiseAsyncId() }));
} finally {
  await switchboard.close();
}
