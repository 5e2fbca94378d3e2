import { parseFlags, type Command } from '../command.ts';
import { DB_HELP, DB_OPTION, withStorage } from '../with-storage.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'bring the database schema up to date',
  help: `Usage: switchboard migrate [--db URL]\n\nRuns every pending migration (serve does this at start too).\n\n${DB_HELP}`,
  async run(args) {
    const flags = parseFlags(args, DB_OPTION);
    await withStorage(flags.db, async () => undefined);
    console.log('Database is up to date.');
    return 0;
  },
};
