#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ (built by `npm install` in the repository and before packing).
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
