import { ConnectError } from '../errors.ts';
import { normalizeBaseUrl } from '../util/base-url.ts';
import { escapeHtml } from '../util/escape-html.ts';
import { isConnectAppSid } from '../util/sid.ts';

export interface ConnectButtonOptions {
  /** The Connect App's SID, `CN` + 32 hex digits. */
  connectAppSid: string;
  /** Where Switchboard runs, e.g. `https://switchboard.example.com` (a path prefix is kept). */
  baseUrl: string;
  /** Sent back to your Authorize URL unchanged; use `createState()` and check it in the callback. */
  state?: string;
  /** The button's text. */
  label?: string;
}

// Inline styles and an inline SVG: the snippet is pasted into pages we do not control, so it must not
// depend on stylesheets, fonts or images being reachable. White on #d8233c keeps WCAG AA contrast (4.9:1).
const LINK_STYLE = [
  'display:inline-flex', 'align-items:center', 'gap:8px', 'padding:8px 16px', 'border:0', 'border-radius:6px',
  'background:#d8233c', 'color:#ffffff', 'text-decoration:none', 'white-space:nowrap',
  "font:600 14px/20px -apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif",
].join(';');

const LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">' +
  '<circle cx="10" cy="10" r="8.5" fill="none" stroke="#ffffff" stroke-width="2"/>' +
  '<circle cx="7.5" cy="7.5" r="1.75" fill="#ffffff"/><circle cx="12.5" cy="7.5" r="1.75" fill="#ffffff"/>' +
  '<circle cx="7.5" cy="12.5" r="1.75" fill="#ffffff"/><circle cx="12.5" cy="12.5" r="1.75" fill="#ffffff"/>' +
  '</svg>';

/** The URL the Connect button opens: `{baseUrl}/authorize/{CN…}[?state=…]`. */
export function authorizeUrl({ connectAppSid, baseUrl, state }: ConnectButtonOptions): string {
  if (!isConnectAppSid(connectAppSid)) {
    throw new ConnectError('invalid_connect_app_sid', `connectAppSid ${JSON.stringify(connectAppSid)} is not a Connect App SID; copy the CN… SID (CN + 32 hex digits) from the Connect App's page.`);
  }
  const query = state === undefined ? '' : `?state=${encodeURIComponent(state)}`;
  return `${normalizeBaseUrl(baseUrl)}/authorize/${connectAppSid}${query}`;
}

/**
 * The HTML of a Connect button. Deterministic (same options, same bytes) because Switchboard's Console
 * shows this exact snippet: this function is its single source.
 */
export function connectButton(options: ConnectButtonOptions): string {
  const href = escapeHtml(authorizeUrl(options));
  const label = escapeHtml(options.label ?? 'Connect with Switchboard');
  return `<a href="${href}" style="${LINK_STYLE}">${LOGO}<span>${label}</span></a>`;
}
