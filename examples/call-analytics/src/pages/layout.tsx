import type { Child } from 'hono/jsx';
import { html } from 'hono/html';
import { CSRF_FIELD } from '../auth/csrf.ts';

export const BrandMark = () => (
  <span class="brand-mark" aria-hidden="true"><i></i><i></i><i></i></span>
);

const Document = ({ title, scripts = [], refreshSeconds, children }: { title: string; scripts?: string[]; refreshSeconds?: number; children: Child }) => (
  <>
    {html`<!DOCTYPE html>`}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Call Analytics`}</title>
        {refreshSeconds !== undefined ? <meta http-equiv="refresh" content={String(refreshSeconds)} /> : null}
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/app.css" />
        {scripts.map((src) => <script src={src} defer></script>)}
      </head>
      {children}
    </html>
  </>
);

/** Who is signed in, for the top bar; absent on pages for visitors. */
export interface Viewer {
  email: string;
  csrf: string;
}

const TopBar = ({ viewer }: { viewer?: Viewer }) => (
  <header class="topbar">
    <div class="topbar-inner">
      <a class="brand" href={viewer ? '/dashboard' : '/'}><BrandMark />Call Analytics</a>
      <div class="who">
        {viewer ? (
          <>
            <span class="who-email">{viewer.email}</span>
            <form method="post" action="/logout">
              <input type="hidden" name={CSRF_FIELD} value={viewer.csrf} />
              <button class="link-button" type="submit">Log out</button>
            </form>
          </>
        ) : (
          <>
            <a class="topbar-link" href="/login">Log in</a>
            <a class="button small" href="/signup">Sign up</a>
          </>
        )}
      </div>
    </div>
  </header>
);

/** A full-width page under the top bar. */
export const AppPage = (props: { title: string; viewer?: Viewer; scripts?: string[]; children: Child }) => (
  <Document title={props.title} scripts={props.scripts}>
    <body>
      <TopBar viewer={props.viewer} />
      <main class="page">{props.children}</main>
    </body>
  </Document>
);

/** One centred card: sign-up, log-in, connect, errors. */
export const NarrowPage = (props: { title: string; viewer?: Viewer; refreshSeconds?: number; children: Child }) => (
  <Document title={props.title} refreshSeconds={props.refreshSeconds}>
    <body>
      <TopBar viewer={props.viewer} />
      <main class="page narrow">{props.children}</main>
    </body>
  </Document>
);

export const CsrfField = ({ token }: { token: string }) => <input type="hidden" name={CSRF_FIELD} value={token} />;
