import { formatPermissions, isPermission } from '../../connect/permissions.ts';
import type { ConnectAppFields } from '../../storage/repositories/connect-apps.ts';
import { field } from '../read-body.ts';
import { detectLogoType, MAX_LOGO_BYTES } from './logo.ts';

/** The form's inputs as typed, to show them again beside any errors. */
export interface AppFormValues {
  FriendlyName: string;
  CompanyName: string;
  Description: string;
  HomepageUrl: string;
  TermsOfServiceUrl: string;
  AuthorizeRedirectUrl: string;
  DeauthorizeCallbackUrl: string;
  DeauthorizeCallbackMethod: string;
  Permissions: string[];
}

export type AppFormField = keyof AppFormValues | 'Logo';
export type AppFormErrors = Partial<Record<AppFormField, string>>;

export interface NewLogo {
  content_type: 'image/png' | 'image/jpeg';
  data: string;
}

export type AppFormResult =
  | { ok: true; values: AppFormValues; fields: ConnectAppFields; logo: NewLogo | null }
  | { ok: false; values: AppFormValues; errors: AppFormErrors };

const TEXT_FIELDS = ['FriendlyName', 'CompanyName', 'Description', 'HomepageUrl', 'TermsOfServiceUrl', 'AuthorizeRedirectUrl', 'DeauthorizeCallbackUrl', 'DeauthorizeCallbackMethod'] as const;

const length = (s: string) => [...s].length;

function urlError(value: string, label: string, required: boolean): string | undefined {
  if (value === '') return required ? `Enter the ${label}.` : undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return `Enter an absolute http:// or https:// URL.`;
  if (value.length > 2048) return 'Use a URL of at most 2048 characters.';
  return undefined;
}

async function readLogo(file: FormDataEntryValue | null, required: boolean): Promise<{ logo: NewLogo | null; error?: string }> {
  if (!(file instanceof File) || file.size === 0) return { logo: null, error: required ? 'Upload a logo: a PNG or JPEG image.' : undefined };
  if (file.size > MAX_LOGO_BYTES) return { logo: null, error: `The logo is ${Math.ceil(file.size / 1024)} KiB; use an image of at most ${MAX_LOGO_BYTES / 1024} KiB.` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectLogoType(bytes);
  if (!type) return { logo: null, error: 'The logo must be a PNG or JPEG image (SVG and other formats are not accepted).' };
  return { logo: { content_type: type, data: Buffer.from(bytes).toString('base64') } };
}

/** Validates the Connect App form field by field, so each error can be shown beside its field. */
export async function readAppForm(form: FormData, { logoRequired }: { logoRequired: boolean }): Promise<AppFormResult> {
  const text = Object.fromEntries(TEXT_FIELDS.map((name) => [name, field(form, name).trim()])) as Record<(typeof TEXT_FIELDS)[number], string>;
  const permissions = form.getAll('Permissions').filter((v): v is string => typeof v === 'string');
  const values: AppFormValues = { ...text, DeauthorizeCallbackMethod: text.DeauthorizeCallbackMethod || 'POST', Permissions: permissions };
  const errors: AppFormErrors = {};

  if (values.FriendlyName === '') errors.FriendlyName = 'Enter the Friendly Name users will see.';
  else if (length(values.FriendlyName) > 64) errors.FriendlyName = 'Use at most 64 characters.';
  if (values.CompanyName === '') errors.CompanyName = 'Enter your company name.';
  else if (length(values.CompanyName) > 255) errors.CompanyName = 'Use at most 255 characters.';
  if (length(values.Description) > 4000) errors.Description = 'Use at most 4000 characters.';
  const urls = [['HomepageUrl', 'Homepage URL', false], ['TermsOfServiceUrl', 'Terms of Service URL', false], ['AuthorizeRedirectUrl', 'Authorize URL', true], ['DeauthorizeCallbackUrl', 'Deauthorize URL', false]] as const;
  for (const [name, label, required] of urls) {
    const error = urlError(values[name], label, required);
    if (error) errors[name] = error;
  }
  if (values.DeauthorizeCallbackMethod !== 'GET' && values.DeauthorizeCallbackMethod !== 'POST') errors.DeauthorizeCallbackMethod = 'Choose GET or POST.';
  if (permissions.length === 0) errors.Permissions = 'Choose at least one: Read all account data, Charge account for usage, or both.';
  else if (!permissions.every(isPermission)) errors.Permissions = 'Choose from Read all account data and Charge account for usage.';
  const { logo, error: logoError } = await readLogo(form.get('Logo'), logoRequired);
  if (logoError) errors.Logo = logoError;

  if (Object.keys(errors).length > 0) return { ok: false, values, errors };
  const orNull = (v: string) => (v === '' ? null : v);
  return {
    ok: true,
    values,
    logo,
    fields: {
      friendly_name: values.FriendlyName,
      company_name: values.CompanyName,
      description: orNull(values.Description),
      homepage_url: orNull(values.HomepageUrl),
      terms_of_service_url: orNull(values.TermsOfServiceUrl),
      authorize_redirect_url: values.AuthorizeRedirectUrl,
      deauthorize_callback_url: orNull(values.DeauthorizeCallbackUrl),
      deauthorize_callback_method: values.DeauthorizeCallbackMethod as 'GET' | 'POST',
      permissions: formatPermissions(permissions.filter(isPermission)),
    },
  };
}
