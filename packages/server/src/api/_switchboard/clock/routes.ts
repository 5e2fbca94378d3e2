import { clockOwner } from '../../../clock/account-clock.ts';
import { changeClock, showClock, type ClockState } from '../../../clock/change-clock.ts';
import { ok, type ApiRoute } from '../../2010-04-01/route.ts';
import { CLOCK_PARAMS, readClockChange } from './read-change.ts';

const PATH = '/Accounts/:AccountSid/Clock';

const serializeClock = (clock: ClockState) => ({ account_sid: clock.accountSid, now: new Date(clock.now).toISOString(), frozen: clock.frozen });

const show: ApiRoute = {
  method: 'GET',
  path: PATH,
  operation: { scope: 'control', method: 'GET' },
  handle: async ({ deps, target }) => ok(serializeClock(await showClock(deps, clockOwner(target)))),
};

const change: ApiRoute = {
  method: 'POST',
  path: PATH,
  operation: { scope: 'control', method: 'POST' },
  form: CLOCK_PARAMS,
  handle: async ({ deps, target, form }) => ok(serializeClock(await changeClock(deps, clockOwner(target), readClockChange(form)))),
};

/** The test clock a top-level account shares with its subaccounts. */
export const clockRoutes: ApiRoute[] = [show, change];
