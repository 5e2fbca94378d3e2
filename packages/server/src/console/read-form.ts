import type { MiddlewareHandler } from 'hono';
import type { BrowserEnv } from './browser-env.ts';
import { readBody } from './read-body.ts';

/** Reads the POST body once, capped, into `c.var.form`. */
export const readForm: MiddlewareHandler<BrowserEnv> = async (c, next) => {
  c.set('form', await readBody(c.req.raw));
  await next();
};
