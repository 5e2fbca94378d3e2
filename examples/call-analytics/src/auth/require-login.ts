import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import type { Session } from './sessions.ts';

/** Pages for signed-in users: visitors are sent to the log-in page. */
export const requireLogin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.session) return c.redirect('/login', 302);
  await next();
};

/** The session on routes behind `requireLogin`. */
export const sessionOf = (c: { var: { session: Session | undefined } }): Session => c.var.session!;
