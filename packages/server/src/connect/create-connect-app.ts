import type { Kysely } from 'kysely';
import { invalidParameter, TwilioError } from '../errors/twilio-error.ts';
import type { Account } from '../storage/repositories/accounts.ts';
import { createConnectApp, type ConnectApp, type ConnectAppFields } from '../storage/repositories/connect-apps.ts';
import type { Database } from '../storage/schema.ts';

/** Creates a Connect App owned by `owner`; only upgraded (Full) accounts may. API, CLI and Console share this. */
export async function createAppFor(
  db: Kysely<Database>,
  owner: Account,
  fields: Partial<ConnectAppFields>,
  now: number,
): Promise<ConnectApp> {
  if (owner.type !== 'Full') {
    throw TwilioError.of('forbidden', 'Only upgraded (Full) accounts can create Connect Apps. Upgrade the account first.');
  }
  return createConnectApp(db, owner.sid, requireNewAppFields(fields), now);
}

/** A new app needs a name, a company and somewhere to send the user back to. */
export function requireNewAppFields(fields: Partial<ConnectAppFields>): ConnectAppFields {
  if (!fields.friendly_name) throw invalidParameter('FriendlyName is required.');
  if (!fields.company_name) throw invalidParameter('CompanyName is required.');
  if (!fields.authorize_redirect_url) throw invalidParameter('AuthorizeRedirectUrl is required: it is where users are sent after authorizing.');
  return {
    friendly_name: fields.friendly_name,
    company_name: fields.company_name,
    description: fields.description ?? null,
    homepage_url: fields.homepage_url ?? null,
    terms_of_service_url: fields.terms_of_service_url ?? null,
    authorize_redirect_url: fields.authorize_redirect_url,
    deauthorize_callback_url: fields.deauthorize_callback_url ?? null,
    deauthorize_callback_method: fields.deauthorize_callback_method ?? 'POST',
    permissions: fields.permissions ?? '',
  };
}
