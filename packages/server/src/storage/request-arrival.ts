import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which HTTP request the code running now serves, by its place in the order requests arrived. Only the
 * PostgreSQL server keeps it (postgres-snapshot.ts): tracking it costs every promise a little.
 */
const arrivalOfRequest = new AsyncLocalStorage<number>();
let arrivals = 0;

/** Serves the request arriving now: what `serve` starts knows it as the latest arrival. */
export const asArrivingRequest = <T>(serve: () => T): T => arrivalOfRequest.run(++arrivals, serve);

/** How many requests have arrived so far. */
export const arrivalsSoFar = (): number => arrivals;

/** The place of the request being served now; undefined outside one (the simulator, the outbox). */
export const currentArrival = (): number | undefined => arrivalOfRequest.getStore();
