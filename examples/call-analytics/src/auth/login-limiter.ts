/**
 * Failed log-ins per key (an email) in a sliding window, in this process's memory. After `limit`
 * failures the key waits until the oldest one leaves the window.
 */
export function createLoginLimiter({ limit = 10, windowMs = 15 * 60_000 }: { limit?: number; windowMs?: number } = {}) {
  const failures = new Map<string, number[]>();

  const recent = (key: string, now: number): number[] => {
    const kept = (failures.get(key) ?? []).filter((at) => at > now - windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };

  return {
    /** Seconds to wait before trying again; 0 when a try is allowed. */
    retryAfter(key: string, now: number): number {
      const kept = recent(key, now);
      return kept.length < limit ? 0 : Math.ceil((kept[0]! + windowMs - now) / 1000);
    },
    recordFailure(key: string, now: number): void {
      failures.set(key, [...recent(key, now), now]);
    },
    reset(key: string): void {
      failures.delete(key);
    },
  };
}
