import type { Hono } from 'hono';
import { findLogo } from '../../storage/repositories/connect-app-logos.ts';
import { isSid } from '../../util/sid.ts';
import type { BrowserEnv } from '../browser-env.ts';

/**
 * App logos are public, like the consent screen that shows them. They are served as the image type
 * detected at upload, with a policy that lets nothing in them run.
 */
export function mountLogos(app: Hono<BrowserEnv>): void {
  app.get('/logos/:sid', async (c) => {
    const sid = c.req.param('sid');
    const logo = isSid('CN', sid) ? await findLogo(c.var.deps.db, sid) : undefined;
    if (!logo) return c.notFound();
    return c.body(Buffer.from(logo.data, 'base64'), 200, {
      'content-type': logo.content_type,
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'public, max-age=300',
      'content-disposition': 'inline',
    });
  });
}
