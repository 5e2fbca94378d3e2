// Switchboard in its own process, as `switchboard serve` runs it, for the benchmark; a second argument
// `off` switches the audit trail off. On SIGUSR2 it prints where its memory is (process.memoryUsage()).
import { loadConfig } from '../src/config/config.ts';
import { startServer } from '../src/server.ts';

const server = await startServer(loadConfig({ port: 0, host: '127.0.0.1', db: process.argv[2] }, { SWITCHBOARD_AUDIT: process.argv[3] ?? 'on' }));
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on('SIGUSR2', () => process.stdout.write(`${JSON.stringify({ memory: process.memoryUsage() })}\n`));
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
