import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const child = fileURLToPath(new URL('../support/rendered-page-hooks.ts', import.meta.url));

test('rendering a page leaves the process without async hooks, so no later request pays for them', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', child], { encoding: 'utf8' });
  const { status, rendered, asyncId } = JSON.parse(out.trim().split('\n').pop()!) as { status: number; rendered: boolean; asyncId: number };
  assert.equal(status, 200);
  assert.ok(rendered, 'the log-in page was rendered from JSX');
  assert.equal(asyncId, 0, 'a promise reaction has no async id: no AsyncLocalStorage turned promise hooks on');
});
