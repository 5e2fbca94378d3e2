import type { ListedCall } from '../../storage/repositories/calls.ts';
import type { PageItems } from '../../storage/keyset-page.ts';
import { callJson, callText } from './calls/call-json.ts';

/**
 * The lists whose pages a worker thread reads and writes out (page-reader.ts): the worker finds
 * each by its name here. A list belongs here when its items' JSON is a function of its
 * rows alone; messages, whose status is observed at the request's time, are written on the main thread.
 */
export const PAGE_ITEMS = {
  calls: { name: 'calls', json: callJson, item: callText } satisfies PageItems<ListedCall>,
} as const;
