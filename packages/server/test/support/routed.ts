import { apiRoutes } from '../../src/api/2010-04-01/index.ts';
import type { SpecOperation } from './spec-operations.ts';

const shape = (path: string) => path.replace(/^\//, '').replace(/:\w+|\{\w+\}/g, '{}');
const routed = new Set(apiRoutes.map((route) => `${route.method} ${shape(route.path)}`));

/** Whether Switchboard has a route for the operation (whatever it answers). */
export const hasRoute = (op: SpecOperation): boolean => routed.has(`${op.method} ${shape(op.template)}`);

const ALONGSIDE = /^Accounts\/\{AccountSid\}\/(Conferences|SIP|Queues\/\{QueueSid\}\/Members)\b/;

/** Conferences, queue members and SIP are built beside this walk; until they are merged, they may lack a route. */
export const builtAlongside = (op: SpecOperation): boolean => ALONGSIDE.test(op.template);

/** The family an operation is built with: conferences, SIP or queue members. */
const familyOf = (op: SpecOperation): string | undefined => ALONGSIDE.exec(op.template)?.[1];

/** Whether the operation can be walked: its family (when built alongside) has a route for every operation. */
export const walkable = (op: SpecOperation, all: readonly SpecOperation[]): boolean => {
  const family = familyOf(op);
  return family === undefined || all.filter((o) => familyOf(o) === family).every(hasRoute);
};
