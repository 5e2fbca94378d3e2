import { ConfigError, loadConfig } from './config.ts';
import { startAnalyticsServer } from './server.ts';

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const server = await startAnalyticsServer(config).catch((error: Error) => {
  // A busy port or an unreadable database file: say which, without a stack trace.
  console.error(`Call Analytics cannot start: ${error.message}`);
  return process.exit(1);
});

const stop = () => {
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

console.log(`Call Analytics is listening on ${config.publicUrl ?? server.url}  (Switchboard: ${config.switchboardUrl}, Connect App ${config.connectAppSid}, database: ${config.databaseFile})`);
console.log('Press Ctrl-C to stop.');
