import { notFound, TwilioError } from '../../../../errors/twilio-error.ts';
import { hashPassword } from '../../../../console/session/password.ts';
import { changePassword, deleteCredential, findCredential, insertCredential, listCredentials, type SipCredential } from '../../../../storage/repositories/sip/credentials.ts';
import { isUniqueViolation } from '../../../../storage/repositories/sip/unique-violation.ts';
import { rfc2822 } from '../../../../util/rfc2822.ts';
import { newSid } from '../../../../util/sid.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../../paging.ts';
import { created, deleted, ok, type ApiContext, type ApiRoute } from '../../route.ts';
import { CREDENTIAL_LISTS, loadList } from '../named-lists.ts';
import { ALREADY_EXISTS, sipPath, uri } from '../paths.ts';
import { readPassword, readUsername } from './read-credential.ts';

const LIST = '/Accounts/:AccountSid/SIP/CredentialLists/:CredentialListSid/Credentials';
const INSTANCE = `${LIST}/:Sid`;
const listSids = { CredentialListSid: 'CL' };
const sids = { ...listSids, Sid: 'CR' };

/** No password in any form: Twilio never returns it, and Switchboard keeps only its hash. */
export const serializeCredential = (c: SipCredential) => ({
  sid: c.sid,
  account_sid: c.account_sid,
  credential_list_sid: c.credential_list_sid,
  username: c.username,
  date_created: rfc2822(c.date_created),
  date_updated: rfc2822(c.date_updated),
  uri: uri(`${sipPath(c.account_sid)}/CredentialLists/${c.credential_list_sid}/Credentials/${c.sid}`),
});

async function loadCredential(ctx: ApiContext): Promise<SipCredential> {
  const list = await loadList(ctx, CREDENTIAL_LISTS, 'CredentialListSid');
  const credential = await findCredential(ctx.deps.db, list.sid, ctx.params.Sid!);
  if (!credential) throw notFound(ctx.path);
  return credential;
}

const list: ApiRoute = {
  method: 'GET',
  path: LIST,
  sids: listSids,
  query: [...PAGING_PARAMS],
  async handle(ctx) {
    const request = readPageRequest(ctx.query);
    const owner = await loadList(ctx, CREDENTIAL_LISTS, 'CredentialListSid');
    const result = await listCredentials(ctx.deps.db, owner.sid, request);
    const path = `${sipPath(owner.account_sid)}/CredentialLists/${owner.sid}/Credentials`;
    return ok(listEnvelope({ key: 'credentials', path, filters: [], request, result, serialize: serializeCredential, cursorOf: sidCursor }));
  },
};

const create: ApiRoute = {
  method: 'POST',
  path: LIST,
  sids: listSids,
  form: ['Username', 'Password'],
  async handle(ctx) {
    const username = readUsername(ctx.form);
    const password = readPassword(ctx.form, true)!;
    const owner = await loadList(ctx, CREDENTIAL_LISTS, 'CredentialListSid');
    const credential: SipCredential = { sid: newSid('CR'), account_sid: owner.account_sid, credential_list_sid: owner.sid, username, date_created: ctx.now, date_updated: ctx.now };
    try {
      await insertCredential(ctx.deps.db, { ...credential, password_hash: await hashPassword(password) });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw TwilioError.validation(ALREADY_EXISTS, `Username ${username} already exists in credential list ${owner.sid}: update its password instead, or choose another username.`, 409);
    }
    return created(serializeCredential(credential));
  },
};

const fetch: ApiRoute = { method: 'GET', path: INSTANCE, sids, handle: async (ctx) => ok(serializeCredential(await loadCredential(ctx))) };

const update: ApiRoute = {
  method: 'POST',
  path: INSTANCE,
  sids,
  form: ['Password'],
  async handle(ctx) {
    const password = readPassword(ctx.form, false);
    const credential = await loadCredential(ctx);
    if (password === undefined) return ok(serializeCredential(credential));
    await changePassword(ctx.deps.db, credential.sid, await hashPassword(password), ctx.now);
    return ok(serializeCredential({ ...credential, date_updated: ctx.now }));
  },
};

const remove: ApiRoute = {
  method: 'DELETE',
  path: INSTANCE,
  sids,
  async handle(ctx) {
    await deleteCredential(ctx.deps.db, (await loadCredential(ctx)).sid);
    return deleted();
  },
};

export const credentialRoutes: ApiRoute[] = [list, create, fetch, update, remove];
