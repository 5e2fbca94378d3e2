import type { ApiRoute } from '../route.ts';
import { credentialRoutes } from './credential-lists/credential-routes.ts';
import { domainRoutes } from './domains/routes.ts';
import { ipAddressRoutes } from './ip-access-control-lists/address-routes.ts';
import { mappingRoutes } from './mappings/routes.ts';
import { CREDENTIAL_LISTS, IP_ACCESS_CONTROL_LISTS, namedListRoutes } from './named-lists.ts';

/** Every SIP endpoint: domains, their auth mappings, credential lists and IP access control lists. */
export const sipRoutes: ApiRoute[] = [
  ...domainRoutes,
  ...mappingRoutes,
  ...namedListRoutes(CREDENTIAL_LISTS),
  ...credentialRoutes,
  ...namedListRoutes(IP_ACCESS_CONTROL_LISTS),
  ...ipAddressRoutes,
];
