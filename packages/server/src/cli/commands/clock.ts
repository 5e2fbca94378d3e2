import { clockOwner } from '../../clock/account-clock.ts';
import { changeClock, showClock, type ClockChange, type ClockState } from '../../clock/change-clock.ts';
import { parseInstant } from '../../clock/parse-instant.ts';
import { loadConfig } from '../../config/config.ts';
import { findAccount } from '../../storage/repositories/accounts.ts';
import { createSimulator } from '../../telephony/simulator.ts';
import { isSid } from '../../util/sid.ts';
import { parseFlags, required, verbs, type Command } from '../command.ts';
import { print } from '../output.ts';
import { parseDuration } from '../parse-duration.ts';
import { UsageError } from '../usage-error.ts';
import { DB_HELP, DB_OPTION, withStorage } from '../with-storage.ts';

const FLAGS = { account: { type: 'string' }, json: { type: 'boolean' }, ...DB_OPTION } as const;
const OPTIONS_HELP = `  --account SID   the account (AC…); a subaccount shares its parent's clock
  --json          print JSON
${DB_HELP}`;

/**
 * Shows or changes an account's clock in the database. An advance runs, in this process, every call
 * and message event that falls due, TwiML requests included, before it prints the new time.
 */
async function onClock(args: string[], change: ClockChange | null): Promise<number> {
  const flags = parseFlags(args, FLAGS);
  const sid = required(flags, 'account');
  if (!isSid('AC', sid)) throw new UsageError(`--account must be an Account SID (AC followed by 32 hex digits), not '${sid}'`);
  const config = loadConfig({ db: flags.db });
  const state = await withStorage(flags.db, async ({ db }): Promise<ClockState> => {
    const account = await findAccount(db, sid);
    if (!account) throw new UsageError(`no account ${sid} in this database; 'switchboard accounts list' shows them`);
    const deps = { db, clock: Date.now, simulator: createSimulator(db, config.simulationSeed, Date.now, config.publicUrl ?? undefined) };
    return change ? changeClock(deps, clockOwner(account), change) : showClock(deps, clockOwner(account));
  });
  print(flags.json, { account_sid: state.accountSid, now: new Date(state.now).toISOString(), frozen: state.frozen });
  return 0;
}

/** The verb's one argument (a duration, an instant) before its flags. */
function argument(args: string[], what: string): [string, string[]] {
  const [first, ...rest] = args;
  if (first === undefined || first.startsWith('--')) throw new UsageError(`give ${what}`);
  return [first, rest];
}

const verb = (name: string, summary: string, usage: string, run: (args: string[]) => Promise<number>): Command => ({
  name,
  summary,
  help: `Usage: switchboard clock ${usage} --account AC… [--json] [--db URL]\n\n${summary[0]!.toUpperCase()}${summary.slice(1)}.\n\n${OPTIONS_HELP}`,
  run,
});

const show = verb('show', "print the account's clock: now (ISO 8601) and whether it is frozen", 'show', (args) => onClock(args, null));
const freeze = verb('freeze', 'stop the clock: nothing in the account moves on its own until it is advanced or unfrozen', 'freeze', (args) => onClock(args, { frozen: true }));
const unfreeze = verb('unfreeze', 'let the clock run on from where it stands', 'unfreeze', (args) => onClock(args, { frozen: false }));

const advance = verb('advance', 'move the clock forward by a duration (90s, 5m, 2h, 1d) and run everything that fell due', 'advance <DURATION>', (args) => {
  const [text, rest] = argument(args, 'a duration, e.g. 90s, 5m, 2h or 1d');
  const seconds = parseDuration(text);
  if (seconds === undefined) throw new UsageError(`'${text}' is not a duration; use e.g. 90s, 5m, 2h or 1d`);
  return onClock(rest, { advanceMs: Math.round(seconds * 1000) });
});

const set = verb('set', 'move the clock forward to an instant (ISO 8601 with its zone) and run everything that fell due', 'set <ISO 8601>', (args) => {
  const [text, rest] = argument(args, 'an ISO 8601 instant, e.g. 2030-01-15T09:30:00Z');
  const time = parseInstant(text);
  if (time === undefined) throw new UsageError(`'${text}' is not an ISO 8601 instant with its zone; use e.g. 2030-01-15T09:30:00Z`);
  return onClock(rest, { time });
});

export const clockCommand = verbs(
  'clock',
  { show, freeze, unfreeze, advance, set },
  `Show, freeze, advance or set an account's test clock. A top-level account and its subaccounts share
one clock; an account never given one runs on the server's. While frozen nothing moves on its own;
advancing runs every call and message event, status callback and usage record that fell due, in
order, with the dates they would have had. The clock only moves forward.
Same as GET/POST /_switchboard/Accounts/{AccountSid}/Clock.json (Frozen, Advance, Time).`,
);
