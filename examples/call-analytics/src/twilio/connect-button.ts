import { createHash } from 'node:crypto';
import { connectButton } from '@switchboard/connect';
import type { AnalyticsConfig } from '../config.ts';

/** The Connect button for this session: Switchboard's own snippet, carrying the session's `state`. */
export const connectButtonHtml = (config: Pick<AnalyticsConfig, 'connectAppSid' | 'switchboardUrl'>, state: string, label = 'Connect with Switchboard'): string =>
  connectButton({ connectAppSid: config.connectAppSid, baseUrl: config.switchboardUrl, state, label });

/**
 * CSP hashes of the snippet's inline `style` attributes. They do not depend on the app or the state, so
 * the page policy allows exactly these styles (`'unsafe-hashes'`) and no other inline style.
 */
export const CONNECT_BUTTON_STYLE_HASHES: readonly string[] = [
  ...new Set(
    [...connectButton({ connectAppSid: `CN${'0'.repeat(32)}`, baseUrl: 'http://127.0.0.1' }).matchAll(/\sstyle="([^"]*)"/g)].map((m) => {
      const value = m[1]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      return `'sha256-${createHash('sha256').update(value, 'utf8').digest('base64')}'`;
    }),
  ),
];
