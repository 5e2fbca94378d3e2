export interface Backoff {
  /** The first retry's nominal delay. */
  baseMs: number;
  /** No retry waits longer than this (before jitter). */
  capMs: number;
  /** Attempts in all, the first included; after the last failure the delivery is given up. */
  maxAttempts: number;
}

/**
 * The wait after failed attempt `n` (1-based): base · 2^(n−1), capped, then jittered to 80–120 %
 * so that deliveries failing together do not retry in lockstep. Null when no attempt is left.
 */
export function retryDelay(attempt: number, backoff: Backoff, random: () => number = Math.random): number | null {
  if (attempt >= backoff.maxAttempts) return null;
  const nominal = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(nominal * (0.8 + 0.4 * random()));
}
