import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const root = new URL('../../../../', import.meta.url).pathname;

test('every dependency with an install script is declared in allowScripts, so npm install runs quietly', () => {
  const listed = JSON.parse(execFileSync('npm', ['install-scripts', 'ls', '--json'], { cwd: root, encoding: 'utf8' })) as { allowScripts: unknown[] };
  assert.deepEqual(listed.allowScripts, []);
});
