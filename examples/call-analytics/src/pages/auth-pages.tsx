import { CsrfField, NarrowPage } from './layout.tsx';

export type FieldErrors = Partial<Record<'email' | 'password' | 'form', string>>;

const Field = (props: { id: string; label: string; type: string; value?: string; autocomplete: string; error?: string; hint?: string }) => (
  <div class={`field${props.error ? ' invalid' : ''}`}>
    <label for={props.id}>{props.label}</label>
    <input
      id={props.id}
      name={props.id}
      type={props.type}
      value={props.value}
      autocomplete={props.autocomplete}
      required
      aria-invalid={props.error ? 'true' : undefined}
      aria-describedby={props.error ? `${props.id}-error` : undefined}
    />
    {props.hint && !props.error ? <small class="hint">{props.hint}</small> : null}
    {props.error ? <small class="field-error" id={`${props.id}-error`}>{props.error}</small> : null}
  </div>
);

export const SignUpPage = ({ csrf, email, errors }: { csrf: string; email: string; errors: FieldErrors }) => (
  <NarrowPage title="Sign up">
    <section class="card auth">
      <h1>Create your Call Analytics account</h1>
      <p class="muted">Your login for this app. You connect your Switchboard account after signing up.</p>
      {errors.form ? <p class="notice error" role="alert">{errors.form}</p> : null}
      <form method="post" action="/signup" class="form" novalidate>
        <CsrfField token={csrf} />
        <Field id="email" label="Email" type="email" value={email} autocomplete="email" error={errors.email} />
        <Field id="password" label="Password" type="password" autocomplete="new-password" error={errors.password} hint="At least 8 characters." />
        <button class="button block" type="submit">Create account</button>
      </form>
      <p class="switch">Already have an account? <a href="/login">Log in</a></p>
    </section>
  </NarrowPage>
);

export const LogInPage = ({ csrf, email, errors, notice }: { csrf: string; email: string; errors: FieldErrors; notice?: string }) => (
  <NarrowPage title="Log in">
    <section class="card auth">
      <h1>Log in to Call Analytics</h1>
      {notice ? <p class="notice" role="status">{notice}</p> : null}
      {errors.form ? <p class="notice error" role="alert" id="login-error">{errors.form}</p> : null}
      <form method="post" action="/login" class="form" novalidate>
        <CsrfField token={csrf} />
        <Field id="email" label="Email" type="email" value={email} autocomplete="username" error={errors.email} />
        <Field id="password" label="Password" type="password" autocomplete="current-password" error={errors.password} />
        <button class="button block" type="submit">Log in</button>
      </form>
      <p class="switch">New here? <a href="/signup">Create an account</a></p>
    </section>
  </NarrowPage>
);
