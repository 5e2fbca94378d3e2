import { findAccount } from '../../storage/repositories/accounts.ts';
import { progressBar } from '../../telephony/seed/progress.ts';
import { seedAccount } from '../../telephony/seed/seed-account.ts';
import { parseFlags, type Command } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { DB_HELP, DB_OPTION, withStorage } from '../with-storage.ts';
import { accountFlag } from './apps.ts';

const count = (flags: Record<string, unknown>, name: string, fallback: number, max: number): number => {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const value = Number(String(raw).replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 0 || value > max) throw new UsageError(`--${name} must be a whole number from 0 to ${max.toLocaleString('en-US')}`);
  return value;
};

export const seedCommand: Command = {
  name: 'seed',
  summary: 'fill an account with realistic call and message logs',
  help: `Usage: switchboard seed --account AC… [--calls N] [--messages M] [--days D] [--seed S] [--db URL]

Writes N calls and M messages spread over the last D days along a business day's curve, between the
account's own numbers (three are bought if it has none) and a recurring set of contacts, with
recordings, transcriptions and usage. The same --seed writes the same data.

  --account SID   the account to fill
  --calls N       calls to write (default 1000; 1_000_000 take about a minute of CPU on SQLite)
  --messages M    messages to write (default 0)
  --days D        days of history ending now (default 30)
  --seed S        seed for the generator (default 1)
${DB_HELP}`,
  async run(args) {
    const flags = parseFlags(args, {
      account: { type: 'string' }, calls: { type: 'string' }, messages: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' }, ...DB_OPTION,
    });
    const accountSid = accountFlag(flags);
    const calls = count(flags, 'calls', 1000, 50_000_000);
    const messages = count(flags, 'messages', 0, 50_000_000);
    const days = count(flags, 'days', 30, 3650) || 1;
    const seed = count(flags, 'seed', 1, 2 ** 31);
    await withStorage(flags.db, async ({ db }) => {
      if (!(await findAccount(db, accountSid))) throw new UsageError(`no account ${accountSid}`);
      const bars = { calls: progressBar('calls   ', calls), messages: progressBar('messages', messages) };
      const started = Date.now();
      await seedAccount(db, { accountSid, calls, messages, days, seed, now: Date.now(), onProgress: (kind, done) => bars[kind].update(done) });
      bars.calls.done();
      console.log(`Seeded ${calls.toLocaleString('en-US')} calls and ${messages.toLocaleString('en-US')} messages into ${accountSid} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    });
    return 0;
  },
};
