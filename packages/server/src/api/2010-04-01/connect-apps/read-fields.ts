import { formatPermissions, isPermission, PERMISSIONS } from '../../../connect/permissions.ts';
import { invalidParameter } from '../../../errors/twilio-error.ts';
import { many, type Params } from '../../../http/params.ts';
import type { ConnectAppFields } from '../../../storage/repositories/connect-apps.ts';
import { enumValue, friendlyName, text, url } from '../validate.ts';

export const CONNECT_APP_PARAMS = [
  'FriendlyName',
  'CompanyName',
  'Description',
  'HomepageUrl',
  'TermsOfServiceUrl',
  'AuthorizeRedirectUrl',
  'DeauthorizeCallbackUrl',
  'DeauthorizeCallbackMethod',
  'Permissions',
] as const;

const permissions = (form: Params): string | undefined => {
  const values = many(form, 'Permissions');
  if (values === undefined) return undefined;
  const unknown = values.find((v) => !isPermission(v));
  if (unknown !== undefined) throw invalidParameter(`Permissions must be ${PERMISSIONS.join(' and/or ')}; got '${unknown}'.`);
  return formatPermissions(values.filter(isPermission));
};

/** The fields a form sets, validated; absent fields are left out so an update keeps them. */
export function readConnectAppFields(form: Params): Partial<ConnectAppFields> {
  const fields: Partial<ConnectAppFields> = {
    friendly_name: friendlyName(form, 'FriendlyName'),
    company_name: text(form, 'CompanyName', 255),
    description: text(form, 'Description'),
    homepage_url: url(form, 'HomepageUrl'),
    terms_of_service_url: url(form, 'TermsOfServiceUrl'),
    authorize_redirect_url: url(form, 'AuthorizeRedirectUrl'),
    deauthorize_callback_url: url(form, 'DeauthorizeCallbackUrl'),
    deauthorize_callback_method: enumValue(form, 'DeauthorizeCallbackMethod', ['GET', 'POST'] as const, (v) => v.toUpperCase()),
    permissions: permissions(form),
  };
  if (fields.friendly_name === '') throw invalidParameter('FriendlyName cannot be empty.');
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<ConnectAppFields>;
}
