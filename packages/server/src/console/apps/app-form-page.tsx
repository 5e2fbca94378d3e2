import type { SignedIn } from '../../storage/repositories/console-sessions.ts';
import type { ConnectApp } from '../../storage/repositories/connect-apps.ts';
import { ConsolePage, CsrfField, FieldError } from '../layout.tsx';
import { AppLogo } from './app-view.tsx';
import type { AppFormErrors, AppFormField, AppFormValues } from './read-app-form.ts';

export const emptyAppForm = (): AppFormValues => ({
  FriendlyName: '', CompanyName: '', Description: '', HomepageUrl: '', TermsOfServiceUrl: '',
  AuthorizeRedirectUrl: '', DeauthorizeCallbackUrl: '', DeauthorizeCallbackMethod: 'POST', Permissions: ['get-all'],
});

export const appFormValues = (app: ConnectApp): AppFormValues => ({
  FriendlyName: app.friendly_name,
  CompanyName: app.company_name ?? '',
  Description: app.description ?? '',
  HomepageUrl: app.homepage_url ?? '',
  TermsOfServiceUrl: app.terms_of_service_url ?? '',
  AuthorizeRedirectUrl: app.authorize_redirect_url ?? '',
  DeauthorizeCallbackUrl: app.deauthorize_callback_url ?? '',
  DeauthorizeCallbackMethod: app.deauthorize_callback_method,
  Permissions: app.permissions.split(',').filter(Boolean),
});

interface Props {
  signedIn: SignedIn;
  /** Absent when creating. */
  app?: ConnectApp;
  hasLogo?: boolean;
  values: AppFormValues;
  errors: AppFormErrors;
  notice?: string;
}

const cls = (errors: AppFormErrors, name: AppFormField, extra = '') => `field${errors[name] ? ' invalid' : ''}${extra}`;

const TextField = (p: { name: keyof AppFormValues; label: string; values: AppFormValues; errors: AppFormErrors; type?: string; required?: boolean; hint?: string; placeholder?: string }) => (
  <div class={cls(p.errors, p.name)}>
    <label for={p.name} class={p.required ? 'required' : undefined}>{p.label}</label>
    <input id={p.name} name={p.name} type={p.type ?? 'text'} value={p.values[p.name] as string} placeholder={p.placeholder} aria-describedby={p.hint ? `${p.name}-hint` : undefined} />
    {p.hint ? <span class="hint" id={`${p.name}-hint`}>{p.hint}</span> : null}
    <FieldError message={p.errors[p.name]} />
  </div>
);

/** Create and edit share one form, its fields labelled as Twilio's Connect App options are. */
export const AppFormPage = ({ signedIn, app, hasLogo = false, values, errors, notice }: Props) => {
  const title = app ? app.friendly_name : 'Create a Connect App';
  const action = app ? `/console/apps/${app.sid}` : '/console/apps';
  const has = (p: string) => values.Permissions.includes(p);
  return (
    <ConsolePage title={title} section="apps" signedIn={signedIn}>
      <div class="breadcrumb"><a href="/console/apps">Connect Apps</a> / {app ? app.sid : 'New'}</div>
      <div class="page-head">
        <div>
          <h1>{title}</h1>
          <p>{app ? 'Edit what users see when they authorize your app, and where Switchboard sends them.' : 'Fill in your app and company, where to send users back, and the access your app needs.'}</p>
        </div>
        {app ? (
          <div class="actions">
            <a class="button secondary" href={`/console/apps/${app.sid}/button`}>Generate Connect Button HTML</a>
            <a class="button secondary" href={`/console/apps/${app.sid}/activity`}>Activity</a>
            <a class="button secondary" href={`/console/apps/${app.sid}/deliveries`}>Deliveries</a>
          </div>
        ) : null}
      </div>
      {notice ? <p class="notice ok" role="status">{notice}</p> : null}
      {Object.keys(errors).length > 0 ? <p class="notice danger" role="alert">Some fields need attention; see below.</p> : null}
      <form class="card form" method="post" action={action} enctype="multipart/form-data" novalidate>
        <CsrfField token={signedIn.session.csrf_token} />
        <p class="section-title">Your app</p>
        <div class="grid-2">
          <TextField name="FriendlyName" label="Friendly Name" required values={values} errors={errors} hint="Shown on the authorization screen and in users' authorized apps." />
          <TextField name="CompanyName" label="Company Name" required values={values} errors={errors} />
        </div>
        <div class={cls(errors, 'Logo')}>
          <label for="Logo" class={app ? undefined : 'required'}>Application Logo</label>
          <div class="logo-row">
            {app ? <AppLogo app={app} hasLogo={hasLogo} /> : null}
            <input id="Logo" name="Logo" type="file" accept="image/png,image/jpeg" aria-describedby="Logo-hint" />
          </div>
          <span class="hint" id="Logo-hint">PNG or JPEG, at most 256 KiB; square images look best.{app ? ' Leave empty to keep the current logo.' : ''}</span>
          <FieldError message={errors.Logo} />
        </div>
        <div class={cls(errors, 'Description')}>
          <label for="Description">Description</label>
          <textarea id="Description" name="Description" aria-describedby="Description-hint">{values.Description}</textarea>
          <span class="hint" id="Description-hint">What your app does, in a sentence or two. Shown on the authorization screen.</span>
          <FieldError message={errors.Description} />
        </div>
        <div class="grid-2">
          <TextField name="HomepageUrl" label="Homepage URL" type="url" values={values} errors={errors} placeholder="https://example.com" />
          <TextField name="TermsOfServiceUrl" label="Terms of Service URL" type="url" values={values} errors={errors} placeholder="https://example.com/terms" />
        </div>
        <p class="section-title">Endpoints</p>
        <TextField name="AuthorizeRedirectUrl" label="Authorize URL" type="url" required values={values} errors={errors} placeholder="https://example.com/twilio/authorize" hint="Users return here with ?AccountSid=… after authorizing, or ?error=unauthorized_client after declining." />
        <div class="grid-2">
          <TextField name="DeauthorizeCallbackUrl" label="Deauthorize URL" type="url" values={values} errors={errors} placeholder="https://example.com/twilio/deauthorize" hint="Called server-to-server with AccountSid and ConnectAppSid when a user revokes access." />
          <div class={cls(errors, 'DeauthorizeCallbackMethod')}>
            <label for="DeauthorizeCallbackMethod">Deauthorize URL HTTP Method</label>
            <select id="DeauthorizeCallbackMethod" name="DeauthorizeCallbackMethod">
              <option value="POST" selected={values.DeauthorizeCallbackMethod !== 'GET'}>POST</option>
              <option value="GET" selected={values.DeauthorizeCallbackMethod === 'GET'}>GET</option>
            </select>
            <FieldError message={errors.DeauthorizeCallbackMethod} />
          </div>
        </div>
        <fieldset class={cls(errors, 'Permissions')}>
          <legend class="required">Access Required</legend>
          <div class="option">
            <label class="check">
              <input type="checkbox" name="Permissions" value="get-all" checked={has('get-all')} aria-describedby="perm-get-all" />
              <span>Read all account data</span>
            </label>
            <span class="hint" id="perm-get-all">Read calls, messages and other data of the user's account and all its subaccounts.</span>
          </div>
          <div class="option">
            <label class="check">
              <input type="checkbox" name="Permissions" value="post-all" checked={has('post-all')} aria-describedby="perm-post-all" />
              <span>Charge account for usage</span>
            </label>
            <span class="hint" id="perm-post-all">Buy numbers, make calls and send messages in your app's subaccount, billed to the user.</span>
          </div>
          <FieldError message={errors.Permissions} />
        </fieldset>
        <div class="actions">
          <button class="button" type="submit">{app ? 'Save changes' : 'Create Connect App'}</button>
          <a class="button secondary" href="/console/apps">Cancel</a>
        </div>
      </form>
      {app ? (
        <section class="card">
          <h2>Delete this Connect App</h2>
          <p class="muted">Every user's authorization of it ends at once. Their subaccounts and data stay with them.</p>
          <a class="button danger" href={`/console/apps/${app.sid}/delete`}>Delete Connect App…</a>
        </section>
      ) : null}
    </ConsolePage>
  );
};
