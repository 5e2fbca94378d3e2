/**
 * Failed sign-ins per key (client address, email) in a fixed window, in process memory: a restart
 * forgets it. With Redis the cluster counts together (cluster/shared-login-limiter.ts), and this is
 * its fail-safe.
 */
export interface LoginLimiter {
  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  retryAfter(keys: readonly string[], now: number): number;
  recordFailure(keys: readonly string[], now: number): void;
  reset(keys: readonly string[]): void;
}

export function createLoginLimiter({ limit = 10, windowMs = 15 * 60 * 1000 } = {}): LoginLimiter {
  const windows = new Map<string, { start: number; failures: number }>();
  const live = (key: string, now: number) => {
    const w = windows.get(key);
    if (w && now - w.start >= windowMs) windows.delete(key);
    return windows.get(key);
  };
  return {
    retryAfter(keys, now) {
      let wait = 0;
      for (const key of keys) {
        const w = live(key, now);
        if (w && w.failures >= limit) wait = Math.max(wait, Math.ceil((w.start + windowMs - now) / 1000));
      }
      return wait;
    },
    recordFailure(keys, now) {
      if (windows.size > 100_000) for (const key of windows.keys()) live(key, now);
      for (const key of keys) {
        const w = live(key, now);
        if (w) w.failures += 1;
        else windows.set(key, { start: now, failures: 1 });
      }
    },
    reset(keys) {
      for (const key of keys) windows.delete(key);
    },
  };
}
