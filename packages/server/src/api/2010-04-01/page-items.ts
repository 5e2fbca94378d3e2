import type { ListedCall } from '../../storage/repositories/calls.ts';
import type { Message } from '../../storage/repositories/messages.ts';
import type { PageItems } from '../../storage/keyset-page.ts';
import { nextSeenChangeAt, observedMessage } from '../../telephony/observed-message.ts';
import { callJson, callText } from './calls/call-json.ts';
import { serializeMessage } from './messages/serialize.ts';

const messageText = (message: Message, now: number): string => JSON.stringify(serializeMessage(observedMessage(message, now)));

/**
 * The lists whose pages a worker thread reads and writes out (page-reader.ts): the worker finds each by
 * its name here. A list belongs here when its items' JSON is a function of its rows and the request's
 * instant: a message in flight shows the status the clock gives it at that instant, and the page says
 * when that next changes, so that a kept answer is not served past it.
 */
export const PAGE_ITEMS = {
  calls: { name: 'calls', json: callJson, item: callText } satisfies PageItems<ListedCall>,
  messages: {
    name: 'messages',
    json: (messages, now) => messages.map((message) => messageText(message, now)),
    item: messageText,
    seenChangeAt: nextSeenChangeAt,
  } satisfies PageItems<Message>,
} as const;
