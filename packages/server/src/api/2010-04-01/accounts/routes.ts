import { changeAccountStatus } from '../../../connect/change-account-status.ts';
import { TwilioError } from '../../../errors/twilio-error.ts';
import type { Principal } from '../../../principal/principal.ts';
import {
  createAccount,
  listAccountFamily,
  updateAccount,
  type Account,
  type AccountFilters,
} from '../../../storage/repositories/accounts.ts';
import { listEnvelope, PAGING_PARAMS, readPageRequest, sidCursor } from '../paging.ts';
import { created, ok, type ApiRoute } from '../route.ts';
import { enumValue, friendlyName } from '../validate.ts';
import { serializeAccount } from './serialize.ts';

const STATUSES = ['active', 'suspended', 'closed'] as const;

const revealsTokens = (principal: Principal): boolean => principal.kind === 'account';

/** Whose accounts `/Accounts.json` lists: a Connect App sees the user's whole family of accounts. */
const listRoot = (principal: Principal): string =>
  principal.kind === 'account' ? principal.account.sid : principal.userAccountSid;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Twilio's default name for a new subaccount: `SubAccount Created at 2024-01-31 04:05 pm`. */
const defaultSubaccountName = (now: number): string => {
  const d = new Date(now);
  const hours = d.getUTCHours();
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  return `SubAccount Created at ${date} ${pad2(hours % 12 || 12)}:${pad2(d.getUTCMinutes())} ${hours < 12 ? 'am' : 'pm'}`;
};

const listAccounts: ApiRoute = {
  method: 'GET',
  path: '/Accounts',
  operation: { scope: 'account-list', method: 'GET' },
  query: ['FriendlyName', 'Status', ...PAGING_PARAMS],
  async handle({ deps, principal, query }) {
    const filters: AccountFilters = {
      friendlyName: query.get('FriendlyName')?.[0],
      status: enumValue(query, 'Status', STATUSES),
    };
    const request = readPageRequest(query);
    const result = await listAccountFamily(deps.db, listRoot(principal), filters, request);
    return ok(
      listEnvelope({
        key: 'accounts',
        path: '/Accounts',
        filters: [
          ...(filters.friendlyName !== undefined ? [['FriendlyName', filters.friendlyName] as const] : []),
          ...(filters.status !== undefined ? [['Status', filters.status] as const] : []),
        ],
        request,
        result,
        serialize: (account) => serializeAccount(account, revealsTokens(principal)),
        cursorOf: sidCursor,
      }),
    );
  },
};

const createSubaccount: ApiRoute = {
  method: 'POST',
  path: '/Accounts',
  operation: { scope: 'account-list', method: 'POST' },
  form: ['FriendlyName'],
  async handle({ deps, principal, form, now }) {
    // Policy admits only top-level account principals here.
    const parent = (principal as Extract<Principal, { kind: 'account' }>).account;
    const account = await createAccount(deps.db, {
      friendlyName: friendlyName(form, 'FriendlyName') || defaultSubaccountName(now),
      type: parent.type,
      parentSid: parent.sid,
      now,
    });
    return created(serializeAccount(account, true));
  },
};

const fetchAccount: ApiRoute = {
  method: 'GET',
  path: '/Accounts/:Sid',
  operation: { scope: 'account', method: 'GET' },
  sids: { Sid: 'AC' },
  account: 'Sid',
  async handle({ principal, target }) {
    return ok(serializeAccount(target, revealsTokens(principal)));
  },
};

/** Only the parent changes a subaccount's status (and closing is final: `changeAccountStatus`). */
function checkStatusChange(principal: Principal, target: Account): void {
  if (principal.kind !== 'account' || target.parent_sid !== principal.account.sid) {
    throw TwilioError.of('forbidden', "Only a subaccount's parent account can change its Status.");
  }
}

const updateAccountRoute: ApiRoute = {
  method: 'POST',
  path: '/Accounts/:Sid',
  operation: { scope: 'account', method: 'POST' },
  sids: { Sid: 'AC' },
  account: 'Sid',
  form: ['FriendlyName', 'Status'],
  async handle({ deps, principal, target, form, now }) {
    const name = friendlyName(form, 'FriendlyName');
    const status = enumValue(form, 'Status', STATUSES);
    if (status !== undefined) checkStatusChange(principal, target);
    const account = await deps.db.transaction().execute(async (trx) => {
      const changed = status !== undefined ? await changeAccountStatus(trx, target.sid, status, now) : target;
      return name ? updateAccount(trx, target.sid, { friendly_name: name }, now) : changed;
    });
    return ok(serializeAccount(account, revealsTokens(principal)));
  },
};

export const accountRoutes: ApiRoute[] = [listAccounts, createSubaccount, fetchAccount, updateAccountRoute];
