import type { Child } from 'hono/jsx';
import { html } from 'hono/html';
import type { SignedIn } from '../storage/repositories/console-sessions.ts';
import { CSRF_FIELD } from './csrf.ts';

export type Section = 'account' | 'calls' | 'messages' | 'recordings' | 'notifications' | 'usage' | 'apps' | 'authorized' | 'phone';

const NAV: { section: Section; href: string; label: string }[] = [
  { section: 'account', href: '/console/account', label: 'Account' },
  { section: 'calls', href: '/console/calls', label: 'Calls' },
  { section: 'messages', href: '/console/messages', label: 'Messages' },
  { section: 'recordings', href: '/console/recordings', label: 'Recordings' },
  { section: 'notifications', href: '/console/notifications', label: 'Notifications' },
  { section: 'usage', href: '/console/usage', label: 'Usage' },
  { section: 'apps', href: '/console/apps', label: 'Connect Apps' },
  { section: 'authorized', href: '/console/authorized-apps', label: 'Authorized Apps' },
  { section: 'phone', href: '/console/phone', label: 'Phone' },
];

export const BrandMark = () => (
  <span class="brand-mark" aria-hidden="true"><i></i><i></i><i></i><i></i></span>
);

const Document = ({ title, children }: { title: string; children: Child }) => (
  <>
    {html`<!DOCTYPE html>`}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Switchboard`}</title>
        <link rel="icon" type="image/svg+xml" href="/assets/favicon.svg" />
        <link rel="stylesheet" href="/assets/console.css" />
        <script src="/assets/console.js" defer></script>
      </head>
      {children}
    </html>
  </>
);

/** A Console page: the top bar with the sections and the signed-in user, then the page itself. */
export const ConsolePage = (props: { title: string; section?: Section; signedIn: SignedIn; children: Child }) => (
  <Document title={props.title}>
    <body>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href="/console"><BrandMark />Switchboard</a>
          <nav class="nav" aria-label="Console">
            {NAV.map((n) => (
              <a href={n.href} aria-current={n.section === props.section ? 'page' : undefined}>{n.label}</a>
            ))}
          </nav>
          <div class="who">
            <span>{props.signedIn.user.email}</span>
            <form method="post" action="/console/logout">
              <input type="hidden" name={CSRF_FIELD} value={props.signedIn.session.csrf_token} />
              <button class="link-button" type="submit">Log out</button>
            </form>
          </div>
        </div>
      </header>
      <main class="page" id="main">{props.children}</main>
    </body>
  </Document>
);

/** A single centred card: sign-in, sign-up, the consent screen, error pages. */
export const NarrowPage = (props: { title: string; children: Child }) => (
  <Document title={props.title}>
    <body>
      <main class="narrow">
        <a class="brand" href="/console"><BrandMark />Switchboard</a>
        {props.children}
      </main>
    </body>
  </Document>
);

export const CsrfField = ({ token }: { token: string }) => <input type="hidden" name={CSRF_FIELD} value={token} />;

export const FieldError = ({ message }: { message: string | undefined }) =>
  message ? <span class="error" role="alert">{message}</span> : null;
