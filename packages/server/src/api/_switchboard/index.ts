import type { ApiRoute } from '../2010-04-01/route.ts';
import { callInput } from './call-input.ts';
import { inboundCall } from './inbound-calls.ts';
import { inboundMessage } from './inbound-messages.ts';

/** Every test control under `/_switchboard`. */
export const controlRoutes: ApiRoute[] = [inboundMessage, inboundCall, callInput];
