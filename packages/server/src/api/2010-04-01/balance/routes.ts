import { ok, type ApiRoute } from '../route.ts';
import { decimalFromMicros } from '../usage/money.ts';
import { balanceMicros } from './balance.ts';

const fetch: ApiRoute = {
  method: 'GET',
  path: '/Accounts/:AccountSid/Balance',
  async handle({ deps, target }) {
    return ok({ account_sid: target.sid, balance: decimalFromMicros(await balanceMicros(deps.db, target)), currency: 'USD' });
  },
};

export const balanceRoutes: ApiRoute[] = [fetch];
