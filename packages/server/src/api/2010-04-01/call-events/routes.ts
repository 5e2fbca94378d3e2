import { notFound } from '../../../errors/twilio-error.ts';
import { findCall } from '../../../storage/repositories/calls.ts';
import { listResourceRequests } from '../../../storage/repositories/webhook-deliveries.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { ok, type ApiRoute } from '../route.ts';

type Row = Awaited<ReturnType<typeof listResourceRequests>>['rows'][number];

/** `CallSid` → `call_sid`: Twilio lists request parameters in snake_case. */
const snake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

const serializeEvent = ({ delivery, attempt }: Row) => ({
  request: {
    url: delivery.url,
    method: delivery.method,
    parameters: Object.fromEntries(Object.entries(JSON.parse(delivery.params) as Record<string, string>).map(([k, v]) => [snake(k), v])),
  },
  response: attempt
    ? { date_created: rfc2822(attempt.started_at), request_duration: attempt.latency_ms, response_code: attempt.response_status, content_type: attempt.content_type, response_body: attempt.response_body }
    : null,
});

/** `GET /Calls/{CallSid}/Events.json`: every request Switchboard made to the app about the call, with its answer. */
export const callEventRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/Accounts/:AccountSid/Calls/:CallSid/Events',
    sids: { CallSid: 'CA' },
    query: [...PAGING_PARAMS],
    async handle({ deps, params, target, path, query }) {
      const call = await findCall(deps.db, target.sid, params.CallSid!);
      if (!call) throw notFound(path);
      const request = readPageRequest(query);
      const result = await listResourceRequests(deps.db, call.sid, request);
      return ok(listEnvelope({ key: 'events', path: `/Accounts/${target.sid}/Calls/${call.sid}/Events`, filters: [], request, result, serialize: serializeEvent, cursorOf: sidCursor }));
    },
  },
];
