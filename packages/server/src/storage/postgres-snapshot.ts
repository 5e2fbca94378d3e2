import type pg from 'pg';
import { sharedAfterAsking } from './freshness.ts';
import { arrivalsSoFar, currentArrival } from './request-arrival.ts';

/**
 * The server's transaction snapshot, read on a connection of its own: on the pool it would queue
 * behind every query in flight, and each request waits for a snapshot read after it arrived. A
 * snapshot whose read began after the request being served arrived shows every commit made before
 * it, so it answers all of that request's reads (a new message asks seven times); outside a request,
 * each read waits for one begun after it asked. A connection that fails is replaced on the next read.
 * `tokenOf` turns each snapshot, in the order they were read, into what `read` answers.
 */
export function postgresSnapshots(url: string, Client: typeof pg.Client, tokenOf: (snapshot: string) => string = (snapshot) => snapshot): { read: () => Promise<string>; close: () => Promise<void> } {
  let connection: Promise<pg.Client> | null = null;
  const connect = async (): Promise<pg.Client> => {
    const client = new Client({ connectionString: url });
    client.on('error', () => {
      connection = null;
    });
    await client.connect();
    return client;
  };
  const readNow = async (): Promise<string> => {
    const current = (connection ??= connect());
    try {
      const client = await current;
      return tokenOf((await client.query<{ s: string }>('select pg_current_snapshot()::text as s')).rows[0]!.s);
    } catch (error) {
      if (connection === current) connection = null;
      current.then((client) => client.end()).catch(() => undefined);
      throw error;
    }
  };
  /** The latest read begun, and how many requests had arrived when it began. */
  let latest: { after: number; snapshot: Promise<string> } | null = null;
  const begin = (): Promise<string> => {
    const began = { after: arrivalsSoFar(), snapshot: readNow() };
    latest = began;
    began.snapshot.catch(() => {
      if (latest === began) latest = null;
    });
    return began.snapshot;
  };
  const readAfterAsking = sharedAfterAsking(begin);
  return {
    read() {
      const arrival = currentArrival();
      if (arrival !== undefined && latest !== null && latest.after >= arrival) return latest.snapshot;
      return readAfterAsking();
    },
    async close() {
      const current = connection;
      connection = null;
      await current?.then((client) => client.end()).catch(() => undefined);
    },
  };
}
