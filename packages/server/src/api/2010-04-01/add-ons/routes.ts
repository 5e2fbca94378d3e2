import { notFound, TwilioError } from '../../../errors/twilio-error.ts';
import { one } from '../../../http/params.ts';
import { findIncomingNumber } from '../../../storage/repositories/incoming-phone-numbers.ts';
import { findRecording } from '../../../storage/repositories/recordings.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest } from '../paging.ts';
import { ok, type ApiContext, type ApiRoute } from '../route.ts';

/**
 * Marketplace add-ons are not simulated: none can be installed, so no number has one assigned and
 * no recording has add-on results. The lists of an existing number or recording are real and empty;
 * anything under an add-on or a result is a 404, as it is on Twilio for one that does not exist.
 */
const NUMBER = '/Accounts/:AccountSid/IncomingPhoneNumbers/:ResourceSid/AssignedAddOns';
const RECORDING = '/Accounts/:AccountSid/Recordings/:ReferenceSid/AddOnResults';

async function requireNumber({ deps, target, params, path }: ApiContext): Promise<void> {
  if (!(await findIncomingNumber(deps.db, target.sid, params.ResourceSid!))) throw notFound(path);
}

async function requireRecording({ deps, target, params, path }: ApiContext): Promise<void> {
  if (!(await findRecording(deps.db, target.sid, params.ReferenceSid!))) throw notFound(path);
}

const emptyList = (key: string, listPath: (ctx: ApiContext) => string, check: (ctx: ApiContext) => Promise<void>, sids: Record<string, string>, path: string): ApiRoute => ({
  method: 'GET',
  path,
  sids,
  query: PAGING_PARAMS,
  async handle(ctx) {
    const request = readPageRequest(ctx.query);
    await check(ctx);
    return ok(
      listEnvelope({
        key, path: listPath(ctx), filters: [], request, result: { rows: [], hasNext: false, hasPrevious: false }, serialize: () => null, cursorOf: () => ({ created: 0, key: '' }),
      }),
    );
  },
});

/** After checking the parent exists, the item does not: there is none. */
const absent = (method: 'GET' | 'DELETE' | 'POST', path: string, sids: Record<string, string>, check: (ctx: ApiContext) => Promise<void>, form?: string[]): ApiRoute => ({
  method,
  path,
  sids,
  form,
  query: method === 'GET' ? PAGING_PARAMS : undefined,
  async handle(ctx) {
    await check(ctx);
    throw notFound(ctx.path);
  },
});

const numberSids = { ResourceSid: 'PN' };
const NOT_FOUND = 20404;
const recordingSids = { ReferenceSid: 'RE' };

/** Assigning needs an installed add-on; none is ever installed, so the one named is not found. */
const assign: ApiRoute = {
  method: 'POST',
  path: NUMBER,
  sids: numberSids,
  form: ['InstalledAddOnSid'],
  async handle(ctx) {
    await requireNumber(ctx);
    const installed = one(ctx.form, 'InstalledAddOnSid') ?? '';
    throw TwilioError.validation(NOT_FOUND, `InstalledAddOnSid '${installed}' is not an add-on installed on this account: Switchboard does not simulate Marketplace add-ons, so none can be assigned.`, 404);
  },
};

export const addOnRoutes: ApiRoute[] = [
  emptyList('assigned_add_ons', (c) => `/Accounts/${c.target.sid}/IncomingPhoneNumbers/${c.params.ResourceSid}/AssignedAddOns`, requireNumber, numberSids, NUMBER),
  assign,
  absent('GET', `${NUMBER}/:Sid`, { ...numberSids, Sid: 'XE' }, requireNumber),
  absent('DELETE', `${NUMBER}/:Sid`, { ...numberSids, Sid: 'XE' }, requireNumber),
  absent('GET', `${NUMBER}/:AssignedAddOnSid/Extensions`, { ...numberSids, AssignedAddOnSid: 'XE' }, requireNumber),
  absent('GET', `${NUMBER}/:AssignedAddOnSid/Extensions/:Sid`, { ...numberSids, AssignedAddOnSid: 'XE', Sid: 'XF' }, requireNumber),
  emptyList('add_on_results', (c) => `/Accounts/${c.target.sid}/Recordings/${c.params.ReferenceSid}/AddOnResults`, requireRecording, recordingSids, RECORDING),
  absent('GET', `${RECORDING}/:Sid`, { ...recordingSids, Sid: 'XR' }, requireRecording),
  absent('DELETE', `${RECORDING}/:Sid`, { ...recordingSids, Sid: 'XR' }, requireRecording),
  absent('GET', `${RECORDING}/:AddOnResultSid/Payloads`, { ...recordingSids, AddOnResultSid: 'XR' }, requireRecording),
  absent('GET', `${RECORDING}/:AddOnResultSid/Payloads/:Sid`, { ...recordingSids, AddOnResultSid: 'XR', Sid: 'XH' }, requireRecording),
  absent('DELETE', `${RECORDING}/:AddOnResultSid/Payloads/:Sid`, { ...recordingSids, AddOnResultSid: 'XR', Sid: 'XH' }, requireRecording),
  absent('GET', `${RECORDING}/:AddOnResultSid/Payloads/:PayloadSid/Data`, { ...recordingSids, AddOnResultSid: 'XR', PayloadSid: 'XH' }, requireRecording),
];
