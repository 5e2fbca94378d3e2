import { TwilioError } from '../errors/twilio-error.ts';

/**
 * Twilio limits how many requests one account may have in flight, not how many it may make: past
 * the limit a request is answered 429 / 20429 at once, unprocessed and safe to retry. Counted per
 * Basic-auth username in this process.
 */
export function createConcurrencyLimit(max: number) {
  const inFlight = new Map<string, number>();
  return {
    /** Takes a place for `key`, or throws 20429; call the returned function when the request is done. */
    acquire(key: string): () => void {
      const running = inFlight.get(key) ?? 0;
      if (running >= max) {
        throw TwilioError.of('tooManyRequests', `Too Many Requests: ${key} already has ${max} requests in flight. Wait for some to finish, then retry.`);
      }
      inFlight.set(key, running + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (inFlight.get(key) ?? 1) - 1;
        if (left === 0) inFlight.delete(key);
        else inFlight.set(key, left);
      };
    },
  };
}
