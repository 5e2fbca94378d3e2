import type { ApiRoute } from '../2010-04-01/route.ts';
import { callInput } from './call-input.ts';
import { clockRoutes } from './clock/routes.ts';
import { connectActivity } from './connect-activity.ts';
import { faultRoutes } from './faults/routes.ts';
import { inboundCall } from './inbound-calls.ts';
import { inboundMessage } from './inbound-messages.ts';
import { callerIdControlRoutes } from './outgoing-caller-ids.ts';

/** Every test control under `/_switchboard`: what Twilio's sandbox cannot do. */
export const controlRoutes: ApiRoute[] = [...clockRoutes, ...faultRoutes, ...callerIdControlRoutes, inboundMessage, inboundCall, callInput, connectActivity];
