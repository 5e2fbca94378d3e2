#!/usr/bin/env node
// Builds the published packages into each package's dist/. TypeScript 7's compiler (the checker of
// `npm run typecheck`) emits the declaration files, and the JavaScript wherever a package's
// tsconfig.build*.json asks for it: one config per output format (@switchboard/connect: ESM and CommonJS,
// file for file). A config with `emitDeclarationOnly` (the server) gets its JavaScript from esbuild
// instead, bundled: one file per entry point plus shared chunks, which loads far faster than hundreds of
// modules (see the README's "Packaging"). Run with package folders, in dependency order (`npm run build`);
// a package whose inputs are unchanged since its last build is skipped unless `--force` is given.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build as esbuild } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const SOURCE = /\.(ts|tsx)$/;

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));

/** Declarations keep the sources' `.ts` specifiers; consumers resolve the emitted `.js` names. */
function rewriteDeclarationImports(outDir) {
  for (const file of walk(outDir).filter((f) => f.endsWith('.d.ts'))) {
    const text = readFileSync(file, 'utf8');
    const fixed = text.replace(/((?:from|import)\s*\(?\s*['"]\.{1,2}\/[^'"]*?)\.tsx?(['"])/g, '$1.js$2');
    if (fixed !== text) writeFileSync(file, fixed);
  }
}

/** Files the compiled code reads beside itself at run time: everything in src/ that is not TypeScript. */
function copyAssets(srcDir, outDir) {
  for (const file of walk(srcDir).filter((f) => !SOURCE.test(f))) cpSync(file, join(outDir, relative(srcDir, file)));
}

const targets = (value) => (typeof value === 'string' ? [value] : Object.values(value ?? {}).flatMap(targets));

/** Worker threads' modules (`*.worker.ts`), each an entry point at its own path: util/worker-module.ts finds them there. */
const workerEntries = (pkgDir) =>
  walk(join(pkgDir, 'src')).filter((f) => f.endsWith('.worker.ts')).map((f) => ({ in: f, out: relative(join(pkgDir, 'src'), f).replace(/\.ts$/, '') }));

/** The bundle's entry points: every `exports` target, every dist/ module a `bin` script imports, and every worker's module. */
function entryPoints(pkgDir, manifest) {
  const fromBins = targets(manifest.bin).flatMap((bin) => [...readFileSync(join(pkgDir, bin), 'utf8').matchAll(/\.\.\/(dist\/[\w/.-]+\.js)/g)].map((m) => m[1]));
  const built = [...new Set([...targets(manifest.exports).map((t) => t.replace(/^\.\//, '')), ...fromBins])].filter((t) => /^dist\/.*\.js$/.test(t));
  return built.map((out) => {
    const stem = out.replace(/^dist\//, 'src/').replace(/\.js$/, '');
    const source = [`${stem}.ts`, `${stem}.tsx`].find((s) => existsSync(join(pkgDir, s)));
    if (!source) throw new Error(`${manifest.name}: ${out} has no source ${stem}.ts`);
    return { in: join(pkgDir, source), out: out.replace(/^dist\//, '').replace(/\.js$/, '') };
  }).concat(existsSync(join(pkgDir, 'src')) ? workerEntries(pkgDir) : []);
}

/** `readFileSync(new URL('<literal>', import.meta.url), 'utf8')` becomes the file's text, so bundles need no files beside them. */
const inlineTextFiles = {
  name: 'inline-text-files',
  setup(build) {
    build.onLoad({ filter: SOURCE }, ({ path }) => {
      const contents = readFileSync(path, 'utf8').replace(
        /readFileSync\(new URL\((['"])([^'"]+)\1, import\.meta\.url\), 'utf8'\)/g,
        (_, _quote, file) => JSON.stringify(readFileSync(resolve(dirname(path), file), 'utf8')),
      );
      return { contents, loader: path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

const COMMONJS_DEPENDENCIES = ['node-forge', 'redis'];

async function bundle(pkgDir, manifest) {
  // Sibling packages stay imports, so an app and the server share one copy, as do peer and development
  // dependencies (an entry such as a test helper imports what its user has installed). The database
  // drivers load through createRequire when a database opens, which a bundler leaves alone.
  const siblings = Object.keys(manifest.dependencies ?? {}).filter((name) => name.startsWith('@switchboard/'));
  // CommonJS dependencies that require() Node's built-ins stay imports too: an ES module bundle has no require.
  const commonJs = Object.keys(manifest.dependencies ?? {}).filter((name) => COMMONJS_DEPENDENCIES.includes(name));
  const external = [...siblings, ...commonJs, ...Object.keys({ ...manifest.peerDependencies, ...manifest.devDependencies })];
  await esbuild({
    entryPoints: entryPoints(pkgDir, manifest),
    outdir: join(pkgDir, 'dist'),
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    external,
    plugins: [inlineTextFiles],
    logLevel: 'warning',
  });
}

/** Every `exports` and `bin` target must exist after the build, or the package would install broken. */
function checkTargets(pkgDir, manifest) {
  const missing = [...targets(manifest.exports), ...targets(manifest.bin)].filter((t) => (SOURCE.test(t) && !t.endsWith('.d.ts')) || !existsSync(join(pkgDir, t)));
  if (missing.length > 0) {
    throw new Error(`${manifest.name}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not built output; point exports at ./dist/<path>.js (types ./dist/<path>.d.ts) for src/<path>.ts`);
  }
}

/** Names, sizes and times of everything a build reads: equal fingerprints, equal output. */
function fingerprint(pkgDir, configs) {
  const inputs = [...walk(join(pkgDir, 'src')), ...['package.json', ...configs].map((f) => join(pkgDir, f)), join(root, 'tsconfig.json'), import.meta.filename];
  const hash = createHash('sha256');
  for (const file of inputs.sort()) hash.update(`${file} ${statSync(file).size} ${statSync(file).mtimeMs}\n`);
  return hash.digest('hex');
}

async function build(pkgDir) {
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const configs = readdirSync(pkgDir).filter((name) => /^tsconfig\.build.*\.json$/.test(name)).sort();
  // Kept outside dist/ so it is never packed; lets `npm test` skip a build nothing has changed since.
  const stamp = join(root, 'node_modules/.cache/switchboard-build', `${manifest.name.replace('/', '+')}.stamp`);
  const print = fingerprint(pkgDir, configs);
  if (!process.argv.includes('--force') && existsSync(stamp) && readFileSync(stamp, 'utf8') === print && existsSync(join(pkgDir, 'dist'))) {
    console.log(`${manifest.name} is up to date`);
    return;
  }
  rmSync(stamp, { force: true });
  rmSync(join(pkgDir, 'dist'), { recursive: true, force: true });
  for (const config of configs) {
    const run = spawnSync(process.execPath, [tsc, '-p', config], { cwd: pkgDir, stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`${manifest.name}: ${config} failed to compile`);
    const { compilerOptions } = JSON.parse(readFileSync(join(pkgDir, config), 'utf8'));
    const outDir = join(pkgDir, compilerOptions.outDir);
    rewriteDeclarationImports(outDir);
    if (compilerOptions.emitDeclarationOnly) {
      await bundle(pkgDir, manifest);
      continue;
    }
    copyAssets(join(pkgDir, 'src'), outDir);
    // The CommonJS build lives inside a "type": "module" package; this marks its .js files as CommonJS.
    if (String(compilerOptions.module).toLowerCase() === 'commonjs') writeFileSync(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
  }
  checkTargets(pkgDir, manifest);
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, print);
  console.log(`Built ${manifest.name} (${configs.join(', ')})`);
}

const dirs = process.argv.slice(2).filter((arg) => arg !== '--force');
try {
  for (const dir of dirs.length > 0 ? dirs : ['.']) await build(resolve(dir));
} catch (error) {
  console.error(`build: ${error.message}`);
  process.exit(1);
}
