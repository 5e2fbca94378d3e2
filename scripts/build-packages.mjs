#!/usr/bin/env node
// Builds the published packages: TypeScript 7's compiler (the same checker as `npm run typecheck`) emits
// JavaScript and declaration files per source file into each package's dist/, one tsconfig per output
// format. Run with package folders as arguments, in dependency order (`npm run build` gives them all).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const SOURCE = /\.(ts|tsx)$/;

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));

/** Declarations keep the sources' `.ts` specifiers; consumers resolve the emitted `.js` names. */
function rewriteDeclarationImports(outDir) {
  for (const file of walk(outDir).filter((f) => /\.d\.ts$/.test(f))) {
    const text = readFileSync(file, 'utf8');
    const fixed = text.replace(/((?:from|import)\s*\(?\s*['"]\.{1,2}\/[^'"]*?)\.tsx?(['"])/g, '$1.js$2');
    if (fixed !== text) writeFileSync(file, fixed);
  }
}

/** Files the code reads beside itself at run time (stylesheets, scripts): everything in src/ not compiled. */
function copyAssets(srcDir, outDir) {
  for (const file of walk(srcDir).filter((f) => !SOURCE.test(f))) cpSync(file, join(outDir, relative(srcDir, file)));
}

/** Every `exports` and `bin` target must exist after the build, or the package would install broken. */
function checkTargets(pkgDir, manifest) {
  const targets = (value) => (typeof value === 'string' ? [value] : Object.values(value ?? {}).flatMap(targets));
  const missing = [...targets(manifest.exports), ...targets(manifest.bin)].filter((t) => (SOURCE.test(t) && !t.endsWith(".d.ts")) || !existsSync(join(pkgDir, t)));
  if (missing.length > 0) {
    throw new Error(`${manifest.name}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not built output; point exports at ./dist/<path>.js (types ./dist/<path>.d.ts) for src/<path>.ts`);
  }
}

function build(pkgDir) {
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  rmSync(join(pkgDir, 'dist'), { recursive: true, force: true });
  const configs = readdirSync(pkgDir).filter((name) => /^tsconfig\.build.*\.json$/.test(name)).sort();
  for (const config of configs) {
    const run = spawnSync(process.execPath, [tsc, '-p', config], { cwd: pkgDir, stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`${manifest.name}: ${config} failed to compile`);
    const { compilerOptions } = JSON.parse(readFileSync(join(pkgDir, config), 'utf8'));
    const outDir = join(pkgDir, compilerOptions.outDir);
    rewriteDeclarationImports(outDir);
    copyAssets(join(pkgDir, 'src'), outDir);
    // The CommonJS build lives inside a "type": "module" package; this marks its .js files as CommonJS.
    if (String(compilerOptions.module).toLowerCase() === 'commonjs') writeFileSync(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
  }
  checkTargets(pkgDir, manifest);
  console.log(`Built ${manifest.name} (${configs.join(', ')})`);
}

const dirs = process.argv.slice(2);
try {
  for (const dir of dirs.length > 0 ? dirs : ['.']) build(resolve(dir));
} catch (error) {
  console.error(`build: ${error.message}`);
  process.exit(1);
}
