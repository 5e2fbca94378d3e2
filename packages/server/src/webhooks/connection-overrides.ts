import { sendRequest, WEBHOOK_TIMEOUTS, type OutgoingRequest, type RequestResult } from './send-request.ts';

type RetryOn = 'ct' | 'rt' | '4xx' | '5xx';

/** Twilio's connection overrides, from a webhook URL's fragment (`#ct=1000&rt=3000&rc=2&rp=ct,rt`). */
export interface ConnectionOverrides {
  connectMs: number;
  readMs: number;
  /** Further tries after the first, within one request. */
  retries: number;
  retryOn: ReadonlySet<RetryOn>;
}

export const DEFAULT_OVERRIDES: ConnectionOverrides = { ...WEBHOOK_TIMEOUTS, retries: 1, retryOn: new Set(['ct']) };

const clamp = (raw: string | undefined, min: number, max: number, fallback: number): number => {
  const value = Number(raw);
  return raw === undefined || !Number.isInteger(value) ? fallback : Math.min(max, Math.max(min, value));
};

/** Error 11243 "HTTP retry policy is invalid" carries this message. */
export class InvalidRetryPolicy extends Error {}

/**
 * Reads the fragment with Twilio's ranges (values outside are brought inside them). An unknown
 * retry policy is Twilio's error 11243.
 */
export function parseOverrides(url: string): ConnectionOverrides {
  const hash = url.indexOf('#');
  if (hash < 0) return DEFAULT_OVERRIDES;
  const pairs = new URLSearchParams(url.slice(hash + 1));
  let retryOn = DEFAULT_OVERRIDES.retryOn;
  const policy = pairs.get('rp');
  if (policy !== null) {
    const names = policy.split(',').map((p) => p.trim());
    if (names.some((n) => !['ct', 'rt', '4xx', '5xx', 'all'].includes(n))) throw new InvalidRetryPolicy(`HTTP retry policy is invalid: rp=${policy}`);
    retryOn = new Set(names.includes('all') ? ['ct', 'rt', '4xx', '5xx'] : (names as RetryOn[]));
  }
  return {
    connectMs: clamp(pairs.get('ct') ?? undefined, 100, 10_000, DEFAULT_OVERRIDES.connectMs),
    readMs: clamp(pairs.get('rt') ?? undefined, 100, 15_000, DEFAULT_OVERRIDES.readMs),
    retries: clamp(pairs.get('rc') ?? undefined, 0, 5, DEFAULT_OVERRIDES.retries),
    retryOn,
  };
}

const retryable = (result: RequestResult, on: ReadonlySet<RetryOn>): boolean => {
  if (result.status === null) return result.failedAt === 'connect' ? on.has('ct') : on.has('rt');
  if (result.status >= 500) return on.has('5xx');
  return result.status >= 400 && on.has('4xx');
};

/** One logical request: tried again at once, up to `retries` times, when the policy says so. */
export async function sendWithOverrides(request: OutgoingRequest, overrides: ConnectionOverrides): Promise<RequestResult> {
  let result = await sendRequest(request, overrides);
  for (let tried = 0; tried < overrides.retries && retryable(result, overrides.retryOn); tried++) {
    result = await sendRequest(request, overrides);
  }
  return result;
}
