import { TwilioError } from '../errors/twilio-error.ts';
import type { Command } from './command.ts';
import { accountsCommand } from './commands/accounts.ts';
import { appsCommand } from './commands/apps.ts';
import { connectCommand } from './commands/connect.ts';
import { callCommand, smsCommand } from './commands/inbound.ts';
import { migrateCommand } from './commands/migrate.ts';
import { seedCommand } from './commands/seed.ts';
import { serveCommand } from './commands/serve.ts';
import { HelpRequested, UsageError } from './usage-error.ts';

const COMMANDS: Command[] = [serveCommand, migrateCommand, accountsCommand, appsCommand, connectCommand, seedCommand, smsCommand, callCommand];

const HELP = `Usage: switchboard <command> [options]

Switchboard: a self-hosted Twilio Connect and the Twilio REST API it governs.

${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run 'switchboard <command> --help' for a command's options.`;

/** Runs one command line and returns the exit status: 0 done, 1 failed, 2 bad arguments. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command '${name}' (use ${COMMANDS.map((c) => c.name).join(', ')})`);
    return await command.run(args);
  } catch (error) {
    if (error instanceof HelpRequested) {
      console.log(command!.help);
      return 0;
    }
    if (error instanceof UsageError) {
      console.error(`switchboard: ${error.message}. Run 'switchboard ${command?.name ?? ''} --help'.`.replace('  ', ' '));
      return 2;
    }
    if (error instanceof TwilioError) {
      console.error(`switchboard: ${error.message}`);
      return 1;
    }
    console.error(`switchboard: ${(error as Error).message}`);
    return 1;
  }
}
