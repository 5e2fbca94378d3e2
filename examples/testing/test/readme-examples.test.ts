import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLES = ['node-test/messages.spec.ts', 'vitest/calls.spec.ts', 'jest/calls.spec.mjs', 'pytest/test_switchboard.py'].map((f) => `examples/testing/${f}`);

/** The README's code blocks in its testing section that open by naming their file (`// examples/testing/…`). */
function readmeExamples(): Map<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Testing with `switchboard/testing`');
  assert.ok(start >= 0, 'the README has its testing section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const blocks = new Map<string, string>();
  for (const [, body] of section.matchAll(/^```\w*\n([\s\S]*?)^```$/gm)) {
    const named = /^(?:\/\/|#) (examples\/testing\/\S+)\n/.exec(body!);
    if (named) blocks.set(named[1]!, body!);
  }
  return blocks;
}

interface Run {
  code: number | null;
  output: string;
}

const run = (command: string, args: string[], env: Record<string, string> = {}): Promise<Run> =>
  new Promise((resolve, reject) => {
    // Each runner starts afresh: not as a child of this test run (NODE_TEST_CONTEXT), nor on its database.
    const { DATABASE_URL: _database, NODE_TEST_CONTEXT: _context, ...inherited } = process.env;
    execFile(command, args, { cwd: ROOT, env: { ...inherited, ...env }, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, output: `${stdout}\n${stderr}` });
    });
  });

const node = (...args: string[]) => run(process.execPath, args);

describe("The README's switchboard/testing examples", () => {
  test('each runner has an example in the README, and the README shows each file as it is', () => {
    const shown = readmeExamples();
    assert.deepEqual([...shown.keys()].sort(), [...EXAMPLES].sort());
    for (const file of EXAMPLES) assert.equal(shown.get(file), readFileSync(join(ROOT, file), 'utf8'), `${file} and its README block differ`);
  });

  test("node's test runner runs its example", async () => {
    const result = await node('--import', 'tsx', '--test', EXAMPLES[0]!);
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /# pass 2\n/);
  });

  test('Vitest runs its example', async () => {
    const result = await node(join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--root', 'examples/testing/vitest');
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /Tests\s.*2 passed/);
  });

  test('Jest runs its example', async () => {
    const result = await node('--experimental-vm-modules', join(ROOT, 'node_modules/jest/bin/jest.js'), '--config', 'examples/testing/jest/jest.config.json', '--rootDir', 'examples/testing/jest');
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /Tests:\s+2 passed, 2 total/);
  });

  test('pytest runs its example against `switchboard serve --ephemeral --port 0 --json`', async () => {
    // Debian's interpreter, where python3-pytest and python3-twilio install (the CI script installs them).
    const result = await run('/usr/bin/python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'examples/testing/pytest'], { PYTHONDONTWRITEBYTECODE: '1' });
    if (/No module named (pytest|'twilio')/.test(result.output)) assert.fail(`pytest and twilio-python are needed: apt-get install python3-pytest python3-twilio.\n${result.output}`);
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /1 passed/);
  });
});
