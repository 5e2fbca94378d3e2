import type { CustomerClient } from '../twilio/client.ts';
import { CallAggregator, type CallAnalytics } from './aggregate.ts';

export interface DashboardData {
  analytics: CallAnalytics;
  /** The customer's account and its subaccounts, all of which were read. */
  accounts: number;
  /** The customer's top-level account's friendly name, to say whose calls these are. */
  accountName: string | null;
  computedAt: number;
}

/** How far a read has got, for the page shown while it runs. */
export interface ReadProgress {
  callsRead: number;
  startedAt: number;
}

/** Twilio's largest page: 100,000 calls are 100 requests. */
export const PAGE_SIZE = 1000;

/**
 * Reads every call the grant lets us see and folds it into the dashboard's numbers as it streams.
 * With "Read all account data" the Connect AccountSid reaches the customer's whole account:
 * `GET /Accounts.json` lists it and its subaccounts, and each one's call log is paged through.
 */
export async function readCallLog(client: CustomerClient, clock: () => number, progress: ReadProgress = { callsRead: 0, startedAt: clock() }): Promise<DashboardData> {
  const accounts = await client.api.v2010.accounts.list({ pageSize: PAGE_SIZE });
  const aggregator = new CallAggregator();
  for (const account of accounts) {
    await client.api.v2010.accounts(account.sid).calls.each({ pageSize: PAGE_SIZE }, (call) => {
      aggregator.add(call);
      progress.callsRead++;
    });
  }
  // A top-level account is its own owner; subaccounts name their parent.
  const main = accounts.find((a) => a.ownerAccountSid === a.sid);
  return { analytics: aggregator.result(), accounts: accounts.length, accountName: main?.friendlyName ?? null, computedAt: clock() };
}
