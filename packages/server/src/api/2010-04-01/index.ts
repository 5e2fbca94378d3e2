import { accountRoutes } from './accounts/routes.ts';
import { authorizedConnectAppRoutes } from './authorized-connect-apps/routes.ts';
import { connectAppRoutes } from './connect-apps/routes.ts';
import type { ApiRoute } from './route.ts';

/** Every endpoint of `/2010-04-01`. */
export const apiRoutes: ApiRoute[] = [...accountRoutes, ...connectAppRoutes, ...authorizedConnectAppRoutes];
