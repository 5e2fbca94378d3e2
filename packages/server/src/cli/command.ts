import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HelpRequested, UsageError } from './usage-error.ts';

export interface Command {
  name: string;
  summary: string;
  help: string;
  run(args: string[]): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict flag parsing: unknown flags and stray arguments are usage errors. */
export type Flags<O extends Options> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };

/**
 * `--calls -5` is a value, not a flag: node's parser calls it ambiguous, so a negative number after a
 * string option is joined to it (`--calls=-5`) and the option's own check explains what is allowed.
 */
const joinNegativeValues = (args: string[], options: Options): string[] =>
  args.flatMap((arg, i) => {
    const next = args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) return [`${arg}=${next}`];
    const previous = args[i - 1];
    const previousName = previous?.startsWith('--') ? previous.slice(2) : undefined;
    if (previousName && options[previousName]?.type === 'string' && /^-\d/.test(arg)) return [];
    return [arg];
  });

export function parseFlags<O extends Options>(args: string[], options: O): Flags<O> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: joinNegativeValues(args, options), options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  if (values.help) throw new HelpRequested();
  return values as Flags<O>;
}

export function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** Dispatches `group verb …` to one of a group's verbs. */
export function verbs(group: string, table: Record<string, Command>, summary: string): Command {
  const help = `Usage: switchboard ${group} <${Object.keys(table).join('|')}> [options]\n\n${summary}\n\n${Object.values(table)
    .map((c) => `  ${c.name.padEnd(10)} ${c.summary}`)
    .join('\n')}\n\nRun 'switchboard ${group} <verb> --help' for a verb's options.`;
  return {
    name: group,
    summary,
    help,
    async run([verb, ...rest]) {
      if (verb === undefined || verb === '--help' || verb === '-h') {
        console.log(help);
        return verb === undefined ? 2 : 0;
      }
      const command = table[verb];
      if (!command) throw new UsageError(`unknown ${group} verb '${verb}' (use ${Object.keys(table).join(', ')})`);
      if (rest.includes('--help') || rest.includes('-h')) {
        console.log(command.help);
        return 0;
      }
      return command.run(rest);
    },
  };
}
