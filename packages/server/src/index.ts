export { startServer, type RunningServer, type StartOptions } from './server.ts';
export { loadConfig, type Config } from './config/config.ts';
export { createApp } from './http/app.ts';
export { openStorage, migrateToLatest, type Storage } from './storage/database.ts';
export { progressBar } from './telephony/seed/progress.ts';
