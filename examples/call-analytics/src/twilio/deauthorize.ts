import { ConnectError, handleDeauthorize } from '@switchboard/connect';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { disconnectAccount } from '../auth/users.ts';
import type { AppContext, AppEnv } from '../env.ts';

/** A deauthorize callback is two SIDs; anything this size is not one. */
const MAX_BODY_BYTES = 64 * 1024;

/** The URL Switchboard signed: the Deauthorize URL as configured. Behind a proxy that is APP_URL's, not the one we see. */
const signedUrl = (c: AppContext): string | undefined => {
  const { publicUrl } = c.var.deps.config;
  return publicUrl === null ? undefined : publicUrl + new URL(c.req.url).pathname;
};

/**
 * The Connect App's Deauthorize URL (best practice 3): Switchboard calls it, server to server, when a
 * user revokes the app. Only a request signed with our Auth Token counts; then every user connected
 * through that AccountSid is marked disconnected and their cached dashboard dropped. GET and POST, as
 * the app's Deauthorize URL HTTP Method may be either.
 */
export function mountDeauthorize(app: Hono<AppEnv>): void {
  app.all(
    '/twilio/deauthorize',
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.text(`A deauthorize callback is under ${MAX_BODY_BYTES / 1024} KiB; this body is larger.`, 413) }),
    async (c) => {
      const { config, db, clock, analytics } = c.var.deps;
      try {
        const { accountSid, connectAppSid } = await handleDeauthorize(c.req.raw, { authToken: config.authToken, url: signedUrl(c) });
        if (connectAppSid !== config.connectAppSid) {
          // Signed by our token, so it is for another Connect App of ours sharing this URL: acknowledge, change nothing.
          console.warn(`Deauthorize callback for ${connectAppSid} ignored: this app is ${config.connectAppSid} (CONNECT_APP_SID).`);
          return c.text(`Ignored: this endpoint serves Connect App ${config.connectAppSid}, not ${connectAppSid}.`, 200);
        }
        disconnectAccount(db, accountSid, 'deauthorized', clock());
        analytics.forget(accountSid);
        return c.body(null, 204);
      } catch (error) {
        if (!(error instanceof ConnectError)) throw error;
        return c.text(error.message, error.status as 400 | 403 | 405 | 413);
      }
    },
  );
}
