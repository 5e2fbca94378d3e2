import type { DashboardData, ReadProgress } from './read-call-log.ts';

export interface AnalyticsService {
  /** The dashboard for a connected account: from the cache while fresh, else read again (once, however many ask). */
  get(accountSid: string): Promise<DashboardData>;
  /** How far the read in flight for the account has got; undefined when none is running. */
  progress(accountSid: string): ReadProgress | undefined;
  /** Drops what is cached for the account: on refresh, reconnect and deauthorization. */
  forget(accountSid: string): void;
}

/** A failure is kept this long, so the page that was waiting for the read can show it instead of starting another. */
export const FAILURE_TTL_MS = 5_000;

interface Entry {
  data: Promise<DashboardData>;
  progress: ReadProgress;
  /** Infinity while the read is in flight, shared by everyone who asks. */
  expiresAt: number;
  settled: boolean;
}

/**
 * Reading 100,000 calls takes a hundred requests, so each account's result is kept for `ttlMs` and
 * concurrent page views share one read.
 */
export function createAnalyticsService(options: { load: (accountSid: string, progress: ReadProgress) => Promise<DashboardData>; ttlMs: number; clock: () => number }): AnalyticsService {
  const entries = new Map<string, Entry>();

  const prune = (now: number) => {
    for (const [sid, entry] of entries) if (entry.expiresAt <= now) entries.delete(sid);
  };

  const settle = (accountSid: string, entry: Entry, ttlMs: number) => {
    entry.settled = true;
    entry.expiresAt = options.clock() + ttlMs;
    if (ttlMs === 0 && entries.get(accountSid) === entry) entries.delete(accountSid);
  };

  return {
    get(accountSid) {
      const now = options.clock();
      const cached = entries.get(accountSid);
      if (cached && cached.expiresAt > now) return cached.data;
      prune(now);
      const progress: ReadProgress = { callsRead: 0, startedAt: now };
      const entry: Entry = { data: options.load(accountSid, progress), progress, expiresAt: Infinity, settled: false };
      entries.set(accountSid, entry);
      entry.data.then(() => settle(accountSid, entry, options.ttlMs), () => settle(accountSid, entry, FAILURE_TTL_MS));
      return entry.data;
    },
    progress(accountSid) {
      const entry = entries.get(accountSid);
      return entry && !entry.settled ? entry.progress : undefined;
    },
    forget(accountSid) {
      entries.delete(accountSid);
    },
  };
}
