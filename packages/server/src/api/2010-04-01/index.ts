import { accountRoutes } from './accounts/routes.ts';
import { applicationRoutes } from './applications/routes.ts';
import { authorizedConnectAppRoutes } from './authorized-connect-apps/routes.ts';
import { availablePhoneNumberRoutes } from './available-phone-numbers/routes.ts';
import { balanceRoutes } from './balance/routes.ts';
import { callEventRoutes } from './call-events/routes.ts';
import { callRoutes } from './calls/routes.ts';
import { connectAppRoutes } from './connect-apps/routes.ts';
import { incomingPhoneNumberRoutes } from './incoming-phone-numbers/routes.ts';
import { apiKeyRoutes } from './keys/routes.ts';
import { mediaRoutes } from './messages/media-routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { messageRoutes } from './messages/routes.ts';
import { outgoingCallerIdRoutes } from './outgoing-caller-ids/routes.ts';
import { queueRoutes } from './queues/routes.ts';
import { callRecordingRoutes } from './recordings/call-routes.ts';
import { recordingRoutes } from './recordings/routes.ts';
import { transcriptionRoutes } from './transcriptions/routes.ts';
import { unsimulatedRoutes } from './unsimulated/routes.ts';
import { usageRoutes } from './usage/routes.ts';
import { usageTriggerRoutes } from './usage-triggers/routes.ts';
import type { ApiRoute } from './route.ts';

/** Every endpoint of `/2010-04-01`. */
export const apiRoutes: ApiRoute[] = [...accountRoutes, ...connectAppRoutes, ...authorizedConnectAppRoutes, ...callRoutes, ...callEventRoutes, ...notificationRoutes, ...messageRoutes, ...mediaRoutes, ...recordingRoutes, ...callRecordingRoutes, ...transcriptionRoutes, ...usageRoutes, ...usageTriggerRoutes, ...balanceRoutes, ...availablePhoneNumberRoutes, ...incomingPhoneNumberRoutes, ...applicationRoutes, ...queueRoutes, ...outgoingCallerIdRoutes, ...unsimulatedRoutes, ...apiKeyRoutes];
