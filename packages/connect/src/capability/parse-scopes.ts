import { invalid, parseScopeQuery } from './scope-query.ts';

export interface CapabilityScopes {
  incoming?: { clientName: string };
  outgoing?: { appSid: string; params: Record<string, string>; clientName?: string };
  eventStream?: { filters: Record<string, string> };
}

const SCOPE = /^scope:([a-z]+):([a-z]+)(?:\?(.*))?$/s;
const EVENTS_PATH = '/2010-04-01/Events';

/** Reads the space-separated scopes of a capability token's `scope` claim. */
export function parseScopes(claim: string): CapabilityScopes {
  const result: CapabilityScopes = {};
  for (const scope of claim.split(' ').filter(Boolean)) {
    const match = SCOPE.exec(scope);
    if (!match) throw invalid(scope, 'is not of the form scope:<service>:<privilege>?<query>');
    const [, service, privilege, query = ''] = match;
    const params = parseScopeQuery(query, scope);
    const kind = `${service}:${privilege}`;
    // One device has one identity: two scopes of a kind would be two conflicting grants.
    const seen = (taken: unknown) => { if (taken) throw invalid(scope, `repeats a ${kind} scope`); };

    if (kind === 'client:incoming') {
      seen(result.incoming);
      if (!params.clientName) throw invalid(scope, 'has no clientName');
      result.incoming = { clientName: params.clientName };
    } else if (kind === 'client:outgoing') {
      seen(result.outgoing);
      if (!params.appSid) throw invalid(scope, 'has no appSid');
      const outgoing: NonNullable<CapabilityScopes['outgoing']> = { appSid: params.appSid, params: parseScopeQuery(params.appParams ?? '', scope) };
      if (params.clientName !== undefined) outgoing.clientName = params.clientName;
      result.outgoing = outgoing;
    } else if (kind === 'stream:subscribe') {
      seen(result.eventStream);
      if (params.path !== EVENTS_PATH) throw invalid(scope, `subscribes to ${JSON.stringify(params.path ?? '')}, not ${EVENTS_PATH}`);
      // twilio-node names the filters appParams; twilio-php and twilio-python name them params.
      if (params.appParams !== undefined && params.params !== undefined) throw invalid(scope, 'has both appParams and params');
      result.eventStream = { filters: parseScopeQuery(params.appParams ?? params.params ?? '', scope) };
    } else {
      throw invalid(scope, `grants ${kind}, which Twilio Client does not define`);
    }
  }
  return result;
}
