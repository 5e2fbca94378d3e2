import { notFound } from '../../../errors/twilio-error.ts';
import { deleteFault, findFault, insertFault, listFaults, type Fault } from '../../../storage/repositories/test-faults.ts';
import { newSid } from '../../../util/sid.ts';
import { created, deleted, ok, type ApiRoute } from '../../2010-04-01/route.ts';
import { FAULT_PARAMS, readFaultFields } from './read-fault.ts';
import { serializeFault } from './serialize.ts';

const LIST = '/Accounts/:AccountSid/Faults';
const INSTANCE = '/Accounts/:AccountSid/Faults/:Sid';

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  operation: { scope: 'control', method: 'GET' },
  async handle({ deps, target }) {
    const faults = await listFaults(deps.db, target.sid);
    return ok({ faults: faults.map(serializeFault), uri: `/_switchboard/Accounts/${target.sid}/Faults.json` });
  },
};

const create: ApiRoute = {
  method: 'POST',
  path: LIST,
  operation: { scope: 'control', method: 'POST' },
  form: FAULT_PARAMS,
  async handle({ deps, target, form, now }) {
    const fields = readFaultFields(form);
    const fault: Fault = {
      sid: newSid('FX'),
      account_sid: target.sid,
      method: fields.method,
      path: fields.path,
      status: fields.status,
      code: fields.code,
      retry_after: fields.retryAfter,
      delay_ms: fields.delayMs,
      remaining: fields.times,
      date_created: now,
      date_updated: now,
    };
    await insertFault(deps.db, fault);
    return created(serializeFault(fault));
  },
};

const fetch: ApiRoute = {
  method: 'GET',
  path: INSTANCE,
  operation: { scope: 'control', method: 'GET' },
  sids: { Sid: 'FX' },
  async handle({ deps, target, params, path }) {
    const fault = await findFault(deps.db, target.sid, params.Sid!);
    if (!fault) throw notFound(path);
    return ok(serializeFault(fault));
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  operation: { scope: 'control', method: 'DELETE' },
  sids: { Sid: 'FX' },
  async handle({ deps, target, params, path }) {
    const fault = await findFault(deps.db, target.sid, params.Sid!);
    if (!fault) throw notFound(path);
    await deleteFault(deps.db, fault.sid);
    return deleted();
  },
};

export const faultRoutes: ApiRoute[] = [list, create, fetch, remove];
