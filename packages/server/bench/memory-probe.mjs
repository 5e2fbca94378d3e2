// Preloaded into the server under test (node --import): on SIGUSR2 it prints where the process's memory is.
process.on('SIGUSR2', () => process.stdout.write(`${JSON.stringify({ memory: process.memoryUsage() })}\n`));
