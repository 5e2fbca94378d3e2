import type { ListedCall } from '../../../storage/repositories/calls.ts';
import { serializeCall } from './serialize.ts';

/**
 * The JSON of each call on a page, in page order. Nothing is kept between pages: a page asked for
 * again is answered whole from the response cache, and pages that all differ would only churn a cache
 * of calls (and hold its memory).
 */
export function callJson(calls: readonly ListedCall[]): string[] {
  const page: string[] = new Array(calls.length);
  for (let i = 0; i < calls.length; i++) page[i] = JSON.stringify(serializeCall(calls[i]!));
  return page;
}
