import { CsrfField, FieldError, NarrowPage } from '../layout.tsx';

export interface SignUpValues {
  email: string;
  accountName: string;
  type: 'Full' | 'Trial';
}

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

const withNext = (path: string, next: string) => (next === '/console' ? path : `${path}?next=${encodeURIComponent(next)}`);

/** Arriving from a Connect button: say which app asks (an app that no longer exists gets the consent page's own error). */
const Intro = ({ appName }: { appName: string | undefined }) =>
  appName !== undefined ? (
    <p class="notice warn"><strong>{appName}</strong> is asking to connect to your Switchboard account. Log in or create an account to continue.</p>
  ) : null;

export const SignUpPage = (p: { csrf: string; next: string; appName: string | undefined; values: SignUpValues; errors: FieldErrors<'email' | 'password' | 'accountName' | 'type'>; error?: string }) => (
  <NarrowPage title="Create your account">
    <Intro appName={p.appName} />
    <section class="card">
      <h1>Create your account</h1>
      <p class="muted">A Switchboard account has an Account SID and an Auth Token for the REST API.</p>
      {p.error ? <p class="notice danger" role="alert">{p.error}</p> : null}
      <form class="form" method="post" action={withNext('/console/signup', p.next)} novalidate>
        <CsrfField token={p.csrf} />
        <div class={`field${p.errors.email ? ' invalid' : ''}`}>
          <label for="email" class="required">Email</label>
          <input id="email" name="email" type="email" autocomplete="email" value={p.values.email} required />
          <FieldError message={p.errors.email} />
        </div>
        <div class={`field${p.errors.password ? ' invalid' : ''}`}>
          <label for="password" class="required">Password</label>
          <input id="password" name="password" type="password" autocomplete="new-password" minlength={8} required />
          {/* The hint and the error say the same thing: the error takes the hint's place. */}
          {p.errors.password ? <FieldError message={p.errors.password} /> : <span class="hint">At least 8 characters.</span>}
        </div>
        <div class={`field${p.errors.accountName ? ' invalid' : ''}`}>
          <label for="accountName" class="required">Account name</label>
          <input id="accountName" name="accountName" type="text" maxlength={64} value={p.values.accountName} required />
          <FieldError message={p.errors.accountName} />
        </div>
        <fieldset class={`field${p.errors.type ? ' invalid' : ''}`}>
          <legend>Account type</legend>
          <label class="check">
            <input type="radio" name="type" value="Full" checked={p.values.type === 'Full'} />
            <span>Full (upgraded)<small>Can create Connect Apps.</small></span>
          </label>
          <label class="check">
            <input type="radio" name="type" value="Trial" checked={p.values.type === 'Trial'} />
            <span>Trial<small>Can authorize apps and use the API, but not create Connect Apps.</small></span>
          </label>
          <FieldError message={p.errors.type} />
        </fieldset>
        <button class="button" type="submit">Create account</button>
      </form>
    </section>
    <p class="switch">Already have an account? <a href={withNext('/console/login', p.next)}>Log in</a></p>
  </NarrowPage>
);

export const LogInPage = (p: { csrf: string; next: string; appName: string | undefined; email: string; error?: string }) => (
  <NarrowPage title="Log in">
    <Intro appName={p.appName} />
    <section class="card">
      <h1>Log in</h1>
      <p class="muted">to the Switchboard Console.</p>
      {p.error ? <p class="notice danger" role="alert">{p.error}</p> : null}
      <form class="form" method="post" action={withNext('/console/login', p.next)}>
        <CsrfField token={p.csrf} />
        <div class="field">
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" value={p.email} required />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <button class="button" type="submit">Log in</button>
      </form>
    </section>
    <p class="switch">New to Switchboard? <a href={withNext('/console/signup', p.next)}>Create an account</a></p>
  </NarrowPage>
);
