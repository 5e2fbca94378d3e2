import { ConfigError } from '../config/config-error.ts';
import { TwilioError } from '../errors/twilio-error.ts';
import type { Command } from './command.ts';
import { accountsCommand } from './commands/accounts.ts';
import { appsCommand } from './commands/apps.ts';
import { clockCommand } from './commands/clock.ts';
import { connectCommand } from './commands/connect.ts';
import { envCommand } from './commands/env.ts';
import { callCommand, smsCommand } from './commands/inbound.ts';
import { migrateCommand } from './commands/migrate.ts';
import { seedCommand } from './commands/seed.ts';
import { serveCommand } from './commands/serve.ts';
import { HelpRequested, UsageError } from './usage-error.ts';

const COMMANDS: Command[] = [serveCommand, envCommand, migrateCommand, accountsCommand, appsCommand, connectCommand, seedCommand, smsCommand, callCommand, clockCommand];

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
      console.error(`switchboard: ${error.message.replace(/\.$/, '')}. Run 'switchboard ${command?.name ?? ''} --help'.`.replace('  ', ' '));
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(`switchboard: ${error.message}`);
      return 2;
    }
    console.error(`switchboard: ${failureLine(error)}`);
    return 1;
  }
}

/**
 * One line for any failure, never an empty one: a multi-line message keeps its first line, and an
 * error without a message (an AggregateError of connection attempts) is named by its causes or code.
 */
export function failureLine(error: unknown): string {
  if (error instanceof TwilioError) return error.message.split('\n')[0]!;
  if (!(error instanceof Error)) return String(error).split('\n')[0] || 'failed';
  const first = error.message.split('\n').find((line) => line.trim() !== '');
  if (first) return first.trim();
  if (error instanceof AggregateError && error.errors.length > 0) return failureLine(error.errors[0]);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} (${code})` : error.name;
}
