#!/usr/bin/env node
// The whole suite: build the packages (the CLI and packaging tests run the built output), type-check, then every *.test.ts under packages/ and examples/ with node's test runner.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

const findTests = (dir) =>
  readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') || name.endsWith('.test.tsx') ? [relative(root, path)] : [];
  });

const only = process.argv.slice(2);
const files = ['packages', 'examples']
  .flatMap((dir) => { try { return findTests(join(root, dir)); } catch { return []; } })
  .filter((file) => only.length === 0 || only.some((o) => file.includes(o)))
  .sort();

// First: what imports @switchboard/connect or switchboard by name type-checks against the built declarations.
console.log('Building the packages…');
const build = spawnSync(process.execPath, [join(root, 'scripts/build-packages.mjs'), 'packages/connect', 'packages/server'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

if (only.length === 0) {
  console.log('Type-checking…');
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}

console.log(`Running ${files.length} test files…`);
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
