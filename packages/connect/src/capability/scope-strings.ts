// The scope strings of twilio-node's ClientCapability (lib/jwt/ClientCapability.js), byte for byte.
// `querystring.escape` there is encodeURIComponent's character set; appParams are escaped twice.

/** Values of appParams and event-stream filters; non-strings are stringified as twilio-node does. */
export type ScopeParams = Readonly<Record<string, string | number | boolean>>;

const esc = (value: string | number | boolean): string => encodeURIComponent(String(value));

const nested = (params: ScopeParams): string =>
  esc(Object.entries(params).map(([k, v]) => `${esc(k)}=${esc(v)}`).join('&'));

export const incomingScope = (clientName: string): string => `scope:client:incoming?clientName=${esc(clientName)}`;

export function outgoingScope(appSid: string, clientName?: string, params?: ScopeParams): string {
  let query = `appSid=${esc(appSid)}`;
  if (typeof clientName === 'string') query += `&clientName=${esc(clientName)}`;
  // twilio-node writes `appParams=` even for an empty object, and nothing when params are absent.
  if (params !== undefined) query += `&appParams=${nested(params)}`;
  return `scope:client:outgoing?${query}`;
}

export function eventStreamScope(filters: ScopeParams = {}): string {
  const query = Object.keys(filters).length > 0 ? `&appParams=${nested(filters)}` : '';
  return `scope:stream:subscribe?path=/2010-04-01/Events${query}`;
}
