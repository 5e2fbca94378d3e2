// @switchboard/connect as users get it: packed, installed into an empty project, then loaded with
// `require` and `import` on plain Node 20 and 24 (no TypeScript loader) and type-checked by a TS project.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { node24 } from '../../../scripts/node24.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'switchboard-connect-packed-'));
after(() => rmSync(project, { recursive: true, force: true }));

// `npm test` has just built dist/; packing without scripts keeps this file from rebuilding it under other tests.
const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', project], { cwd: join(ROOT, 'packages/connect'), encoding: 'utf8' });
const [{ filename }] = JSON.parse(tarball) as [{ filename: string }];
writeFileSync(join(project, 'package.json'), '{ "name": "connect-user", "private": true }\n');
// twilio is the optional peer the `/twilio` entry needs; the @types are what a strict TypeScript user of
// twilio has (its own declarations import jsonwebtoken's). npm's cache serves them after the first run.
const TYPES = ['@types/node', '@types/jsonwebtoken'];
execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', `./${filename}`, 'twilio@6', ...TYPES], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
const installed = join(project, 'node_modules/@switchboard/connect');

const USE = `
  const token = '12345678901234567890123456789012';
  const url = 'https://app.example.com/twilio/deauthorize';
  const params = { AccountSid: 'AC' + 'a'.repeat(32), ConnectAppSid: 'CN' + 'b'.repeat(32) };
  const signature = connect.getExpectedTwilioSignature(token, url, params);
  const button = connect.connectButton({ connectAppSid: params.ConnectAppSid, baseUrl: 'http://127.0.0.1:8080' });
  let refused;
  try { connect.connectButton({ connectAppSid: 'nope', baseUrl: 'http://127.0.0.1:8080' }); } catch (error) { refused = error instanceof connect.ConnectError; }
  const client = twilioEntry.switchboardClient('AC' + 'a'.repeat(32), token, { baseUrl: 'http://127.0.0.1:8080' });
  console.log(JSON.stringify({
    valid: connect.validateRequest(token, signature, url, params),
    forged: connect.validateRequest(token, signature, url, { ...params, AccountSid: 'AC' + 'c'.repeat(32) }),
    button: button.includes(params.ConnectAppSid),
    refused,
    client: client.httpClient instanceof twilioEntry.SwitchboardRequestClient,
  }));`;
writeFileSync(join(project, 'use.cjs'), `const connect = require('@switchboard/connect');\nconst twilioEntry = require('@switchboard/connect/twilio');\n${USE}\n`);
writeFileSync(join(project, 'use.mjs'), `import * as connect from '@switchboard/connect';\nimport * as twilioEntry from '@switchboard/connect/twilio';\n${USE}\n`);

const EXPECTED = { valid: true, forged: false, button: true, refused: true, client: true };

test('the package has no runtime dependencies and ships only compiled JavaScript and declarations', () => {
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(manifest.dependencies, undefined);
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
  const shipped = files(installed).map((f) => f.slice(installed.length + 1));
  assert.deepEqual(shipped.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts')), []);
  assert.ok(shipped.includes('dist/esm/index.d.ts') && shipped.includes('dist/cjs/index.d.ts'));
});

for (const [version, node] of [['20', process.execPath], ['24', node24()]] as const) {
  describe(`on plain Node ${version}`, () => {
    test('the Node binary is that version', () => {
      assert.match(execFileSync(node, ['--version'], { encoding: 'utf8' }), new RegExp(`^v${version}\\.`));
    });
    for (const [how, script] of [['require()', 'use.cjs'], ['import', 'use.mjs']] as const) {
      test(`${how} loads both entry points and they work`, () => {
        const out = execFileSync(node, [script], { cwd: project, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
        assert.deepEqual(JSON.parse(out), EXPECTED);
      });
    }
  });
}

test('a TypeScript project type-checks against the declarations, ESM and CommonJS alike, and misuse is caught', () => {
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: ['node'], skipLibCheck: false },
    include: ['*.mts', '*.cts'],
  }));
  const body = (imports: string) => `${imports}
const html: string = connectButton({ connectAppSid: 'CN${'b'.repeat(32)}', baseUrl: 'http://127.0.0.1:8080' });
const ok: boolean = validateRequest('token', 'signature', 'https://app.example.com/', { A: '1' });
const client = switchboardClient('AC${'a'.repeat(32)}', 'token', { baseUrl: 'http://127.0.0.1:8080' });
void client.api.v2010.accounts.list();
// @ts-expect-error connectAppSid is required
connectButton({ baseUrl: 'http://127.0.0.1:8080' });
export { html, ok, ConnectError };
`;
  writeFileSync(join(project, 'app.mts'), body(`import { connectButton, validateRequest, ConnectError } from '@switchboard/connect';\nimport { switchboardClient } from '@switchboard/connect/twilio';`));
  writeFileSync(join(project, 'app.cts'), body(`import connect = require('@switchboard/connect');\nimport twilioEntry = require('@switchboard/connect/twilio');\nconst { connectButton, validateRequest, ConnectError } = connect;\nconst { switchboardClient } = twilioEntry;`));
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
});
