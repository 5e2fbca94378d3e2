import { apiRoutes } from '../../src/api/2010-04-01/index.ts';
import type { SpecOperation } from './spec-operations.ts';

const shape = (path: string) => path.replace(/^\//, '').replace(/:\w+|\{\w+\}/g, '{}');
const routed = new Set(apiRoutes.map((route) => `${route.method} ${shape(route.path)}`));

/** Whether Switchboard has a route for the operation (whatever it answers). */
export const hasRoute = (op: SpecOperation): boolean => routed.has(`${op.method} ${shape(op.template)}`);
